import { z } from 'zod';
import { TimeRef } from './traces.api.js';

const Percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

export const MonitorMetrics = z.object({
  requests: z.number(),
  errors: z.number(),
  errorRate: z.number(),
  errorsByCode: z.record(z.string(), z.number()),
  latencyMs: Percentiles,
  ttftMs: Percentiles,
  inputTokens: z.number(),
  outputTokens: z.number(),
  tokensPerSecond: z.number().nullable(),
  cost: z.number(),
  feedback: z.object({ up: z.number(), down: z.number(), ratio: z.number().nullable() }),
  judge: z.object({ mean: z.number().nullable(), count: z.number() }),
  cacheHitRate: z.number().nullable(),
});
export type MonitorMetrics = z.infer<typeof MonitorMetrics>;

export const MonitorDimension = z.enum(['operation', 'model', 'prompt', 'collection', 'user', 'endpoint']);
export type MonitorDimension = z.infer<typeof MonitorDimension>;

export const MonitorPoint = z.object({
  /** Bucket start, epoch milliseconds. */
  t: z.number(),
  requests: z.number(),
  errors: z.number(),
  latencyMs: Percentiles,
  ttftMs: Percentiles,
  inputTokens: z.number(),
  outputTokens: z.number(),
  cost: z.number(),
  feedbackUp: z.number(),
  feedbackDown: z.number(),
  judgeMean: z.number().nullable(),
});
export type MonitorPoint = z.infer<typeof MonitorPoint>;

/** Aggregates from the per-minute rollups: what the Dashboard draws and `enclave monitor summary` prints. */
export const monitorApi = {
  'monitor.summary': {
    input: z.object({
      /** A span back from now (default 1h) or an ISO time. */
      since: TimeRef.default('1h'),
      until: TimeRef.optional(),
      groupBy: MonitorDimension.optional(),
      filters: z.object({
        operation: z.string().optional(), model: z.string().optional(), prompt: z.string().optional(),
        collection: z.string().optional(), user: z.string().optional(), endpoint: z.string().optional(),
      }).default({}),
      /** About how many points the series should have (the bucket is a whole number of minutes). */
      points: z.number().int().min(1).max(1440).default(120),
    }),
    output: z.object({
      from: z.string(),
      to: z.string(),
      bucketMinutes: z.number(),
      totals: MonitorMetrics,
      series: z.array(MonitorPoint),
      groups: z.array(MonitorMetrics.extend({ key: z.string() })),
    }),
  },
} as const;
