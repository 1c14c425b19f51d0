import type { CaseChange, EvalResult, EvalRun, MetricComparison } from './eval-types.js';

/**
 * Metrics where a smaller value is better, so a rise is a regression. Mirrors the core's list in
 * electron/core/eval/compare/run-compare.ts (the contract does not carry a metric's direction).
 */
export const lowerIsBetter: ReadonlySet<string> = new Set(['ter', 'hallucination', 'latencyMs']);

export type MetricOutcome = 'improved' | 'regressed' | 'unchanged';

/**
 * How a compared metric moved from base to head. Only a significant difference counts as a change: anything
 * else is 'unchanged', however large the delta, because the bootstrap could not tell it from noise.
 */
export function metricOutcome(row: Pick<MetricComparison, 'metric' | 'delta' | 'significant'>): MetricOutcome {
  if (!row.significant || row.delta === 0 || !Number.isFinite(row.delta)) return 'unchanged';
  const better = lowerIsBetter.has(row.metric) ? row.delta < 0 : row.delta > 0;
  return better ? 'improved' : 'regressed';
}

/** The rows worth looking at first: significant changes (regressions, then improvements), then the rest by name. */
export function sortMetricRows<T extends Pick<MetricComparison, 'metric' | 'delta' | 'significant'>>(rows: readonly T[]): T[] {
  const rank: Record<MetricOutcome, number> = { regressed: 0, improved: 1, unchanged: 2 };
  return [...rows].sort((a, b) => rank[metricOutcome(a)] - rank[metricOutcome(b)] || a.metric.localeCompare(b.metric));
}

/**
 * The runs picked for comparison after a click on `id`: a second click unpicks; a third pick replaces the older
 * of the two, so at most two are ever picked.
 */
export function togglePick(picked: readonly string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((p) => p !== id);
  return [...picked, id].slice(-2);
}

/** Base is the run created first, head the later one: a comparison reads "what changed since". */
export function orderForCompare(a: Pick<EvalRun, 'id' | 'createdAt'>, b: Pick<EvalRun, 'id' | 'createdAt'>): { base: string; head: string } {
  return a.createdAt <= b.createdAt ? { base: a.id, head: b.id } : { base: b.id, head: a.id };
}

/** A stable key for a case change (React keys, test ids). */
export function changeKey(change: Pick<CaseChange, 'caseKey' | 'prompt' | 'model' | 'metric'>): string {
  return [change.caseKey, change.prompt, change.model, change.metric].join('|');
}

type Matchable = Pick<EvalResult, 'caseKey' | 'prompt' | 'model'>;

/**
 * The result a case change points at in one run. The core pairs runs on the case alone when each run has a single
 * prompt (or model), so the base run may name its prompt differently: the exact case × prompt × model wins, then
 * the same case and model, then the same case. Returns null when the run does not have the case.
 */
export function bestMatch<T extends Matchable>(items: readonly T[], change: Pick<CaseChange, 'caseKey' | 'prompt' | 'model'>): { result: T; exact: boolean } | null {
  const sameCase = items.filter((r) => r.caseKey === change.caseKey);
  const exact = sameCase.find((r) => r.prompt === change.prompt && r.model === change.model);
  if (exact) return { result: exact, exact: true };
  const fallback = sameCase.find((r) => r.model === change.model) ?? sameCase.find((r) => r.prompt === change.prompt) ?? sameCase[0];
  return fallback ? { result: fallback, exact: false } : null;
}
