import { z } from 'zod';

/** When: an ISO time, or a span back from now (`15m`, `1h`, `7d`). */
export const TimeRef = z.string().trim().regex(/^(\d+[smhdw]|\d{4}-\d{2}-\d{2}.*)$/, 'A time is an ISO date (2026-01-31T10:00:00Z) or a span back from now (15m, 1h, 7d)');

export const TraceFilters = z.object({
  from: TimeRef.optional(),
  to: TimeRef.optional(),
  user: z.string().optional(),
  model: z.string().optional(),
  /** name or name@version of a registry prompt. */
  prompt: z.string().optional(),
  collection: z.string().optional(),
  operation: z.string().optional(),
  status: z.enum(['ok', 'error']).optional(),
  minLatencyMs: z.number().min(0).optional(),
  maxLatencyMs: z.number().min(0).optional(),
  feedback: z.enum(['up', 'down', 'any', 'none']).optional(),
  minScore: z.number().optional(),
  maxScore: z.number().optional(),
  /** Full-text search over inputs and outputs (words, "phrases", prefix*). */
  text: z.string().trim().min(1).max(500).optional(),
  /** The trace a job left (a Playground generation or prompt run finds its trace to rate it). */
  jobId: z.string().min(1).max(200).optional(),
});
export type TraceFilters = z.infer<typeof TraceFilters>;

export const TraceRow = z.object({
  id: z.string(),
  operation: z.string(),
  user: z.string(),
  model: z.string(),
  prompt: z.string(),
  collectionId: z.string(),
  endpoint: z.string(),
  status: z.enum(['ok', 'error']),
  errorCode: z.string().nullable(),
  startedAt: z.string(),
  durationMs: z.number(),
  ttftMs: z.number().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cost: z.number().nullable(),
  /** The first few hundred characters; traces.get has the whole text. */
  input: z.string(),
  output: z.string(),
  feedback: z.number().nullable(),
  score: z.number().nullable(),
});
export type TraceRow = z.infer<typeof TraceRow>;

const AttrValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const TraceSpan = z.object({
  spanId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  startedAt: z.string(),
  /** Milliseconds after the trace started: what a waterfall draws. */
  offsetMs: z.number(),
  durationMs: z.number(),
  status: z.enum(['ok', 'error']),
  errorCode: z.string().nullable(),
  attributes: z.record(z.string(), AttrValue),
});
export type TraceSpan = z.infer<typeof TraceSpan>;

export const TraceFeedback = z.object({
  user: z.string(),
  rating: z.enum(['up', 'down']),
  comment: z.string().nullable(),
  correction: z.string().nullable(),
  createdAt: z.string(),
});

export const TraceDetail = TraceRow.extend({
  attributes: z.record(z.string(), AttrValue),
  spans: z.array(TraceSpan),
  feedbackEntries: z.array(TraceFeedback),
});
export type TraceDetail = z.infer<typeof TraceDetail>;

/**
 * Traces of every model and retrieval call. A caller sees their own traces; holders of `monitor.read` see everyone's.
 * A trace that quoted passages is shown only to those who may read all of them.
 */
export const tracesApi = {
  'traces.list': {
    input: TraceFilters.extend({
      limit: z.number().int().min(1).max(1000).default(100),
      /** The `nextCursor` of the previous page. */
      cursor: z.string().max(64).optional(),
    }),
    output: z.object({ traces: z.array(TraceRow), nextCursor: z.string().nullable() }),
  },
  'traces.get': {
    input: z.object({ traceId: z.string().min(1) }),
    output: TraceDetail,
  },
  /** An OTLP/JSON ExportTraceServiceRequest of the matching traces (the CLI writes it to a file). */
  'traces.export': {
    input: TraceFilters.extend({ format: z.literal('otlp-json').default('otlp-json'), limit: z.number().int().min(1).max(100_000).default(10_000) }),
    output: z.object({ count: z.number(), document: z.record(z.string(), z.unknown()) }),
  },
  'traces.feedback': {
    input: z.object({
      traceId: z.string().min(1),
      rating: z.enum(['up', 'down']),
      comment: z.string().trim().max(4000).optional(),
      correction: z.string().trim().max(32_000).optional(),
    }),
    output: z.object({ traceId: z.string(), rating: z.enum(['up', 'down']), up: z.number(), down: z.number() }),
  },
  /** The trace as a golden case (input, contexts, output; the corrected answer as expected) in a new dataset version. */
  'traces.toDataset': {
    input: z.object({ traceId: z.string().min(1), dataset: z.string().trim().min(1).max(200), note: z.string().max(2000).optional() }),
    output: z.object({ dataset: z.string(), version: z.number(), caseKey: z.string(), cases: z.number(), reused: z.boolean() }),
  },
  'traces.retention.get': {
    input: z.object({}).default({}),
    output: z.object({ days: z.number(), purgedAt: z.string().nullable() }),
  },
  'traces.retention.set': {
    input: z.object({ days: z.number().int().min(1).max(3650) }),
    output: z.object({ days: z.number(), purgedAt: z.string().nullable() }),
  },
  /** Deletes traces (spans, payloads, feedback) older than the retention period now; the schedule does it daily. */
  'traces.purge': {
    input: z.object({ olderThanDays: z.number().int().min(0).max(3650).optional() }),
    output: z.object({ deleted: z.number(), before: z.string() }),
  },
} as const;
