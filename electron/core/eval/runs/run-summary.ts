import type { HumanLabel, RunSummaryStats } from '../../contract/eval.api.js';
import { agreement } from '../judge/agreement.js';

/** The parts of a stored result a summary needs. */
export interface SummaryInput {
  prompt: string;
  model: string;
  status: 'ok' | 'error';
  passed: boolean;
  metrics: Record<string, number>;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  judgeOverall: number | null;
  judgeError: boolean;
  pairwiseWinner: 'A' | 'B' | 'tie' | null;
  human: HumanLabel | null;
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

function group(rows: SummaryInput[]) {
  const ok = rows.filter((r) => r.status === 'ok');
  const metrics: Record<string, { mean: number | null; n: number }> = {};
  const names = [...new Set(ok.flatMap((r) => Object.keys(r.metrics)))].sort();
  for (const name of names) {
    const values = ok.map((r) => r.metrics[name]).filter((v): v is number => typeof v === 'number');
    metrics[name] = { mean: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null, n: values.length };
  }
  const latencies = ok.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    items: rows.length,
    // Model failures and judge failures both count: a gate bounds them with maxErrors.
    errors: rows.filter((r) => r.status === 'error' || r.judgeError).length,
    passRate: rows.length ? rows.filter((r) => r.status === 'ok' && r.passed).length / rows.length : null,
    metrics,
    latencyMs: { mean: latencies.length ? latencies.reduce((s, v) => s + v, 0) / latencies.length : null, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
    tokens: { prompt: rows.reduce((s, r) => s + r.promptTokens, 0), completion: rows.reduce((s, r) => s + r.completionTokens, 0) },
  };
}

/**
 * A run's totals, per prompt × model, and judge–human agreement where cases carry human labels: the judge's overall
 * score (rounded to a level) against a human 1–5 score, the item's pass against a human pass, and the pairwise
 * winner against a human preference.
 */
export function summarize(rows: SummaryInput[]): RunSummaryStats {
  const keys = [...new Set(rows.map((r) => `${r.prompt}\u0000${r.model}`))];
  const groups = keys.map((k) => {
    const [prompt = '', model = ''] = k.split('\u0000');
    return { prompt, model, ...group(rows.filter((r) => r.prompt === prompt && r.model === model)) };
  });
  const scored = rows.filter((r) => r.human?.score !== undefined && r.judgeOverall !== null);
  const passLabelled = rows.filter((r) => r.human?.pass !== undefined && r.status === 'ok');
  const preferred = rows.filter((r) => r.human?.preference !== undefined && r.pairwiseWinner !== null);
  const hallucination = rows.map((r) => r.metrics.hallucination).filter((v): v is number => typeof v === 'number');
  return {
    ...group(rows),
    groups,
    agreement: {
      score: scored.length ? agreement(scored.map((r) => [Math.round(r.judgeOverall as number), r.human?.score as number])) : null,
      pass: passLabelled.length ? agreement(passLabelled.map((r) => [String(r.passed), String(r.human?.pass)])) : null,
      preference: preferred.length ? agreement(preferred.map((r) => [r.pairwiseWinner as string, r.human?.preference as string])) : null,
    },
    hallucinationRate: hallucination.length ? hallucination.reduce((s, v) => s + v, 0) / hallucination.length : null,
  };
}
