// The headless server (its core in a worker thread, extraction in child processes) under the same per-file budget:
// a hostile file is reported FILE_TOO_COMPLEX, the rest of the job goes on, and the server keeps answering meanwhile.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { tempDir } from '../helpers/fixtures.js';
import { deepMarkdownList, nestedHtml, pdfWithEmptyUserPassword } from '../helpers/hostile-files.js';

describe('ingestion budgets on the real server', () => {
  const temp = tempDir('enclave-budget-server-');
  const folder = path.join(temp.dir, 'docs');
  let server: RunningServer;
  const rpc = async <T>(method: string, params: unknown): Promise<{ ok: boolean; value: T; error?: { code: string } }> => {
    const response = await fetch(`${server.origin}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(params) });
    return (await response.json()) as { ok: boolean; value: T };
  };

  beforeAll(async () => {
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a-deep.md'), deepMarkdownList(20_000));
    writeFileSync(path.join(folder, 'b-good.md'), '# Pumps\n\nThe coolant pump is inspected every 90 days.');
    writeFileSync(path.join(folder, 'c-nested.html'), nestedHtml(50_000));
    writeFileSync(path.join(folder, 'd-open.pdf'), pdfWithEmptyUserPassword('Quarterly coolant figures'));
    // The core reads the budget from the environment when it starts (a worker thread inherits it).
    process.env.ENCLAVE_EXTRACT_TIMEOUT_MS = '8000';
    try {
      server = await startServer({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, port: 0 });
    } finally {
      delete process.env.ENCLAVE_EXTRACT_TIMEOUT_MS;
    }
  });
  afterAll(async () => {
    await server?.close();
    temp.cleanup();
  });

  test('rag.ingest: hostile files are skipped with FILE_TOO_COMPLEX, good ones indexed, the server stays responsive', { timeout: 240_000 }, async () => {
    expect((await rpc('rag.collections.create', { name: 'kb' })).ok).toBe(true);
    const started = await rpc<{ jobId: string }>('rag.ingest', { collection: 'kb', paths: [folder], acl: ['public'] });
    expect(started.ok).toBe(true);
    const waiting = rpc<{ documents: number; chunks: number; skipped: Array<{ path: string; code: string }>; warnings: Array<{ path: string; code: string }> }>('jobs.wait', { jobId: started.value.jobId });
    // While a parser spins in its child, the core's event loop answers other calls at once.
    const pingedAt = performance.now();
    expect((await rpc('app.info', {})).ok).toBe(true);
    expect(performance.now() - pingedAt).toBeLessThan(2_000);
    const report = await waiting;
    expect(report.ok).toBe(true);
    expect(report.value.skipped.map((s) => [path.basename(s.path), s.code])).toEqual([['a-deep.md', 'FILE_TOO_COMPLEX'], ['c-nested.html', 'FILE_TOO_COMPLEX']]);
    expect(report.value.documents).toBe(2);
    expect(report.value.warnings).toEqual([expect.objectContaining({ path: path.join(folder, 'd-open.pdf'), code: 'ENCRYPTED_EMPTY_PASSWORD' })]);
    const hits = await rpc<{ hits: Array<{ source: string }> }>('rag.search', { collection: 'kb', query: 'coolant pump', k: 5 });
    expect(hits.value.hits.map((h) => path.basename(h.source))).toContain('b-good.md');
  });
});
