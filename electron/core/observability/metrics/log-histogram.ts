/**
 * A sparse log-bucket histogram: bucket i holds values in [GROWTH^(i-1), GROWTH^i) milliseconds. Buckets of two
 * minutes (or two models) add up, so P50/P95/P99 over any range and grouping come from the per-minute rollups alone,
 * with at most GROWTH-1 (5%) relative error — what a dashboard needs, without keeping every latency.
 */
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);

export type Histogram = Record<string, number>;

export function bucketOf(valueMs: number): number {
  if (!(valueMs > 1)) return 0;
  return Math.ceil(Math.log(valueMs) / LOG_GROWTH);
}

/** The bucket's representative value: its geometric middle. */
export function valueOf(bucket: number): number {
  if (bucket <= 0) return 1;
  return GROWTH ** (bucket - 0.5);
}

export function add(histogram: Histogram, valueMs: number, count = 1): void {
  const key = String(bucketOf(valueMs));
  histogram[key] = (histogram[key] ?? 0) + count;
}

export function merge(into: Histogram, from: Histogram): Histogram {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}

/** Percentiles (0–1) of a histogram; null for an empty one. */
export function percentiles(histogram: Histogram, qs: readonly number[]): Array<number | null> {
  const buckets = Object.entries(histogram).map(([k, c]) => [Number(k), c] as const).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, c]) => sum + c, 0);
  if (total === 0) return qs.map(() => null);
  return qs.map((q) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (seen >= rank) return Math.round(valueOf(bucket) * 10) / 10;
    }
    return Math.round(valueOf(buckets[buckets.length - 1]![0]) * 10) / 10;
  });
}
