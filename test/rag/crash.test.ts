import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot, tempDir } from '../helpers/fixtures.js';

function indexedCount(dbFile: string): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM documents WHERE status = 'indexed'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/**
 * Starts `enclave ingest` and SIGKILLs it once it has committed `more` further documents plus a random few
 * milliseconds: a crash at an arbitrary point of the pipeline (extracting, chunking, mid-transaction).
 */
function ingestAndKill(args: string[], dbFile: string, more: number): Promise<void> {
  const start = indexedCount(dbFile);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/cli/main.ts'), ...args], { stdio: 'ignore' });
    const poll = setInterval(() => {
      if (indexedCount(dbFile) >= start + more) {
        clearInterval(poll);
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    }, 10);
    child.on('exit', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

function invariants(dbFile: string): { indexed: number; staged: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every visible document has exactly the chunks it claims; nothing visible is half-written.
    const mismatched = db.prepare(`SELECT d.id, d.chunk_count, (SELECT count(*) FROM chunks c WHERE c.document_id = d.id) AS actual
      FROM documents d WHERE d.status = 'indexed' AND d.chunk_count != (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)`).all();
    expect(mismatched).toEqual([]);
    const duplicates = db.prepare("SELECT source FROM documents WHERE status = 'indexed' GROUP BY index_id, source HAVING count(*) > 1").all();
    expect(duplicates).toEqual([]);
    // Full text and chunks agree.
    const fts = db.prepare('SELECT count(*) AS n FROM chunks_fts').get() as { n: number };
    const chunks = db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number };
    expect(fts.n).toBe(chunks.n);
    const counts = db.prepare("SELECT sum(status = 'indexed') AS indexed, sum(status = 'indexing') AS staged FROM documents").get() as { indexed: number | null; staged: number | null };
    return { indexed: counts.indexed ?? 0, staged: counts.staged ?? 0 };
  } finally {
    db.close();
  }
}

describe('killing ingestion at random points leaves a consistent, resumable database', () => {
  const temp = tempDir();
  const corpus = path.join(temp.dir, 'corpus');
  const dataDir = path.join(temp.dir, 'data');
  const common = ['--collection', 'crash', '--data-dir', dataDir, '--acl', 'public'];
  const FILES = 120;

  beforeAll(async () => {
    mkdirSync(corpus, { recursive: true });
    for (let i = 0; i < FILES; i++) {
      const paragraphs = Array.from({ length: 40 }, (_, p) => `Paragraph ${p} of report ${i}: the inspection of unit ${i * 7 + p} found the valve pressure at ${(p * 13) % 97} bar.`);
      writeFileSync(path.join(corpus, `report-${String(i).padStart(3, '0')}.md`), `# Report ${i}\n\n${paragraphs.join('\n\n')}`);
    }
    expect((await runCli(['collections', 'create', 'crash', '--chunk-tokens', '64', '--overlap', '8', '--data-dir', dataDir, '--json'])).code).toBe(0);
  });
  afterAll(() => temp.cleanup());

  test('SIGKILL during ingestion, several times, then resume to completion', async () => {
    const dbFile = path.join(dataDir, 'enclave.db');
    const progress: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      await ingestAndKill(['ingest', corpus, ...common], dbFile, 3 + Math.floor(Math.random() * 15));
      const state = invariants(dbFile);
      progress.push(state.indexed);
      // Search right after a crash sees only whole documents.
      const search = await runCli(['search', '--collection', 'crash', 'valve pressure inspection', '--k', '50', '--data-dir', dataDir, '--json']);
      expect(search.code).toBe(0);
    }
    expect(Math.max(...progress)).toBeLessThan(FILES); // the kills did interrupt the work
    const resumed = await runCli(['ingest', corpus, ...common, '--json'], { timeoutMs: 180_000 });
    expect(resumed.code).toBe(0);
    const report = resumed.json<{ documents: number; unchanged: number; skipped: unknown[] }>();
    expect(report.skipped).toEqual([]);
    // Finished documents were kept: the resumed run only did the rest.
    expect(report.unchanged).toBe(Math.max(...progress));
    expect(report.documents + report.unchanged).toBe(FILES);
    expect(invariants(dbFile)).toEqual({ indexed: FILES, staged: 0 });
  }, 300_000);
});
