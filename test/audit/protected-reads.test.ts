import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditClasses } from '../../electron/core/audit/audit-classes.js';
import { AuditService } from '../../electron/core/audit/audit.service.js';
import type { AuditEntry } from '../../electron/core/contract/audit.api.js';
import { methods } from '../../electron/core/contract/api.js';
import { localContext } from '../../electron/core/contract/context.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { openDatabase } from '../../native/sqlite/open.js';
import { models, tempDir } from '../helpers/fixtures.js';

// Issue 9: the audit trail records every call that returns protected content, not only calls that change something.
// What it keeps of such a read is who read what (ids and counts), never the content.
const SECRET = 'Falcon Holdings pays 9 million euros';

describe('reads of protected content are on the audit trail, without the content (real core)', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    const folder = path.join(temp.dir, 'docs');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'merger.md'), `# Nordpump\n\nThe supplier Nordpump is acquired: ${SECRET}.`);
    core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    api = coreClient(core, localContext('test', 'dana'));
    await api.job('models.import', { path: models.stories });
    await api.call('models.approve', { ref: 'stories260K', reason: 'answers in this test' });
    await api.call('rag.collections.create', { name: 'kb', settings: { answer: { model: 'stories260K' } } });
    await api.job('rag.ingest', { collection: 'kb', paths: [folder] });
    await api.call('eval.datasets.import', { name: 'golden', content: `{"id":"q1","vars":{"question":"${SECRET}?"},"expected":"yes"}` });
  });
  afterAll(() => temp.cleanup());

  test('every method in the api table is classified, and only those', () => {
    expect(Object.keys(auditClasses).sort()).toEqual([...methods].sort());
  });

  test('searches, documents, answers, traces, datasets, audit data and restores each leave an entry', async () => {
    const { hits } = await api.call<{ hits: Array<{ chunkId: number; text: string }> }>('rag.search', { collection: 'kb', query: 'Nordpump' });
    expect(hits[0]?.text).toContain(SECRET);
    await api.call('rag.documents.list', { collection: 'kb' });
    const answer = await api.job<{ traceId: string; abstained: boolean }>('rag.ask', { collection: 'kb', question: 'Which colour has the evening sky?' });
    expect(answer.abstained).toBe(true);
    await api.call('rag.traces.get', { traceId: answer.traceId });
    await api.call('eval.datasets.show', { dataset: 'golden' });
    expect((await api.call<{ content: string }>('eval.datasets.export', { dataset: 'golden' })).content).toContain(SECRET);
    await api.call('guard.restore', { scope: answer.traceId, text: 'nothing sealed here' });
    const { entries } = await api.call<{ entries: AuditEntry[] }>('audit.list', {});
    await api.call('audit.get', { seq: entries.find((e) => e.action === 'rag.search')!.seq });
    // Plain reads stay off the trail.
    await api.call('models.list', {});
    await api.call('settings.get', {});
    await core.close(); // flushes the queued entries

    const { db } = openDatabase(path.join(dataDir, 'enclave.db'));
    try {
      const audit = AuditService.open({ db, dataDir });
      const recorded = audit.list({ actor: 'dana', limit: 1000 }).reverse();
      const reads = ['rag.search', 'rag.documents.list', 'rag.ask', 'rag.ask.completed', 'rag.traces.get', 'eval.datasets.show', 'eval.datasets.export', 'guard.restore', 'audit.list', 'audit.get'];
      expect(recorded.map((e) => e.action).filter((action) => reads.includes(action))).toEqual(reads);
      expect(recorded.map((e) => e.action)).not.toContain('models.list');
      expect(recorded.map((e) => e.action)).not.toContain('settings.get');

      const payloadOf = (action: string): { params: unknown; result: Record<string, unknown> } => audit.get(recorded.find((e) => e.action === action)!.seq).payload as never;
      for (const action of reads) {
        const entry = recorded.find((e) => e.action === action)!;
        expect(entry.outputDigest, action).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(audit.get(entry.seq).payload), action).not.toMatch(/Falcon Holdings|9 million/);
      }
      // Who read what: the ids and how many.
      expect(payloadOf('rag.search').result).toEqual({ hits: { count: hits.length, ids: hits.map((h) => h.chunkId) } });
      expect(payloadOf('rag.traces.get').result).toMatchObject({ id: answer.traceId, retrieved: { count: expect.any(Number) } });
      expect(payloadOf('eval.datasets.export').result).toMatchObject({ dataset: 'golden', version: 1, cases: 1 });
      expect(payloadOf('eval.datasets.show').result).toMatchObject({ total: 1, cases: { count: 1, ids: ['q1'] } });
      expect(payloadOf('guard.restore').result).toEqual({ restored: 0, unknown: 0 });
      expect(payloadOf('audit.list').result).toMatchObject({ entries: { count: entries.length } });
      expect(audit.verify().ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
