// Paired bootstrap resampling (Koehn 2004; Efron & Tibshirani 1993, §16.4): cases are resampled with replacement,
// keeping each case's two scores together, so the test asks whether the per-case differences could average zero.

/** mulberry32: a small seeded generator, so a comparison gives the same p-value every time it is shown. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapResult {
  n: number;
  /** mean(head) − mean(base) over the paired cases. */
  delta: number;
  /** 95% percentile interval of the resampled mean difference. */
  ci: [number, number];
  /** Two-sided: twice the share of resamples on the far side of zero (at least 1/(samples+1)). */
  pValue: number;
  samples: number;
}

export function pairedBootstrap(base: readonly number[], head: readonly number[], options: { samples?: number; seed?: number } = {}): BootstrapResult {
  if (base.length !== head.length) throw new Error('paired bootstrap needs two score lists of the same length');
  const n = base.length;
  const samples = options.samples ?? 2000;
  const diffs = head.map((h, i) => h - (base[i] ?? 0));
  const delta = n === 0 ? 0 : diffs.reduce((s, d) => s + d, 0) / n;
  if (n === 0) return { n, delta: 0, ci: [0, 0], pValue: 1, samples: 0 };
  const random = seededRandom(options.seed ?? 0x5eed);
  const means = new Float64Array(samples);
  let atOrBelowZero = 0;
  let atOrAboveZero = 0;
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[Math.floor(random() * n)] ?? 0;
    const mean = sum / n;
    means[s] = mean;
    if (mean <= 0) atOrBelowZero++;
    if (mean >= 0) atOrAboveZero++;
  }
  means.sort();
  const at = (q: number): number => means[Math.min(samples - 1, Math.max(0, Math.floor(q * samples)))] ?? 0;
  // All differences zero: no evidence of a difference at all.
  const allZero = diffs.every((d) => d === 0);
  const tail = delta >= 0 ? atOrBelowZero : atOrAboveZero;
  const pValue = allZero ? 1 : Math.min(1, Math.max(1 / (samples + 1), (2 * tail) / samples));
  return { n, delta, ci: [at(0.025), at(0.975)], pValue, samples };
}
