import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkDrift } from '../../electron/core/observability/drift/drift-check.js';
import { jensenShannon } from '../../electron/core/observability/drift/kmeans.js';
import { sharedDir } from '../helpers/fixtures.js';

const squad = path.join(sharedDir, 'eval/rag/squad2');
const lines = (file: string): string[] => readFileSync(path.join(squad, file), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);

// Real populations from ../shared: SQuAD questions, and the Wikipedia passages they were asked about.
describe('drift between input populations', () => {
  const questions = lines('queries-dev.jsonl');
  const passages = lines('corpus.jsonl');

  test('questions against encyclopaedia passages drift; the grown and shrunk clusters name them', () => {
    const report = checkDrift(questions.slice(0, 300), passages.slice(0, 300));
    expect(report.drifted).toBe(true);
    expect(report.score).toBeGreaterThan(report.threshold);
    const grew = report.clusters.find((c) => c.change > 0)!;
    const shrank = report.clusters.find((c) => c.change < 0)!;
    expect(grew.examples.length).toBeGreaterThan(0);
    expect(shrank.examples.every((e) => questions.includes(e) || questions.some((q) => q.startsWith(e)))).toBe(true);
  });

  test('two samples of the same population do not drift', () => {
    // Interleaved halves of the questions: the same topics in both.
    const a = questions.filter((_, i) => i % 2 === 0).slice(0, 300);
    const b = questions.filter((_, i) => i % 2 === 1).slice(0, 300);
    const report = checkDrift(a, b);
    expect(report.drifted).toBe(false);
    expect(report.score).toBeLessThan(report.threshold);
  });

  test('a topic shift inside one population (questions about other articles) is found', () => {
    const byTitle = readFileSync(path.join(squad, 'queries-dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; title: string });
    const titles = [...new Set(byTitle.map((q) => q.title))];
    const early = new Set(titles.slice(0, Math.floor(titles.length / 2)));
    const report = checkDrift(byTitle.filter((q) => early.has(q.title)).slice(0, 300).map((q) => q.text), byTitle.filter((q) => !early.has(q.title)).slice(0, 300).map((q) => q.text));
    expect(report.drifted).toBe(true);
  });

  test('Jensen–Shannon divergence: 0 for equal, 1 for disjoint distributions', () => {
    expect(jensenShannon([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1, 10);
  });
});
