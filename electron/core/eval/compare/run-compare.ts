import type { RunComparison } from '../../contract/eval.api.js';
import { pairedBootstrap } from '../stats/bootstrap.js';

/** Metrics where a smaller value is better: their regressions are increases. */
export const lowerIsBetter = new Set(['ter', 'hallucination', 'latencyMs']);

export interface ComparableResult {
  caseKey: string;
  prompt: string;
  model: string;
  metrics: Record<string, number>;
}

const MAX_CHANGES = 500;

/**
 * Pairs the results of two runs case by case and compares every metric both have: per-metric paired bootstrap on
 * the mean difference (head − base), plus the cases that got worse (regressions) or better (improvements).
 * A dimension with a single value in each run (one prompt, one model) is not used for pairing, so a run of
 * story@1.0.0 pairs with a run of story@1.1.0 on the same dataset.
 */
export function compareRuns(baseId: string, headId: string, base: ComparableResult[], head: ComparableResult[], options: { metrics?: string[] | undefined; significance: number }): RunComparison {
  const single = (rows: ComparableResult[], pick: (r: ComparableResult) => string): boolean => new Set(rows.map(pick)).size <= 1;
  const usePrompt = !(single(base, (r) => r.prompt) && single(head, (r) => r.prompt));
  const useModel = !(single(base, (r) => r.model) && single(head, (r) => r.model));
  const key = (r: ComparableResult): string => [r.caseKey, usePrompt ? r.prompt : '', useModel ? r.model : ''].join('\u0000');
  const baseByKey = new Map(base.map((r) => [key(r), r]));
  const pairs: Array<[ComparableResult, ComparableResult]> = [];
  for (const h of head) {
    const b = baseByKey.get(key(h));
    if (b) pairs.push([b, h]);
  }
  const names = options.metrics ?? [...new Set(pairs.flatMap(([b, h]) => Object.keys(b.metrics).filter((m) => m in h.metrics)))].sort();
  const metrics: RunComparison['metrics'] = [];
  const regressions: RunComparison['regressions'] = [];
  const improvements: RunComparison['improvements'] = [];
  for (const metric of names) {
    const both = pairs.filter(([b, h]) => typeof b.metrics[metric] === 'number' && typeof h.metrics[metric] === 'number');
    if (both.length === 0) continue;
    const baseValues = both.map(([b]) => b.metrics[metric] as number);
    const headValues = both.map(([, h]) => h.metrics[metric] as number);
    const test = pairedBootstrap(baseValues, headValues);
    metrics.push({
      metric, n: both.length, base: mean(baseValues), head: mean(headValues), delta: test.delta, ci: test.ci, pValue: test.pValue, significant: test.pValue < options.significance,
    });
    // Per-case timing differences are noise between two runs; latency is compared on its mean only.
    if (metric === 'latencyMs') continue;
    const sign = lowerIsBetter.has(metric) ? -1 : 1;
    for (const [b, h] of both) {
      const change = sign * ((h.metrics[metric] as number) - (b.metrics[metric] as number));
      const entry = { caseKey: h.caseKey, prompt: h.prompt, model: h.model, metric, base: b.metrics[metric] as number, head: h.metrics[metric] as number };
      if (change < -1e-9 && regressions.length < MAX_CHANGES) regressions.push(entry);
      else if (change > 1e-9 && improvements.length < MAX_CHANGES) improvements.push(entry);
    }
  }
  return { base: baseId, head: headId, paired: pairs.length, unpaired: head.length - pairs.length, metrics, regressions, improvements };
}

const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
