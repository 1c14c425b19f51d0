// Ingestion from the real `enclave` command against hostile files made here: each file is extracted under a time
// budget (FILE_TOO_COMPLEX, the rest continue), SIGTERM stops a run promptly and a later run resumes, a ZIP is done
// only when all its members are, and the report counts what is stored.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot, tempDir } from '../helpers/fixtures.js';
import { deepMarkdownList, emphasisRun, nestedHtml, pdfWithEmptyUserPassword } from '../helpers/hostile-files.js';

interface Report {
  documents: number;
  chunks: number;
  unchanged: number;
  skipped: Array<{ path: string; code: string; message: string }>;
  warnings: Array<{ path: string; code: string; message: string }>;
}

function query<T>(dbFile: string, sql: string): T | undefined {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).get() as T;
    } finally {
      db.close();
    }
  } catch {
    return undefined; // not created yet, or mid-migration
  }
}

/** Polls until `ready()` holds (a real process is doing real work: no sleeping for a guessed time). */
async function until(ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function startIngest(args: string[]): { child: ReturnType<typeof spawn>; stderr: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/cli/main.ts'), 'ingest', ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => stderr, exited };
}

describe('ingestion budgets, signals and archives through the CLI', () => {
  const temp = tempDir('enclave-ingest-budget-');
  const dataDir = path.join(temp.dir, 'data');
  const dbFile = path.join(dataDir, 'enclave.db');
  const data = ['--data-dir', dataDir];
  const tight = { ENCLAVE_EXTRACT_TIMEOUT_MS: '3000' };
  const folder = (name: string, files: Record<string, string | Uint8Array>): string => {
    const dir = path.join(temp.dir, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
    return dir;
  };

  beforeAll(async () => {
    for (const name of ['budget', 'signals', 'archives', 'counts']) {
      expect((await runCli(['collections', 'create', name, '--chunk-tokens', '64', '--overlap', '8', '--json', ...data])).code).toBe(0);
    }
  }, 240_000);
  afterAll(() => temp.cleanup());

  test('files that exceed the time budget are skipped with FILE_TOO_COMPLEX; the others are indexed', { timeout: 240_000 }, async () => {
    const dir = folder('hostile', {
      'a-good.md': '# Pumps\n\nThe coolant pump is inspected every 90 days.',
      'b-deep.md': deepMarkdownList(20_000),
      'c-nested.html': nestedHtml(50_000),
      'd-emphasis.md': emphasisRun(1024 * 1024),
      'e-last.md': '# Budget\n\nThe travel budget is 42,000 euros.',
    });
    const run = await runCli(['ingest', dir, '--collection', 'budget', '--acl', 'public', '--json', ...data], { env: tight, timeoutMs: 200_000 });
    expect(run.code).toBe(0);
    const report = run.json<Report>();
    expect(report.documents).toBe(2);
    expect(report.skipped.map((s) => [path.basename(s.path), s.code])).toEqual([['b-deep.md', 'FILE_TOO_COMPLEX'], ['c-nested.html', 'FILE_TOO_COMPLEX'], ['d-emphasis.md', 'FILE_TOO_COMPLEX']]);
    expect(report.skipped[0]!.message).toBe('`b-deep.md` took longer than 3 s to extract; it was skipped. Simplify or split it, or raise ENCLAVE_EXTRACT_TIMEOUT_MS');
    const search = await runCli(['search', '--collection', 'budget', 'travel budget', '--json', ...data]);
    expect(search.json<{ hits: Array<{ source: string }> }>().hits[0]!.source).toContain('e-last.md');
  });

  test('SIGTERM during a hostile extraction stops the CLI within seconds with a clear message; the next run resumes', { timeout: 240_000 }, async () => {
    const dir = folder('stuck', { 'a-deep.md': deepMarkdownList(20_000), 'b-good.md': '# Valves\n\nThe relief valve opens at 12 bar.' });
    // The default budget (60 s): without the signal this run would sit on a-deep.md for a minute.
    const run = startIngest([dir, '--collection', 'signals', '--acl', 'public', ...data]);
    // The staged row of a-deep.md exists once its extraction has begun.
    await until(() => (query<{ n: number }>(dbFile, "SELECT count(*) AS n FROM documents WHERE status = 'indexing' AND source LIKE '%a-deep.md'")?.n ?? 0) > 0, 120_000);
    const sentAt = Date.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(Date.now() - sentAt).toBeLessThan(8_000);
    expect(run.stderr()).toContain('SIGTERM received; stopping the job (work finished so far is kept; run the same command again to resume)');
    expect(exit.signal).toBeNull();
    expect([130, 143]).toContain(exit.code);
    expect(query<{ n: number }>(dbFile, "SELECT count(*) AS n FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = 'signals' AND d.status = 'indexed'")?.n).toBe(0);

    const resumed = await runCli(['ingest', dir, '--collection', 'signals', '--acl', 'public', '--json', ...data], { env: tight, timeoutMs: 200_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.json<Report>()).toMatchObject({ documents: 1, skipped: [{ path: expect.stringContaining('a-deep.md'), code: 'FILE_TOO_COMPLEX' }] });
  });

  test('SIGKILL mid-archive: the resumed run re-processes the missing members, and every member is visible', { timeout: 240_000 }, async () => {
    const MEMBERS = 1500;
    const members: Record<string, Uint8Array> = {};
    for (let i = 0; i < MEMBERS; i++) members[`notes/note-${String(i).padStart(4, '0')}.md`] = new TextEncoder().encode(`# Note ${i}\n\nInspection ${i} found the valve at ${i % 97} bar.`);
    const dir = folder('zip', { 'notes.zip': zipSync(members, { level: 1 }) });
    const visibleMembers = (): number => query<{ n: number }>(dbFile, "SELECT count(*) AS n FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = 'archives' AND d.status = 'indexed' AND d.source LIKE '%notes.zip!/%'")?.n ?? 0;
    const run = startIngest([dir, '--collection', 'archives', '--acl', 'public', ...data]);
    await until(() => visibleMembers() >= 100, 180_000);
    run.child.kill('SIGKILL');
    await run.exited;
    // The kill landed mid-archive (otherwise this test would prove nothing).
    expect(visibleMembers()).toBeLessThan(MEMBERS);

    const resumed = await runCli(['ingest', dir, '--collection', 'archives', '--acl', 'public', '--json', ...data], { timeoutMs: 200_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.json<Report>().unchanged).toBe(0);
    expect(visibleMembers()).toBe(MEMBERS);
    const again = await runCli(['ingest', dir, '--collection', 'archives', '--acl', 'public', '--json', ...data]);
    expect(again.json<Report>()).toMatchObject({ documents: 0, unchanged: 1 });
  });

  test('the report counts ZIP members once (reported chunks == stored), and an empty-password PDF gets a note', { timeout: 240_000 }, async () => {
    const members: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) members[`part-${i}.md`] = new TextEncoder().encode(`# Part ${i}\n\n${'The pump housing was checked and found sound. '.repeat(40)}`);
    const dir = folder('count', { 'parts.zip': zipSync(members), 'open.pdf': pdfWithEmptyUserPassword('Quarterly coolant figures') });
    const run = await runCli(['ingest', dir, '--collection', 'counts', '--acl', 'public', '--json', ...data], { timeoutMs: 200_000 });
    expect(run.code).toBe(0);
    const report = run.json<Report>();
    const stored = query<{ chunks: number; documents: number }>(dbFile, "SELECT (SELECT count(*) FROM chunks ch JOIN documents d ON d.id = ch.document_id JOIN collections c ON c.id = d.collection_id WHERE c.name = 'counts') AS chunks, (SELECT count(*) FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = 'counts' AND d.status = 'indexed') AS documents")!;
    expect(stored.chunks).toBeGreaterThan(5);
    expect(report.chunks).toBe(stored.chunks);
    expect(report.documents).toBe(stored.documents);
    expect(report.warnings).toEqual([{ path: path.join(dir, 'open.pdf'), code: 'ENCRYPTED_EMPTY_PASSWORD', message: '`open.pdf` is encrypted with an empty user password (anyone can open it); it was indexed as is' }]);
    const human = await runCli(['ingest', dir, '--collection', 'counts', '--acl', 'user:alice', ...data], { timeoutMs: 200_000 });
    expect(human.stdout).toContain('note ' + path.join(dir, 'open.pdf') + ': `open.pdf` is encrypted with an empty user password');
  });
});
