import { describe, expect, test } from 'vitest';
import { compareRuns } from '../../electron/core/eval/compare/run-compare.js';
import { agreement } from '../../electron/core/eval/judge/agreement.js';
import { contextPrecision, ragScores, splitClaims } from '../../electron/core/eval/rag/rag-metrics.js';
import { pairedBootstrap } from '../../electron/core/eval/stats/bootstrap.js';
import { incompleteBeta, studentTwoSidedP } from '../../electron/core/eval/stats/distributions.js';
import { moments, welchTTest } from '../../electron/core/eval/stats/significance.js';

describe("judge–human agreement (Cohen's kappa)", () => {
  test('the textbook 2×2 example: p_o = 0.7, p_e = 0.5, κ = 0.4', () => {
    // 50 items: both say yes 20, judge yes/human no 5, judge no/human yes 10, both no 15.
    const pairs: Array<[string, string]> = [
      ...Array.from({ length: 20 }, (): [string, string] => ['yes', 'yes']),
      ...Array.from({ length: 5 }, (): [string, string] => ['yes', 'no']),
      ...Array.from({ length: 10 }, (): [string, string] => ['no', 'yes']),
      ...Array.from({ length: 15 }, (): [string, string] => ['no', 'no']),
    ];
    const result = agreement(pairs);
    expect(result.n).toBe(50);
    expect(result.accuracy).toBeCloseTo(0.7, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  test('a 1–5 scale, by hand', () => {
    // judge 1 2 3 4 5 5, human 1 2 3 4 4 5: p_o = 5/6;
    // p_e = Σ p_judge(k)·p_human(k) = (1·1 + 1·1 + 1·1 + 1·2 + 2·1)/36 = 7/36; κ = (5/6 − 7/36)/(1 − 7/36) = 23/29.
    const result = agreement([[1, 1], [2, 2], [3, 3], [4, 4], [5, 4], [5, 5]]);
    expect(result.accuracy).toBeCloseTo(5 / 6, 12);
    expect(result.kappa).toBeCloseTo(23 / 29, 12);
  });

  test('perfect and chance-level agreement; undefined when both raters use one label', () => {
    expect(agreement([['a', 'a'], ['b', 'b']]).kappa).toBe(1);
    expect(agreement([['a', 'b'], ['b', 'a']]).kappa).toBe(-1);
    expect(agreement([['a', 'a'], ['a', 'a']])).toEqual({ n: 2, accuracy: 1, kappa: null });
    expect(agreement([])).toEqual({ n: 0, accuracy: null, kappa: null });
  });
});

describe('significance tests', () => {
  test('regularized incomplete beta and Student t match SciPy', () => {
    expect(incompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 10);
    expect(incompleteBeta(0.7, 10, 3)).toBeCloseTo(0.25281534785499993, 10);
    expect(studentTwoSidedP(2, 3)).toBeCloseTo(0.13932596855884305, 10);
  });

  test("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False)", () => {
    const r = welchTTest(moments([1, 2, 3, 4, 5]), moments([2, 4, 6, 8, 10]))!;
    expect(r.t).toBeCloseTo(1.8973665961010275, 10);
    expect(r.df).toBeCloseTo(5.882352941176471, 10);
    expect(r.pValue).toBeCloseTo(0.10753119493062728, 8);
    const s = welchTTest(moments([0.9, 0.7, 0.8, 1.0, 0.95, 0.85]), moments([0.2, 0.4, 0.1, 0.5]))!;
    expect(s.pValue).toBeCloseTo(0.0037210275868713033, 8);
    expect(welchTTest(moments([1]), moments([1, 2]))).toBeNull();
  });

  test('paired bootstrap: a consistent improvement is significant, noise is not, and it is reproducible', () => {
    const base = Array.from({ length: 40 }, (_, i) => (i * 7) % 10 / 10);
    const better = base.map((v, i) => v + 0.1 + ((i % 3) - 1) * 0.02);
    const up = pairedBootstrap(base, better);
    expect(up.delta).toBeCloseTo(0.1 + (-0.02 * 14 + 0 * 13 + 0.02 * 13) / 40, 10);
    expect(up.pValue).toBeLessThan(0.01);
    expect(up.ci[0]).toBeGreaterThan(0);
    const noisy = base.map((v, i) => v + (i % 2 === 0 ? 0.05 : -0.05));
    const flat = pairedBootstrap(base, noisy);
    expect(flat.pValue).toBeGreaterThan(0.3);
    expect(flat.ci[0]).toBeLessThan(0);
    expect(flat.ci[1]).toBeGreaterThan(0);
    expect(pairedBootstrap(base, noisy)).toEqual(flat);
    expect(pairedBootstrap(base, base).pValue).toBe(1);
  });

  test('run comparison pairs cases, finds regressions and improvements', () => {
    const base = [1, 2, 3, 4].map((k) => ({ caseKey: String(k), prompt: 'p@1.0.0', model: 'm', metrics: { pass: 1, bleu: 10 * k } }));
    const head = [1, 2, 3, 4, 5].map((k) => ({ caseKey: String(k), prompt: 'p@1.1.0', model: 'm', metrics: { pass: k === 2 ? 0 : 1, bleu: 10 * k + (k === 3 ? 5 : 0) } }));
    const c = compareRuns('a', 'b', base, head, { significance: 0.05 });
    expect([c.paired, c.unpaired]).toEqual([4, 1]);
    expect(c.regressions).toEqual([{ caseKey: '2', prompt: 'p@1.1.0', model: 'm', metric: 'pass', base: 1, head: 0 }]);
    expect(c.improvements).toEqual([{ caseKey: '3', prompt: 'p@1.1.0', model: 'm', metric: 'bleu', base: 30, head: 35 }]);
    expect(c.metrics.find((m) => m.metric === 'pass')).toMatchObject({ n: 4, base: 1, head: 0.75, delta: -0.25 });
  });
});

describe('RAG metrics (RAGAS definitions)', () => {
  test('context precision averages precision@k over the relevant ranks', () => {
    // Relevant at ranks 1 and 3: (1/1 + 2/3) / 2.
    expect(contextPrecision([true, false, true])).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(contextPrecision([false, false])).toBe(0);
    expect(contextPrecision([])).toBeNull();
  });

  test('claims are sentences without citation markers', () => {
    expect(splitClaims('The pump is inspected monthly [1]. It runs at 40 bar [2]!\nOk.')).toEqual(['The pump is inspected monthly .', 'It runs at 40 bar !', 'Ok.']);
  });

  test('faithfulness, context recall, precision and hallucination on a hand-made case', async () => {
    const scores = await ragScores({
      question: 'How often is the coolant pump inspected?',
      answer: 'The coolant pump is inspected every month. Engineers replace it yearly with gold parts.',
      contexts: ['Maintenance: the coolant pump is inspected every month by the site engineer.', 'The cafeteria opens at noon.'],
      reference: 'The coolant pump is inspected monthly. Inspections are logged.',
    });
    // Claim 1 is supported, claim 2 is not: faithfulness 1/2 and a hallucination.
    expect(scores.faithfulness).toBe(0.5);
    expect(scores.hallucination).toBe(1);
    expect(scores.unsupportedClaims).toEqual(['Engineers replace it yearly with gold parts.']);
    // Reference claim 1 is in context 1, claim 2 ("Inspections are logged") is nowhere: recall 1/2.
    expect(scores.context_recall).toBe(0.5);
    // Context 1 (rank 1) is relevant, context 2 is not: precision 1.
    expect(scores.context_precision).toBe(1);
    expect(scores.answer_relevance).toBeGreaterThan(0.5);
    expect(scores.method).toBe('lexical');
  });
});
