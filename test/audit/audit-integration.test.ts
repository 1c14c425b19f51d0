import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditEntry, IntegrityReport } from '../../electron/core/contract/audit.api.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { models, tempDir } from '../helpers/fixtures.js';

describe('every model call, retrieval and change is on the audit trail', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const dana = { ...as('dana', ['ops']), roles: ['admin'] };

  beforeAll(() => {
    core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    api = coreClient(core, dana);
  });
  afterAll(() => temp.cleanup());

  test('calls and job outcomes become chained entries; plain reads do not', async () => {
    await api.job('models.import', { path: models.stories });
    await api.jobFailure('models.import', { path: path.join(temp.dir, 'missing.gguf') });
    await api.job('inference.generate', { model: 'stories260K', prompt: 'Once upon a time', maxTokens: 8, temperature: 0 });
    await api.call('models.list', {});
    await api.call('rag.collections.create', { name: 'kb' });
    await api.call('rag.search', { collection: 'kb', query: 'anything' });
    const { entries } = await api.call<{ entries: AuditEntry[] }>('audit.list', { limit: 100 });
    const actions = entries.map((e) => `${e.action}:${e.outcome}`).reverse();
    expect(actions).toEqual([
      'models.import:success', 'models.import.completed:success',
      'models.import:success', 'models.import.completed:failure',
      'inference.generate:success', 'inference.generate.completed:success',
      'rag.collections.create:success',
      'rag.search:success',
    ]);
    expect(entries.every((e) => e.actor === 'dana')).toBe(true);
    const generation = entries.find((e) => e.action === 'inference.generate.completed')!;
    expect(generation.target).toBe('model:stories260K');
    expect(generation.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    const detail = await api.call<{ payload: { result: { text: string } } }>('audit.get', { seq: generation.seq });
    expect(detail.payload.result.text).toContain('there was');
    const report = await api.call<IntegrityReport>('audit.verify', {});
    expect(report.ok).toBe(true);
    await core.close();
  });

  test('the CLI verifies the same trail', async () => {
    const run = await runCli(['audit', 'verify', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    // The 8 above, then the reads of audit data: audit.list, audit.get and audit.verify.
    expect(run.json<{ ok: boolean; entries: number }>()).toMatchObject({ ok: true, entries: 11 });
  });
});
