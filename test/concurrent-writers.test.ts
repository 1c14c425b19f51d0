import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../electron/server/server.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/fixtures.js';

/** Text files with distinct words, so each one is chunked and indexed (many small write transactions each). */
function writeDocuments(folder: string, prefix: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from({ length: 24 }, (_, p) => `Paragraph ${p} of ${prefix} note ${i}: the ${prefix}${i}x${p} valve is checked after ${p * 7 + i} hours of service.`);
    writeFileSync(path.join(folder, `${prefix}-${i}.txt`), paragraphs.join('\n\n'));
  }
}

// Issue 10.8: two `enclave ingest` processes and the server's writes on one data dir used to fail with
// SQLITE_BUSY_SNAPSHOT (INTERNAL) or DB_BUSY; writers now take the write lock up front and wait for it.
describe('concurrent writers on one data dir', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  const data = ['--data-dir', dataDir];
  let server: RunningServer;

  beforeAll(async () => {
    writeDocuments(path.join(temp.dir, 'north'), 'north', 10);
    writeDocuments(path.join(temp.dir, 'south'), 'south', 10);
    expect((await runCli(['collections', 'create', 'kb', '--chunk-tokens', '64', '--overlap', '8', '--json', ...data])).code).toBe(0);
    server = await startServer({ dataDir, modelsDir: temp.dir, port: 0 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    temp.cleanup();
  });

  test('two CLI ingests and a server creating prompts all succeed', async () => {
    let ingesting = true;
    const serverWrites = (async () => {
      const outcomes: Array<{ status: number; code?: string }> = [];
      for (let i = 0; ingesting || i < 5; i++) {
        const response = await fetch(`${server.origin}/rpc/prompts.create`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
          body: JSON.stringify({ name: `p${i}`, user: 'Hello {{who}}' }),
        });
        const body = (await response.json()) as { ok: boolean; error?: { code: string } };
        outcomes.push({ status: response.status, ...(body.error ? { code: body.error.code } : {}) });
        // Paced, not a busy loop: the two ingests need the machine's cores too.
        await delay(25);
      }
      return outcomes;
    })();
    const ingests = await Promise.all(
      ['north', 'south'].map((folder) => runCli(['ingest', path.join(temp.dir, folder), '--collection', 'kb', '--acl', 'public', '--json', ...data], { timeoutMs: 120_000 })),
    );
    ingesting = false;
    const outcomes = await serverWrites;

    for (const run of ingests) {
      expect(run.stderr + run.stdout).not.toMatch(/DB_BUSY|INTERNAL|database is locked/);
      expect({ code: run.code, output: run.stdout + run.stderr }).toMatchObject({ code: 0 });
      expect(run.json()).toMatchObject({ documents: 10 });
    }
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    const listed = await runCli(['search', '--collection', 'kb', 'valve', '--k', '100', '--mode', 'bm25', '--json', ...data]);
    const sources = new Set(listed.json<{ hits: Array<{ source: string }> }>().hits.map((h) => path.basename(path.dirname(h.source))));
    expect(sources).toEqual(new Set(['north', 'south']));
  }, 180_000);
});
