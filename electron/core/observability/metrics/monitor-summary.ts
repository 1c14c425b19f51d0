import type { Db } from '../../../../native/sqlite/open.js';
import { AppError } from '../../contract/errors.js';
import type { MonitorDimension, MonitorMetrics, MonitorPoint } from '../../contract/monitor.api.js';
import { merge, percentiles, type Histogram } from './log-histogram.js';

interface RollupRow {
  minute: number; dimension: string; value: string;
  requests: number; errors: number; error_codes: string; latency_hist: string; ttft_hist: string; input_tokens: number; output_tokens: number;
  generation_ms: number; cost: number; feedback_up: number; feedback_down: number; judge_sum: number; judge_count: number; cache_hits: number; cache_lookups: number;
}

const QS = [0.5, 0.95, 0.99] as const;

/** Sums rollup rows; percentiles come from the merged histograms. */
class MetricsAccumulator {
  requests = 0; errors = 0; inputTokens = 0; outputTokens = 0; generationMs = 0; cost = 0;
  up = 0; down = 0; judgeSum = 0; judgeCount = 0; cacheHits = 0; cacheLookups = 0;
  readonly codes: Histogram = {};
  readonly latency: Histogram = {};
  readonly ttft: Histogram = {};

  add(row: RollupRow): void {
    this.requests += row.requests; this.errors += row.errors; this.inputTokens += row.input_tokens; this.outputTokens += row.output_tokens;
    this.generationMs += row.generation_ms; this.cost += row.cost; this.up += row.feedback_up; this.down += row.feedback_down;
    this.judgeSum += row.judge_sum; this.judgeCount += row.judge_count; this.cacheHits += row.cache_hits; this.cacheLookups += row.cache_lookups;
    if (row.error_codes !== '{}') merge(this.codes, JSON.parse(row.error_codes) as Histogram);
    if (row.latency_hist !== '{}') merge(this.latency, JSON.parse(row.latency_hist) as Histogram);
    if (row.ttft_hist !== '{}') merge(this.ttft, JSON.parse(row.ttft_hist) as Histogram);
  }

  metrics(): MonitorMetrics {
    const [lp50, lp95, lp99] = percentiles(this.latency, QS);
    const [tp50, tp95, tp99] = percentiles(this.ttft, QS);
    const rated = this.up + this.down;
    return {
      requests: this.requests, errors: this.errors, errorRate: this.requests === 0 ? 0 : round(this.errors / this.requests, 4), errorsByCode: this.codes,
      latencyMs: { p50: lp50 ?? null, p95: lp95 ?? null, p99: lp99 ?? null }, ttftMs: { p50: tp50 ?? null, p95: tp95 ?? null, p99: tp99 ?? null },
      inputTokens: this.inputTokens, outputTokens: this.outputTokens,
      tokensPerSecond: this.generationMs > 0 ? round(this.outputTokens / (this.generationMs / 1000), 2) : null,
      cost: round(this.cost, 6), feedback: { up: this.up, down: this.down, ratio: rated === 0 ? null : round(this.up / rated, 4) },
      judge: { mean: this.judgeCount === 0 ? null : round(this.judgeSum / this.judgeCount, 3), count: this.judgeCount },
      cacheHitRate: this.cacheLookups === 0 ? null : round(this.cacheHits / this.cacheLookups, 4),
    };
  }

  point(t: number): MonitorPoint {
    const m = this.metrics();
    return {
      t, requests: m.requests, errors: m.errors, latencyMs: m.latencyMs, ttftMs: m.ttftMs, inputTokens: m.inputTokens, outputTokens: m.outputTokens,
      cost: m.cost, feedbackUp: m.feedback.up, feedbackDown: m.feedback.down, judgeMean: m.judge.mean,
    };
  }
}

export interface SummaryRequest {
  fromMs: number;
  toMs: number;
  points: number;
  groupBy?: MonitorDimension | undefined;
  filters: Partial<Record<MonitorDimension, string | undefined>>;
}

/** Ranges longer than this read hour rows (a 30-day chart needs no minute detail). */
const MINUTE_ROWS_UP_TO_MS = 48 * 3_600_000;

/**
 * Totals, a time series and an optional breakdown over [from, to), from the rollups only. Rows are kept per single
 * dimension, so a query filters by one dimension, or breaks down by one, or both on the same dimension.
 */
export function monitorSummary(db: Db, request: SummaryRequest): { bucketMinutes: number; totals: MonitorMetrics; series: MonitorPoint[]; groups: Array<MonitorMetrics & { key: string }> } {
  const filters = Object.entries(request.filters).filter(([, v]) => v !== undefined && v !== '') as Array<[MonitorDimension, string]>;
  if (filters.length > 1) throw new AppError('INVALID_INPUT', `Filter the summary by one of ${filters.map(([d]) => d).join(', ')}, not several: rollups are kept per dimension`);
  const filter = filters[0];
  if (filter && request.groupBy && request.groupBy !== filter[0]) {
    throw new AppError('INVALID_INPUT', `Break down by ${request.groupBy} or filter by ${filter[0]}, not both: rollups are kept per dimension (list the traces to combine them)`);
  }
  const resolution = request.toMs - request.fromMs > MINUTE_ROWS_UP_TO_MS ? 60 : 1;
  const fromMinute = Math.floor(request.fromMs / 60_000 / resolution) * resolution;
  const toMinute = Math.ceil(request.toMs / 60_000);
  const span = Math.max(1, toMinute - fromMinute);
  const bucketMinutes = Math.max(resolution, Math.ceil(span / request.points / resolution) * resolution);
  const rows = (dimension: string, value?: string): IterableIterator<RollupRow> =>
    db.prepare(`SELECT * FROM metric_rollups WHERE resolution = ? AND dimension = ?${value !== undefined ? ' AND value = ?' : ''} AND minute >= ? AND minute < ?`)
      .iterate(resolution, dimension, ...(value !== undefined ? [value] : []), fromMinute, toMinute) as IterableIterator<RollupRow>;

  const totals = new MetricsAccumulator();
  const buckets = new Map<number, MetricsAccumulator>();
  const groups = new Map<string, MetricsAccumulator>();
  const addToSeries = (row: RollupRow): void => {
    totals.add(row);
    const bucket = fromMinute + Math.floor((row.minute - fromMinute) / bucketMinutes) * bucketMinutes;
    let acc = buckets.get(bucket);
    if (!acc) buckets.set(bucket, (acc = new MetricsAccumulator()));
    acc.add(row);
  };
  const addToGroup = (row: RollupRow): void => {
    let group = groups.get(row.value);
    if (!group) groups.set(row.value, (group = new MetricsAccumulator()));
    group.add(row);
  };
  // iterate() streams rows: a year of buckets is never held in memory at once.
  if (filter) {
    for (const row of rows(filter[0], filter[1])) {
      addToSeries(row);
      if (request.groupBy) addToGroup(row);
    }
  } else {
    for (const row of rows('all')) addToSeries(row);
    if (request.groupBy) for (const row of rows(request.groupBy)) addToGroup(row);
  }
  const series: MonitorPoint[] = [];
  for (let minute = fromMinute; minute < toMinute; minute += bucketMinutes) {
    series.push((buckets.get(minute) ?? new MetricsAccumulator()).point(minute * 60_000));
  }
  return {
    bucketMinutes,
    totals: totals.metrics(),
    series,
    groups: [...groups.entries()].map(([key, acc]) => ({ key, ...acc.metrics() })).sort((a, b) => b.requests - a.requests),
  };
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
