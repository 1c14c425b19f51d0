import type { GateReport, RunComparison, RunSummaryStats } from '../../contract/eval.api.js';
import { lowerIsBetter } from '../compare/run-compare.js';
import type { Thresholds } from '../suites/suite.schema.js';

/** Compared and shown, but gated only when named: timing noise between two runs is not a regression. */
const gatedOnlyWhenNamed = new Set(['latencyMs']);

const fmt = (v: number | null): string => (v === null ? 'n/a' : String(Math.round(v * 10_000) / 10_000));

/**
 * Pass or fail: every threshold of the suite, and against a baseline run no significant drop of a compared metric
 * (and at most `maxRegressions` cases that got worse, `maxDrop` per mean); latency only when named (it is bounded
 * by latencyP95Ms instead). A baseline without a `thresholds.baseline`
 * section still fails on significant drops at 0.05. No thresholds and no baseline: no gate (null).
 */
export function evaluateGate(thresholds: Thresholds | null, summary: RunSummaryStats, comparison: RunComparison | null): GateReport | null {
  if (!thresholds && !comparison) return null;
  const checks: GateReport['checks'] = [];
  const check = (name: string, actual: number | null, expected: string, passed: boolean, message: string): void => void checks.push({ name, passed, actual, expected, message });
  const t = thresholds ?? {};
  if (t.passRate !== undefined) check('passRate', summary.passRate, `≥ ${t.passRate}`, (summary.passRate ?? 0) >= t.passRate, `pass rate ${fmt(summary.passRate)} (needs ≥ ${t.passRate})`);
  if (t.maxErrors !== undefined) check('errors', summary.errors, `≤ ${t.maxErrors}`, summary.errors <= t.maxErrors, `${summary.errors} item(s) failed to run (allowed ${t.maxErrors})`);
  if (t.latencyP95Ms !== undefined) check('latencyP95Ms', summary.latencyMs.p95, `≤ ${t.latencyP95Ms}`, summary.latencyMs.p95 !== null && summary.latencyMs.p95 <= t.latencyP95Ms, `p95 latency ${fmt(summary.latencyMs.p95)} ms (allowed ${t.latencyP95Ms})`);
  for (const [name, bound] of Object.entries(t.metrics ?? {})) {
    const { min, max } = typeof bound === 'number' ? { min: bound, max: undefined } : bound;
    const mean = summary.metrics[name]?.mean ?? null;
    const expected = [min !== undefined ? `≥ ${min}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
    const passed = mean !== null && (min === undefined || mean >= min) && (max === undefined || mean <= max);
    check(`metric:${name}`, mean, expected, passed, mean === null ? `metric ${name} has no values in this run` : `mean ${name} ${fmt(mean)} (needs ${expected})`);
  }
  if (comparison) {
    const b = t.baseline ?? { significance: 0.05 };
    const gated = (metric: string): boolean => (b.metrics ? b.metrics.includes(metric) : !gatedOnlyWhenNamed.has(metric));
    const compared = comparison.metrics.filter((m) => gated(m.metric));
    for (const m of compared) {
      const worse = lowerIsBetter.has(m.metric) ? m.delta > 0 : m.delta < 0;
      const significantDrop = worse && m.pValue < b.significance;
      const tooLarge = b.maxDrop !== undefined && worse && Math.abs(m.delta) > b.maxDrop;
      check(`baseline:${m.metric}`, m.delta, `no significant drop (p < ${b.significance})${b.maxDrop !== undefined ? `, drop ≤ ${b.maxDrop}` : ''}`, !significantDrop && !tooLarge,
        `${m.metric} ${fmt(m.base)} → ${fmt(m.head)} (Δ ${fmt(m.delta)}, 95% CI [${fmt(m.ci[0])}, ${fmt(m.ci[1])}], p = ${fmt(m.pValue)}, n = ${m.n})`);
    }
    if (b.maxRegressions !== undefined) {
      const cases = new Set(comparison.regressions.filter((r) => gated(r.metric)).map((r) => `${r.caseKey}\u0000${r.prompt}\u0000${r.model}`)).size;
      check('baseline:regressions', cases, `≤ ${b.maxRegressions}`, cases <= b.maxRegressions, `${cases} case(s) regressed against the baseline (allowed ${b.maxRegressions})`);
    }
    if (comparison.paired === 0) check('baseline:paired', 0, '> 0', false, 'no case of this run pairs with a case of the baseline run (different datasets?)');
  }
  return { passed: checks.every((c) => c.passed), checks };
}
