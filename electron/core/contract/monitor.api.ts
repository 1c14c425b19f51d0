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

/** One side of a drift check: a window of traffic (`FROM..TO`, times or spans back from now) or the texts themselves. */
export const DriftSource = z.union([
  z.object({ window: z.string().regex(/^.+\.\..*$/, 'A window is FROM..TO, e.g. 14d..7d or 2026-01-01..2026-01-08') }),
  z.object({ texts: z.array(z.string().max(20_000)).min(2).max(20_000) }),
]);

export const DriftCluster = z.object({
  id: z.number(), terms: z.array(z.string()), baselineShare: z.number(), currentShare: z.number(), change: z.number(), examples: z.array(z.string()),
});

export const MonitorAlertRule = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'A rule id is lowercase letters, digits and -'),
  metric: z.enum(['p95LatencyMs', 'p95TtftMs', 'errorRate', 'judgeMean', 'thumbsUpRatio', 'drift']),
  comparison: z.enum(['above', 'below']),
  threshold: z.number(),
  windowMinutes: z.number().int().min(1).max(10_080),
  minRequests: z.number().int().min(1).default(5),
  dimension: MonitorDimension.optional(),
  value: z.string().optional(),
});

export const OnlineEvalConfig = z.object({
  rate: z.number().min(0).max(1),
  judgeModel: z.string().min(1).nullable(),
  criterion: z.string().max(2000).nullable().default(null),
  maxTokens: z.number().int().min(32).max(2048).default(400),
  /** RAG answers judged below this (1–5) join the review queue after release (`low-judge-score`); above 5 sends every judged one. */
  reviewBelow: z.number().min(1).max(6).nullable().default(null),
});

/** An administrator's SIEM: syslog (RFC 5424) over udp:// or tcp://, or a JSON POST to https://; every raised alert goes there. */
export const SiemConfig = z.object({
  url: z.string().regex(/^(udp|tcp):\/\/[^/\s]+:\d{1,5}$|^https:\/\/[^/\s]+(\/\S*)?$/, 'A SIEM address is udp://HOST:PORT, tcp://HOST:PORT or https://HOST[:PORT]/PATH').nullable(),
  enabled: z.boolean().default(true),
});

export const DriftScheduleConfig = z.object({
  enabled: z.boolean(),
  threshold: z.number().min(0).max(1).nullable().default(null),
  operation: z.string().min(1).nullable().default(null),
});

export const DriftScheduleResult = z.object({
  at: z.string(), baselineWindow: z.string(), currentWindow: z.string(), score: z.number().nullable(), threshold: z.number().nullable(),
  drifted: z.boolean(), clusters: z.array(DriftCluster), note: z.string().nullable(),
});

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
  'monitor.alerts.get': {
    input: z.object({}).default({}),
    output: z.object({ rules: z.array(MonitorAlertRule) }),
  },
  'monitor.alerts.set': {
    input: z.object({ rules: z.array(MonitorAlertRule).max(100) }),
    output: z.object({ rules: z.array(MonitorAlertRule) }),
  },
  /** Evaluates the rules now (background shells do it every minute); returns the alerts that started firing. */
  'monitor.alerts.evaluate': {
    input: z.object({}).default({}),
    output: z.object({ fired: z.array(z.object({ rule: z.string(), description: z.string(), value: z.number(), at: z.string() })) }),
  },
  'monitor.siem.get': {
    input: z.object({}).default({}),
    output: SiemConfig,
  },
  'monitor.siem.set': {
    input: SiemConfig,
    output: SiemConfig,
  },
  /** Sends one test alert to the configured SIEM now; fails with the reason when it cannot be delivered. */
  'monitor.siem.test': {
    input: z.object({}).default({}),
    output: z.object({ url: z.string(), sent: z.string() }),
  },
  /** The weekly drift check (last 7 days of inputs against the 7 before): its settings and latest result. */
  'drift.schedule.get': {
    input: z.object({}).default({}),
    output: z.object({ config: DriftScheduleConfig, last: DriftScheduleResult.nullable() }),
  },
  'drift.schedule.set': {
    input: DriftScheduleConfig,
    output: DriftScheduleConfig,
  },
  /** Runs the weekly check now and keeps its result (background shells run it when a week has passed). */
  'drift.schedule.run': {
    input: z.object({}).default({}),
    output: DriftScheduleResult,
  },
  'monitor.online.get': {
    input: z.object({}).default({}),
    output: OnlineEvalConfig,
  },
  /** A rubric judge scores `rate` of production answers in the background; scores join traces and the dashboard. */
  'monitor.online.set': {
    input: OnlineEvalConfig,
    output: OnlineEvalConfig,
  },
  /** Topic drift of inputs between a baseline and a current sample (and output drift for traffic windows). */
  'drift.check': {
    input: z.object({
      baseline: DriftSource,
      current: DriftSource,
      threshold: z.number().min(0).max(1).optional(),
      k: z.number().int().min(2).max(50).optional(),
      /** An approved embedding model: clusters of embeddings beside the lexical ones. */
      embeddingModel: z.string().optional(),
      /** Only traces of this operation (chat, rag.ask…) from traffic windows. */
      operation: z.string().optional(),
      sample: z.number().int().min(10).max(5000).default(1000),
    }),
    output: z.object({
      score: z.number(), threshold: z.number(), drifted: z.boolean(), views: z.object({ lexical: z.number(), embedding: z.number().nullable() }),
      k: z.number(), baselineCount: z.number(), currentCount: z.number(), clusters: z.array(DriftCluster),
      outputs: z.object({ baseline: z.record(z.string(), z.number().nullable()), current: z.record(z.string(), z.number().nullable()) }).nullable(),
    }),
  },
} as const;
