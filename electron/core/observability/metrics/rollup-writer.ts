import type { Db } from '../../../../native/sqlite/open.js';
import { add, merge, type Histogram } from './log-histogram.js';

/** What a trace is rolled up under ('' where a trace has none): one row per dimension, plus `all`. */
export interface RollupKey {
  minute: number;
  operation: string;
  model: string;
  prompt: string;
  collectionId: string;
  user: string;
  endpoint: string;
}

export const rollupDimensions = ['operation', 'model', 'prompt', 'collection', 'user', 'endpoint'] as const;
export type RollupDimension = (typeof rollupDimensions)[number];
/** Hour rows answer long ranges; minute rows the last two days and anything finer. */
export const RESOLUTIONS = [1, 60] as const;

export interface RollupDelta {
  requests: number;
  errors: number;
  errorCodes: Record<string, number>;
  latency: Histogram;
  ttft: Histogram;
  inputTokens: number;
  outputTokens: number;
  generationMs: number;
  cost: number;
  feedbackUp: number;
  feedbackDown: number;
  judgeSum: number;
  judgeCount: number;
  cacheHits: number;
  cacheLookups: number;
}

export const emptyDelta = (): RollupDelta => ({
  requests: 0, errors: 0, errorCodes: {}, latency: {}, ttft: {}, inputTokens: 0, outputTokens: 0, generationMs: 0, cost: 0,
  feedbackUp: 0, feedbackDown: 0, judgeSum: 0, judgeCount: 0, cacheHits: 0, cacheLookups: 0,
});

export const minuteOf = (epochMs: number): number => Math.floor(epochMs / 60_000);

interface RowKey {
  resolution: number;
  dimension: string;
  value: string;
  minute: number;
}

/** Collects deltas of a batch per row, so one flush writes each bucket-and-dimension row once. */
export class RollupBatch {
  private readonly rows = new Map<string, { key: RowKey; delta: RollupDelta }>();

  /** Applies `change` to every row the trace counts in (each dimension it has, `all`, both resolutions). */
  each(key: RollupKey, change: (delta: RollupDelta) => void): void {
    const values: Array<[string, string]> = [['all', ''], ['operation', key.operation], ['model', key.model], ['prompt', key.prompt],
      ['collection', key.collectionId], ['user', key.user], ['endpoint', key.endpoint]];
    for (const resolution of RESOLUTIONS) {
      const minute = Math.floor(key.minute / resolution) * resolution;
      for (const [dimension, value] of values) {
        if (dimension !== 'all' && value === '') continue;
        change(this.at({ resolution, dimension, value, minute }));
      }
    }
  }

  private at(key: RowKey): RollupDelta {
    const id = `${key.resolution}|${key.dimension}|${key.minute}|${key.value}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { key, delta: emptyDelta() }));
    return row.delta;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Adds the batch to the stored rows (inside the caller's write transaction). */
  write(db: Db): void {
    const read = db.prepare('SELECT error_codes, latency_hist, ttft_hist FROM metric_rollups WHERE resolution = ? AND dimension = ? AND value = ? AND minute = ?');
    const upsert = db.prepare(`INSERT INTO metric_rollups (resolution, dimension, value, minute, requests, errors, error_codes,
        latency_hist, ttft_hist, input_tokens, output_tokens, generation_ms, cost, feedback_up, feedback_down, judge_sum, judge_count, cache_hits, cache_lookups)
      VALUES (@resolution, @dimension, @value, @minute, @requests, @errors, @errorCodes, @latency, @ttft, @inputTokens,
        @outputTokens, @generationMs, @cost, @feedbackUp, @feedbackDown, @judgeSum, @judgeCount, @cacheHits, @cacheLookups)
      ON CONFLICT (resolution, dimension, minute, value) DO UPDATE SET
        requests = requests + excluded.requests, errors = errors + excluded.errors, error_codes = excluded.error_codes,
        latency_hist = excluded.latency_hist, ttft_hist = excluded.ttft_hist, input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens, generation_ms = generation_ms + excluded.generation_ms, cost = cost + excluded.cost,
        feedback_up = feedback_up + excluded.feedback_up, feedback_down = feedback_down + excluded.feedback_down,
        judge_sum = judge_sum + excluded.judge_sum, judge_count = judge_count + excluded.judge_count,
        cache_hits = cache_hits + excluded.cache_hits, cache_lookups = cache_lookups + excluded.cache_lookups`);
    for (const { key, delta } of this.rows.values()) {
      const stored = read.get(key.resolution, key.dimension, key.value, key.minute) as { error_codes: string; latency_hist: string; ttft_hist: string } | undefined;
      // The JSON columns merge here (SQL cannot add two histograms); the counters add up in the upsert itself.
      const merged = (column: string, own: Histogram): string => JSON.stringify(stored && column !== '{}' ? merge(JSON.parse(column) as Histogram, own) : own);
      upsert.run({
        ...key, ...delta, errorCodes: merged(stored?.error_codes ?? '{}', delta.errorCodes), latency: merged(stored?.latency_hist ?? '{}', delta.latency),
        ttft: merged(stored?.ttft_hist ?? '{}', delta.ttft),
      });
    }
  }
}

export { add as addToHistogram };
