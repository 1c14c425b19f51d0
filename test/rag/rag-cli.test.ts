import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { models, tempDir } from '../helpers/fixtures.js';

describe('RAG from the CLI', () => {
  const temp = tempDir();
  const data = ['--data-dir', path.join(temp.dir, 'data')];
  const folder = path.join(temp.dir, 'docs');
  afterAll(() => temp.cleanup());
  beforeAll(() => {
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'pumps.md'), '# Pumps\n\nThe coolant pump is inspected every 90 days.');
    writeFileSync(path.join(folder, 'budget.md'), '# Budget\n\nThe travel budget is 42,000 euros.');
    writeFileSync(path.join(folder, 'empty.txt'), '');
  });

  test('collections create → ingest → search → batch search → ask, all as JSON', async () => {
    expect((await runCli(['models', 'add', models.stories, '--approve', '--json', ...data])).code).toBe(0);
    const created = await runCli(['collections', 'create', 'kb', '--embedding-model', 'stories260K', '--answer-model', 'stories260K', '--chunk-tokens', '256', '--overlap', '32', '--json', ...data]);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ name: 'kb', settings: { chunking: { chunkTokens: 256, overlapTokens: 32 } } });

    const ingest = await runCli(['ingest', folder, '--collection', 'kb', '--acl', 'user:alice,group:analysts', '--json', ...data]);
    expect(ingest.code).toBe(0);
    expect(ingest.json()).toMatchObject({ documents: 2, chunks: expect.any(Number), skipped: [{ path: expect.stringContaining('empty.txt'), code: 'FILE_EMPTY', message: expect.any(String) }] });

    const search = await runCli(['search', '--collection', 'kb', 'coolant pump', '--k', '3', '--mode', 'hybrid', '--user', 'alice', '--json', ...data]);
    expect(search.code).toBe(0);
    const hits = search.json<{ hits: Array<Record<string, unknown>> }>().hits;
    expect(hits[0]).toMatchObject({ documentId: expect.any(Number), source: expect.stringContaining('pumps.md'), chunkId: expect.any(Number), text: expect.stringContaining('coolant'), score: expect.any(Number), location: expect.any(Object) });

    const outsider = await runCli(['search', '--collection', 'kb', 'coolant pump', '--user', 'bob', '--groups', 'sales', '--json', ...data]);
    expect(outsider.json<{ hits: unknown[] }>().hits).toEqual([]);
    const member = await runCli(['search', '--collection', 'kb', 'coolant pump', '--user', 'carol', '--groups', 'analysts', '--json', ...data]);
    expect(member.json<{ hits: unknown[] }>().hits.length).toBeGreaterThan(0);

    const queries = path.join(temp.dir, 'queries.jsonl');
    writeFileSync(queries, ['{"id":"q1","query":"coolant pump"}', '{"id":"q2","query":"travel budget"}', 'not json', '{"id":"q3","query":""}'].join('\n'));
    const batch = await runCli(['search', '--collection', 'kb', '--queries', queries, '--mode', 'bm25', '--user', 'alice', '--json', ...data]);
    expect(batch.code).toBe(0);
    const lines = batch.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; hits?: Array<{ source: string }>; error?: { code: string } });
    expect(lines.map((l) => l.id)).toEqual(['q1', 'q2', null, 'q3']);
    expect(lines[0]!.hits![0]!.source).toContain('pumps.md');
    expect(lines[1]!.hits![0]!.source).toContain('budget.md');
    expect(lines[2]!.error!.code).toBe('INVALID_INPUT');
    expect(lines[3]!.error!.code).toBe('INVALID_INPUT');

    const ask = await runCli(['ask', '--collection', 'kb', 'How often is the coolant pump inspected?', '--user', 'alice', '--json', ...data]);
    expect(ask.code).toBe(0);
    expect(ask.json()).toMatchObject({ answer: expect.any(String), citations: expect.any(Array), unsupported: expect.any(Array), traceId: expect.any(String) });
  }, 240_000); // seven CLI processes, one of them loading a model and extracting files in a child process

  test('errors are typed: unknown collection, missing --collection', async () => {
    const missing = await runCli(['search', '--collection', 'nope', 'x', '--json', ...data]);
    expect(missing.code).toBe(3);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('COLLECTION_NOT_FOUND');
    const noFlag = await runCli(['ingest', folder, '--json', ...data]);
    expect(noFlag.code).toBe(2);
  });
});
