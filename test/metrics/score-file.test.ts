// `enclave metrics score`: the pure scoreFile and the command itself (without a process), including
// broken lines, unknown metrics, and corpus scores that equal sacreBLEU's on a whole WMT17 system.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { metricsCommand, scoreFile, type ScoreFileResult } from '../../electron/cli/commands/metrics.command.js';
import type { CliContext } from '../../electron/cli/cli-context.js';
import { Output } from '../../electron/cli/output.js';
import { AppError } from '../../electron/core/contract/errors.js';
import { sentenceBleu } from '../../electron/core/eval/metrics/bleu.metric.js';
import { rougeScore } from '../../electron/core/eval/metrics/rouge.metric.js';
import { wmt17Corpus, wmt17Systems } from './reference-data.js';

const jsonl = (rows: unknown[]): string[] => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));

const pairs = jsonl([
  { id: 'a', hypothesis: 'The cat sat on the mat.', references: ['The cat sat on the mat.'] },
  { id: 'b', hypothesis: 'The runners were running fast', references: ['A runner runs fast', 'The runner ran quickly'] },
  '',
  '{"id": "c", "hypothesis": "broken',
  { id: 'd', hypothesis: 'no references', references: [] },
  { hypothesis: 'no id', references: ['x'] },
  { id: 7, hypothesis: 'Paris', references: ['the Paris'] },
]);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('scoreFile', () => {
  const all = ['bleu', 'chrf', 'chrf++', 'ter', 'rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'meteor', 'em', 'f1', 'exact'];
  const result = scoreFile(pairs, { metrics: all });

  test('scores the good lines with every metric, keeping ids and line numbers', () => {
    expect(result.lines.map((l) => [l.line, l.id])).toEqual([[1, 'a'], [2, 'b'], [7, 7]]);
    const perfect = result.lines[0]?.scores ?? {};
    // sacreBLEU's own perfect sentence BLEU is 100.00000000000004 (exp of a log sum); ours is the same number.
    // METEOR of 7 identical tokens: one chunk, penalty 0.5·(1/7)³.
    expect(perfect).toEqual({ bleu: expect.closeTo(100, 10), chrf: 100, 'chrf++': 100, ter: 0, rouge1: 1, rouge2: 1, rougeL: 1, rougeLsum: 1, meteor: expect.closeTo(1 - 0.5 / 343, 12), em: 1, f1: 1, exact: 1 });
    expect(result.lines[2]?.scores.em).toBe(1); // "Paris" vs "the Paris" after SQuAD normalisation
    expect(result.lines[2]?.scores.exact).toBe(0);
  });

  test('per-line BLEU is sentence BLEU and per-line ROUGE the F-measure of the best reference', () => {
    const b = result.lines[1]?.scores ?? {};
    const refs = ['A runner runs fast', 'The runner ran quickly'];
    expect(b.bleu).toBe(sentenceBleu('The runners were running fast', refs).score);
    expect(b.rougeL).toBe(Math.max(...refs.map((r) => rougeScore('rougeL', r, 'The runners were running fast').fmeasure)));
  });

  test('reports each broken line by number as INVALID_INPUT and skips blank lines', () => {
    expect(result.errors.map((e) => e.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(result.errors.map((e) => e.details)).toEqual([{ line: 4 }, { line: 5 }, { line: 6 }]);
    expect(result.errors[0]?.message).toMatch(/^line 4: not valid JSON/);
    expect(result.errors[1]?.message).toBe('line 5: "references" must be a non-empty array of strings');
    expect(result.errors[2]?.message).toBe('line 6: "id" (a string or number) is required');
  });

  test('corpus and mean', () => {
    expect(Object.keys(result.corpus).sort()).toEqual(['bleu', 'chrf', 'chrf++', 'ter']);
    expect(result.mean.em).toBeCloseTo(2 / 3, 12);
  });

  test('--stem changes ROUGE only', () => {
    const line = jsonl([{ id: 1, hypothesis: 'runners running', references: ['runner runs'] }]);
    expect(scoreFile(line, { metrics: ['rouge1'] }).lines[0]?.scores.rouge1).toBe(0);
    expect(scoreFile(line, { metrics: ['rouge1'], stem: true }).lines[0]?.scores.rouge1).toBe(1);
  });

  test('an unknown metric or a file with nothing to score is INVALID_INPUT', () => {
    const unknown = thrown(() => scoreFile(pairs, { metrics: ['bleu', 'blue'] }));
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.message).toMatch(/Unknown metric "blue"; choose from bleu, chrf/);
    const broken = thrown(() => scoreFile(['{nope', ''], { metrics: ['bleu'] }));
    expect(broken.message).toMatch(/Nothing to score: every line is broken \(line 1: not valid JSON/);
    expect(thrown(() => scoreFile([], { metrics: ['bleu'] })).message).toMatch(/holds no pairs/);
  });

  test("corpus BLEU/chrF/chrF++ equal sacreBLEU's on a whole WMT17 system", () => {
    const data = wmt17Systems();
    const system = data.systems[0] as string;
    const want = wmt17Corpus().systems[system];
    const lines = (data.outputs[system] as string[]).map((hypothesis, i) => JSON.stringify({ id: i, hypothesis, references: [data.references[i]] }));
    const scored: ScoreFileResult = scoreFile(lines, { metrics: ['bleu', 'chrf', 'chrf++'] });
    expect(scored.lines).toHaveLength(3004);
    expect(Math.abs((scored.corpus.bleu ?? NaN) - (want?.BLEU ?? NaN))).toBeLessThan(1e-4);
    expect(Math.abs((scored.corpus.chrf ?? NaN) - (want?.chrF2 ?? NaN))).toBeLessThan(1e-4);
    expect(Math.abs((scored.corpus['chrf++'] ?? NaN) - (want?.['chrF2++'] ?? NaN))).toBeLessThan(1e-4);
  });
});

describe('metricsCommand', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-metrics-'));
  const file = path.join(dir, 'pairs.jsonl');
  writeFileSync(file, `${pairs.join('\n')}\n`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[], json: boolean): Promise<{ stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      await metricsCommand({ out: new Output(json) } as CliContext, argv);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return { stdout: out.join(''), stderr: err.join('') };
  }

  test('--json prints one document with lines, corpus, mean and errors', async () => {
    const { stdout } = await run(['score', '--file', file, '--metrics', 'bleu,chrf,rougeL', '--json'], true);
    const doc = JSON.parse(stdout) as ScoreFileResult;
    expect(doc.metrics).toEqual(['bleu', 'chrf', 'rougeL']);
    expect(doc.lines[0]).toEqual({ line: 1, id: 'a', scores: { bleu: expect.closeTo(100, 10), chrf: 100, rougeL: 1 } });
    expect(Object.keys(doc.corpus)).toEqual(['bleu', 'chrf']);
    expect(doc.errors).toHaveLength(3);
  });

  test('without --json: a table, the corpus line, and the skipped lines on stderr', async () => {
    const { stdout, stderr } = await run(['score', '-f', file, '-m', 'bleu,em'], false);
    expect(stdout).toMatch(/^line\s+id\s+bleu\s+em\n1\s+a\s+100\.00\s+1\.0000/);
    expect(stdout).toMatch(/corpus \(sacreBLEU\): bleu \d+\.\d\d/);
    expect(stderr).toMatch(/pairs\.jsonl line 4: not valid JSON.*\(skipped\)/);
  });

  test('--strict fails on the first broken line; a missing file and a missing subcommand are errors', async () => {
    await expect(run(['score', '--file', file, '--strict'], true)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/line 4/) });
    await expect(run(['score', '--file', path.join(dir, 'missing.jsonl')], true)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(run(['--file', file], true)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(run(['score', '--file', file, '--bogus'], true)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
