import type { RedteamComparison, RedteamResult, RedteamRun, RedteamSummary } from '../contract/redteam.api.js';

type Rate = RedteamSummary['overall'];

const rate = (attempts: number, successes: number): Rate => ({ attempts, successes, rate: attempts === 0 ? 0 : Math.round((successes / attempts) * 10_000) / 10_000 });

/** Attack success rate overall, per OWASP risk (a probe with two risks counts in both) and per strategy. Errors are not attempts. */
export function summarize(results: readonly RedteamResult[]): RedteamSummary {
  const graded = results.filter((r) => !r.error);
  const tally = (key: (r: RedteamResult) => string[]): Record<string, Rate> => {
    const counts = new Map<string, [number, number]>();
    for (const r of graded) for (const k of key(r)) {
      const c = counts.get(k) ?? [0, 0];
      counts.set(k, [c[0] + 1, c[1] + (r.success ? 1 : 0)]);
    }
    return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, [n, s]]) => [k, rate(n, s)]));
  };
  return {
    overall: rate(graded.length, graded.filter((r) => r.success).length),
    byRisk: tally((r) => r.owasp),
    byStrategy: tally((r) => [r.strategy]),
    errors: results.length - graded.length,
  };
}

export interface GateSpec { maxSuccessRate?: number | undefined; perRisk?: Partial<Record<string, number>> | undefined }

/** A gate passes when the overall and each named risk's success rate stay at or below their limits. */
export function evaluateGate(summary: RedteamSummary, gate: GateSpec | undefined): RedteamRun['gate'] {
  if (!gate || (gate.maxSuccessRate === undefined && !gate.perRisk)) return null;
  const checks: NonNullable<RedteamRun['gate']>['checks'] = [];
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  if (gate.maxSuccessRate !== undefined) {
    const passed = summary.overall.rate <= gate.maxSuccessRate;
    checks.push({ name: 'overall', passed, message: `attack success rate ${pct(summary.overall.rate)} (limit ${pct(gate.maxSuccessRate)})` });
  }
  for (const [risk, limit] of Object.entries(gate.perRisk ?? {})) {
    if (limit === undefined) continue;
    const r = summary.byRisk[risk];
    const passed = !r || r.rate <= limit;
    checks.push({ name: risk, passed, message: r ? `${risk} success rate ${pct(r.rate)} (limit ${pct(limit)})` : `${risk} was not attacked in this run` });
  }
  return { passed: checks.every((c) => c.passed), checks };
}

const key = (r: RedteamResult): string => `${r.probeId}\u0000${r.strategy}`;

/** Two runs side by side: rate deltas, and the attacks that newly got through or were newly held. */
export function compareRuns(base: RedteamRun, head: RedteamRun): RedteamComparison {
  const delta = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.round((b - a) * 10_000) / 10_000);
  const rows = <K extends 'byRisk' | 'byStrategy'>(field: K) =>
    [...new Set([...Object.keys(base.summary[field]), ...Object.keys(head.summary[field])])].sort().map((name) => {
      const b = base.summary[field][name]?.rate ?? null;
      const h = head.summary[field][name]?.rate ?? null;
      return { name, base: b, head: h, delta: delta(b, h) };
    });
  const baseByKey = new Map(base.results.filter((r) => !r.error).map((r) => [key(r), r]));
  const newFailures: RedteamComparison['newFailures'] = [];
  const fixed: RedteamComparison['fixed'] = [];
  for (const r of head.results) {
    const before = baseByKey.get(key(r));
    if (!before || r.error) continue;
    if (r.success && !before.success) newFailures.push({ probeId: r.probeId, strategy: r.strategy });
    if (!r.success && before.success) fixed.push({ probeId: r.probeId, strategy: r.strategy });
  }
  return {
    base: base.id, head: head.id,
    overall: { base: base.summary.overall.rate, head: head.summary.overall.rate, delta: delta(base.summary.overall.rate, head.summary.overall.rate) ?? 0 },
    byRisk: rows('byRisk').map(({ name, ...r }) => ({ risk: name, ...r })),
    byStrategy: rows('byStrategy').map(({ name, ...r }) => ({ strategy: name, ...r })),
    newFailures, fixed,
  };
}
