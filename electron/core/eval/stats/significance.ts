import { studentTwoSidedP } from './distributions.js';

export interface Moments {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  sd: number;
}

export function moments(values: readonly number[]): Moments {
  const n = values.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, sd: Math.sqrt(variance) };
}

export interface TTestResult {
  difference: number;
  t: number;
  df: number;
  pValue: number;
}

/**
 * Welch's unequal-variance t-test of mean(b) − mean(a): A/B arms have different sizes and spreads. Two values per
 * arm at least; two constant arms give p = 1 when equal and p = 0 when not.
 */
export function welchTTest(a: Moments, b: Moments): TTestResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const difference = b.mean - a.mean;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: a.n + b.n - 2, pValue: difference === 0 ? 1 : 0 };
  const t = difference / se;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { difference, t, df, pValue: studentTwoSidedP(t, df) };
}
