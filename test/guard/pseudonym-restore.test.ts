import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { models, tempDir } from '../helpers/fixtures.js';

const owner = localContext('test');
const alice = as('alice', ['analysts']);

describe('reversible pseudonyms: sealed in the vault per answer, restored only for those allowed', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, owner);
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true }, owner);
    const folder = path.join(temp.dir, 'docs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'pumps.md'), '# Pumps\n\nThe coolant pump is inspected every 90 days.');
    await api.call('rag.collections.create', {
      name: 'hr',
      settings: { answer: { model: 'stories', maxTokens: 8 }, guard: { input: { pii: { mode: 'pseudonym' } } } },
    });
    await api.job('rag.ingest', { collection: 'hr', paths: [folder], acl: ['public'] });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('the model sees a pseudonym; an administrator restores the value; an analyst may not; the trail keeps no value', async () => {
    const asked = await api.job<AskResult>('rag.ask', { collection: 'hr', question: 'Does jane.doe@example.com inspect the coolant pump?' }, alice);
    expect(asked.guard).toContainEqual(expect.objectContaining({ stage: 'input', scanner: 'pii', outcome: 'redacted' }));
    const trace = await api.call<{ prompt: string }>('rag.traces.get', { traceId: asked.traceId });
    expect(trace.prompt).not.toContain('jane.doe@example.com');
    const pseudonym = /<EMAIL_ADDRESS_[0-9a-f]{10}>/.exec(trace.prompt)?.[0];
    expect(pseudonym).toBeDefined();

    const restored = await api.call<{ text: string; restored: number; unknown: number }>('guard.restore', { scope: asked.traceId, text: `Mail ${pseudonym!} today` });
    expect(restored).toEqual({ text: 'Mail jane.doe@example.com today', restored: 1, unknown: 0 });
    // Another answer's scope does not open it.
    expect(await api.call('guard.restore', { scope: 'another-trace', text: pseudonym! })).toEqual({ text: pseudonym, restored: 0, unknown: 1 });
    expect((await api.failure('guard.restore', { scope: asked.traceId, text: pseudonym! }, alice)).code).toBe('FORBIDDEN');

    const { entries } = await api.call<{ entries: Array<{ seq: number }> }>('audit.list', { action: 'guard.restore', outcome: 'success' });
    expect(entries.length).toBeGreaterThan(0);
    const recorded = await Promise.all(entries.map((e) => api.call<{ payload: unknown; target: string }>('audit.get', { seq: e.seq })));
    expect(recorded.map((e) => e.target)).toContain(`scope:${asked.traceId}`);
    for (const entry of recorded) expect(JSON.stringify(entry.payload)).not.toContain('jane.doe');
  });
});

describe('enclave guard restore', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const cli = (args: string[]) => runCli(['guard', 'restore', ...args, '--data-dir', path.join(temp.dir, 'data'), '--json']);

  test('restores from a scope, reports what it could not, and names what is missing', async () => {
    const unknown = await cli(['--scope', 'no-such-trace', '--text', 'Mail <EMAIL_ADDRESS_0123456789> today']);
    expect([unknown.code, unknown.json()]).toEqual([0, { text: 'Mail <EMAIL_ADDRESS_0123456789> today', restored: 0, unknown: 1 }]);
    const noScope = await cli(['--text', 'x']);
    expect([noScope.code, noScope.json<{ error: { message: string } }>().error.message]).toEqual([2, expect.stringContaining('--scope')]);
  }, 60_000);
});
