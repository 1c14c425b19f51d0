import type { ChoiceItem } from './benchmark-formats.js';

/** What the model gave one choice: the summed log-probability of its tokens given the context, and their count. */
export interface ChoiceScore { logprob: number; tokens: number }

export interface ItemResult { id: string; subject: string; gold: number; pred: number; predNorm: number; predNormChars: number; scores: ChoiceScore[] }

export interface Interval { mean: number; low: number; high: number }

export interface SubjectResult { subject: string; items: number; accuracy: Interval; accuracyNorm: Interval }

export interface BenchmarkResult {
  items: number;
  /** argmax of the summed log-likelihood (lm-evaluation-harness `acc`). */
  accuracy: number;
  /** argmax of the log-likelihood per token (llama.cpp `llama-perplexity --hellaswag`). */
  accuracyNorm: number;
  /** argmax of the log-likelihood per byte of the choice (lm-evaluation-harness `acc_norm`). */
  accuracyNormChars: number;
  ci95: { accuracy: Interval; accuracyNorm: Interval };
  subjects: SubjectResult[];
  results: ItemResult[];
}

/** The first index of the largest value (ties go to the earlier choice, as numpy's argmax). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

/** Wilson score interval (95%): well-behaved for small samples and rates near 0 or 1. */
export function wilson(successes: number, n: number, z = 1.959964): Interval {
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  const r = (v: number): number => Math.round(v * 10_000) / 10_000;
  return { mean: r(p), low: r(Math.max(0, centre - half)), high: r(Math.min(1, centre + half)) };
}

export function scoreItem(item: ChoiceItem, scores: ChoiceScore[]): ItemResult {
  return {
    id: item.id, subject: item.subject, gold: item.gold, scores,
    pred: argmax(scores.map((s) => s.logprob)),
    predNorm: argmax(scores.map((s) => s.logprob / Math.max(1, s.tokens))),
    predNormChars: argmax(scores.map((s, i) => s.logprob / Math.max(1, Buffer.byteLength(item.choices[i] ?? '', 'utf8')))),
  };
}

export function summarizeBenchmark(results: ItemResult[]): BenchmarkResult {
  const count = (rs: ItemResult[], key: 'pred' | 'predNorm' | 'predNormChars'): number => rs.filter((r) => r[key] === r.gold).length;
  const bySubject = new Map<string, ItemResult[]>();
  for (const r of results) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
  const n = results.length;
  const rate = (k: number): number => (n === 0 ? 0 : Math.round((k / n) * 10_000) / 10_000);
  return {
    items: n,
    accuracy: rate(count(results, 'pred')),
    accuracyNorm: rate(count(results, 'predNorm')),
    accuracyNormChars: rate(count(results, 'predNormChars')),
    ci95: { accuracy: wilson(count(results, 'pred'), n), accuracyNorm: wilson(count(results, 'predNorm'), n) },
    subjects: [...bySubject.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([subject, rs]) => ({
      subject, items: rs.length, accuracy: wilson(count(rs, 'pred'), rs.length), accuracyNorm: wilson(count(rs, 'predNorm'), rs.length),
    })),
    results,
  };
}
