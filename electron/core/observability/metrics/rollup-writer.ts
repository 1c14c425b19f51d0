import type { Db } from '../../../../native/sqlite/open.js';
import { add, merge, type Histogram } from './log-histogram.js';

/** The dimensions a rollup row is kept under ('' where a trace has none). */
export interface RollupKey {
  minute: number;
  operation: string;
  model: string;
  prompt: string;
  collectionId: string;
  user: string;
  endpoint: string;
}

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

/** Collects deltas of a batch per key, so one flush writes each minute-and-dimension row once. */
export class RollupBatch {
  private readonly rows = new Map<string, { key: RollupKey; delta: RollupDelta }>();

  at(key: RollupKey): RollupDelta {
    const id = JSON.stringify([key.minute, key.operation, key.model, key.prompt, key.collectionId, key.user, key.endpoint]);
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { key, delta: emptyDelta() }));
    return row.delta;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Adds the batch to the stored rows (inside the caller's write transaction). */
  write(db: Db): void {
    const read = db.prepare(`SELECT error_codes, latency_hist, ttft_hist FROM metric_rollups WHERE minute = ? AND operation = ? AND model = ? AND prompt = ?
      AND collection_id = ? AND user = ? AND endpoint = ?`);
    const upsert = db.prepare(`INSERT INTO metric_rollups (minute, operation, model, prompt, collection_id, user, endpoint, requests, errors, error_codes,
        latency_hist, ttft_hist, input_tokens, output_tokens, generation_ms, cost, feedback_up, feedback_down, judge_sum, judge_count, cache_hits, cache_lookups)
      VALUES (@minute, @operation, @model, @prompt, @collectionId, @user, @endpoint, @requests, @errors, @errorCodes, @latency, @ttft, @inputTokens,
        @outputTokens, @generationMs, @cost, @feedbackUp, @feedbackDown, @judgeSum, @judgeCount, @cacheHits, @cacheLookups)
      ON CONFLICT (minute, operation, model, prompt, collection_id, user, endpoint) DO UPDATE SET
        requests = requests + excluded.requests, errors = errors + excluded.errors, error_codes = excluded.error_codes,
        latency_hist = excluded.latency_hist, ttft_hist = excluded.ttft_hist, input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens, generation_ms = generation_ms + excluded.generation_ms, cost = cost + excluded.cost,
        feedback_up = feedback_up + excluded.feedback_up, feedback_down = feedback_down + excluded.feedback_down,
        judge_sum = judge_sum + excluded.judge_sum, judge_count = judge_count + excluded.judge_count,
        cache_hits = cache_hits + excluded.cache_hits, cache_lookups = cache_lookups + excluded.cache_lookups`);
    for (const { key, delta } of this.rows.values()) {
      const k = [key.minute, key.operation, key.model, key.prompt, key.collectionId, key.user, key.endpoint];
      const stored = read.get(...k) as { error_codes: string; latency_hist: string; ttft_hist: string } | undefined;
      // The JSON columns merge here (SQL cannot add two histograms); the counters add up in the upsert itself.
      const codes = stored ? merge(JSON.parse(stored.error_codes) as Histogram, delta.errorCodes) : delta.errorCodes;
      const latency = stored ? merge(JSON.parse(stored.latency_hist) as Histogram, delta.latency) : delta.latency;
      const ttft = stored ? merge(JSON.parse(stored.ttft_hist) as Histogram, delta.ttft) : delta.ttft;
      upsert.run({
        ...key, ...delta, errorCodes: JSON.stringify(codes), latency: JSON.stringify(latency), ttft: JSON.stringify(ttft),
      });
    }
  }
}

export { add as addToHistogram };
