import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCsv, parseJsonl } from '../../electron/core/eval/datasets/dataset-parse.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

interface ImportReport { dataset: string; version: number; imported: number; reused: boolean; errors: Array<{ row: number; message: string }> }
interface Shown { version: number; total: number; cases: Array<{ key: string; vars: Record<string, unknown>; expected: string | null; references: string[]; contexts: string[]; tags: string[]; human: unknown }> }

const jsonl = [
  '{"id": "q1", "vars": {"question": "What is 2+2?"}, "expected": "4", "tags": ["math"], "human": {"score": 5}}',
  '{"question": "Capital of France?", "expected": "Paris", "contexts": ["Paris is the capital of France."]}',
  '{"id": "q3", "vars": "not an object"}',
  '',
  'not json at all',
  '{"id": "q1", "vars": {"question": "duplicate id"}}',
  '{"id": "q5", "vars": {"question": "Score?"}, "human": {"score": 9}}',
  '{"id": "q6", "vars": {"question": "Refs?"}, "references": ["a", "b"]}',
].join('\n');

const csv = [
  'id,question,expected,tags,human_score',
  'c1,"What is ""RAG""?",retrieval-augmented generation,"ai,nlp",4',
  'c2,too,few',
  'c3,"Multi',
  'line question",answer,,',
  'c4,"bad "quote",x,,',
  'c5,Last one,yes,,2',
].join('\n');

describe('datasets: import with per-row errors, versions, export', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('JSONL: broken rows are reported by line and the rest are parsed', () => {
    const parsed = parseJsonl(jsonl);
    expect(parsed.cases.map((c) => c.row)).toEqual([1, 2, 6, 8]);
    expect(parsed.errors).toEqual([
      { row: 3, message: '"vars" must be an object of variable values' },
      { row: 5, message: expect.stringContaining('not valid JSON') },
      { row: 7, message: 'human score must be a whole number from 1 to 5, got 9' },
    ]);
    expect(parsed.cases[1]).toMatchObject({ key: null, vars: { question: 'Capital of France?' }, expected: 'Paris', references: ['Paris'], contexts: ['Paris is the capital of France.'] });
    expect(parsed.cases[3]).toMatchObject({ expected: 'a', references: ['a', 'b'] });
  });

  test('CSV: quoted and multi-line cells; wrong cell counts and bad quotes are reported by line', () => {
    const parsed = parseCsv(csv);
    expect(parsed.cases.map((c) => [c.row, c.key])).toEqual([[2, 'c1'], [4, 'c3'], [7, 'c5']]);
    expect(parsed.cases[0]).toMatchObject({ vars: { question: 'What is "RAG"?' }, expected: 'retrieval-augmented generation', tags: ['ai', 'nlp'], human: { score: 4 } });
    expect(parsed.cases[1]?.vars).toEqual({ question: 'Multi\nline question' });
    expect(parsed.errors).toEqual([
      { row: 3, message: 'has 3 cells but the header has 5 columns' },
      { row: 6, message: expect.stringContaining('malformed CSV') },
    ]);
  });

  test('import keeps the good rows, reports the rest, versions the dataset and reuses identical content', async () => {
    const file = path.join(temp.dir, 'golden.jsonl');
    writeFileSync(file, jsonl);
    const first = await client.call<ImportReport>('eval.datasets.import', { name: 'golden', path: file });
    expect(first).toMatchObject({ dataset: 'golden', version: 1, imported: 3, reused: false });
    // The duplicate id of line 6 is an error too: ids pair cases across runs.
    expect(first.errors.map((e) => e.row)).toEqual([3, 5, 6, 7]);
    expect(first.errors[2]?.message).toBe('id "q1" repeats the id of row 1');
    expect((await client.call<ImportReport>('eval.datasets.import', { name: 'golden', path: file })).reused).toBe(true);
    const second = await client.call<ImportReport>('eval.datasets.import', { name: 'golden', content: csv, format: 'csv', note: 'from csv' });
    expect([second.version, second.imported]).toEqual([2, 3]);
    const latest = await client.call<Shown>('eval.datasets.show', { dataset: 'golden' });
    expect([latest.version, latest.total, latest.cases.map((c) => c.key)]).toEqual([2, 3, ['c1', 'c3', 'c5']]);
    expect((await client.call<Shown>('eval.datasets.show', { dataset: 'golden@1' })).cases.map((c) => c.key)).toEqual(['q1', '2', 'q6']);
    const missing = await client.failure('eval.datasets.show', { dataset: 'golden@7' });
    expect([missing.code, missing.message]).toEqual(['DATASET_NOT_FOUND', 'Dataset "golden" has no version 7; versions: 2, 1']);
    const empty = await client.failure('eval.datasets.import', { name: 'broken', content: 'nope\n{"vars": 1}', format: 'jsonl' });
    expect(empty.message).toContain('No case of (jsonl content) could be imported: row 1: not valid JSON');
  });

  test('export to JSONL and CSV and back gives the same cases', async () => {
    for (const format of ['jsonl', 'csv'] as const) {
      const exported = await client.call<{ content: string; cases: number }>('eval.datasets.export', { dataset: 'golden@1', format });
      const name = `copy-${format}`;
      const back = await client.call<ImportReport>('eval.datasets.import', { name, content: exported.content, format });
      expect(back.errors).toEqual([]);
      const [a, b] = [await client.call<Shown>('eval.datasets.show', { dataset: 'golden@1' }), await client.call<Shown>('eval.datasets.show', { dataset: name })];
      expect(b.cases).toEqual(a.cases);
    }
    const out = path.join(temp.dir, 'out.csv');
    await client.call('eval.datasets.export', { dataset: 'golden', format: 'csv', path: out });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('id,vars.question,expected,tags,human');
  });

  test('the CLI imports a file with broken rows and exits 0, reporting them', async () => {
    const file = path.join(temp.dir, 'cli.csv');
    writeFileSync(file, csv);
    const datasets = (args: string[]) => runCli(['datasets', ...args, '--data-dir', path.join(temp.dir, 'cli-data'), '--models-dir', temp.dir]);
    const run = await datasets(['import', file, '--name', 'cli', '--json']);
    expect(run.code).toBe(0);
    expect(run.json<ImportReport>()).toMatchObject({ imported: 3, errors: [{ row: 3 }, { row: 6 }] });
    const human = await datasets(['import', file, '--name', 'cli2']);
    expect(human.stderr).toContain('cli.csv line 3: has 3 cells but the header has 5 columns (skipped)');
    const exported = await datasets(['export', 'cli', '--format', 'jsonl']);
    expect(exported.stdout.trim().split('\n')).toHaveLength(3);
    const none = await datasets(['export', 'nope', '--json']);
    expect([none.code, none.json<{ error: { code: string } }>().error.code]).toEqual([3, 'DATASET_NOT_FOUND']);
  }, 120_000);
});
