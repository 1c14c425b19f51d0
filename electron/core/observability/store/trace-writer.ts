import type { Db } from '../../../../native/sqlite/open.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import { addToHistogram, minuteOf, RollupBatch } from '../metrics/rollup-writer.js';
import type { TraceRecord } from '../tracing/trace-types.js';
import { summarize } from './trace-summary.js';

/** How long a finished trace waits for company before the batch is written, and the batch size that writes at once. */
const FLUSH_DELAY_MS = 250;
const FLUSH_SIZE = 500;
/** Payloads are capped: a trace records what happened, not a second copy of a 100k-token prompt. */
const MAX_TEXT = 32_000;

/**
 * Traces leave the request path at once: `enqueue` only appends to memory; a timer writes the batch (traces, spans,
 * access sets and rollups) in one transaction. Readers call `flush` first, so a caller sees their own trace.
 */
export class TraceWriter {
  private queue: TraceRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly listeners: Array<(traces: TraceRecord[]) => void> = [];

  constructor(private readonly db: Db, private readonly log: (message: string) => void = () => undefined) {}

  enqueue(trace: TraceRecord): void {
    if (this.closed) return;
    this.queue.push(trace);
    if (this.queue.length >= FLUSH_SIZE) setImmediate(() => this.flush());
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Told of every batch once it is written (online evaluation samples from here, off the request path). */
  onWritten(listener: (traces: TraceRecord[]) => void): void {
    this.listeners.push(listener);
  }

  get pending(): number {
    return this.queue.length;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 || !this.db.open) return;
    const batch = this.queue;
    this.queue = [];
    try {
      writeTransaction(this.db, () => writeTraces(this.db, batch));
      for (const listener of this.listeners) listener(batch);
    } catch (error) {
      // Losing a batch of traces must not take a request down with it; the log says so.
      this.log(`[observability] ${batch.length} traces not written: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}

/** Writes traces with their spans, access sets and rollup deltas (inside the caller's transaction). */
export function writeTraces(db: Db, traces: TraceRecord[]): void {
  const insertTrace = db.prepare(`INSERT OR IGNORE INTO traces (id, operation, user, model, prompt, collection_id, endpoint, status, error_code, started_at,
    duration_ms, ttft_ms, input_tokens, output_tokens, cost, input, output, acl_json, attrs_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertSpan = db.prepare(`INSERT INTO trace_spans (trace_seq, span_id, parent_id, name, start_ms, duration_ms, status, error_code, attrs_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAcl = db.prepare('INSERT OR IGNORE INTO trace_acl (trace_seq, acl_set_id) VALUES (?, ?)');
  const rollups = new RollupBatch();
  for (const trace of traces) {
    const s = summarize(trace);
    const result = insertTrace.run(trace.id, trace.operation, trace.user, s.model, s.prompt, s.collectionId, s.endpoint, trace.status, trace.errorCode,
      Math.round(trace.startMs), trace.durationMs, s.ttftMs, s.inputTokens, s.outputTokens, s.cost, cap(trace.input), cap(trace.output),
      JSON.stringify(trace.acl), JSON.stringify(trace.attrs));
    if (result.changes === 0) continue;
    const seq = Number(result.lastInsertRowid);
    for (const span of trace.spans) {
      insertSpan.run(seq, span.spanId, span.parentId, span.name, span.startMs, span.durationMs, span.status, span.errorCode, JSON.stringify(span.attrs));
    }
    for (const acl of trace.acl) insertAcl.run(seq, acl);
    rollups.each({ minute: minuteOf(trace.startMs), operation: trace.operation, model: s.model, prompt: s.prompt, collectionId: s.collectionId, user: trace.user, endpoint: s.endpoint }, (delta) => {
      delta.requests += 1;
      if (trace.status === 'error') {
        delta.errors += 1;
        const code = trace.errorCode ?? 'INTERNAL';
        delta.errorCodes[code] = (delta.errorCodes[code] ?? 0) + 1;
      }
      addToHistogram(delta.latency, trace.durationMs);
      if (s.ttftMs !== null) addToHistogram(delta.ttft, s.ttftMs);
      delta.inputTokens += s.inputTokens;
      delta.outputTokens += s.outputTokens;
      delta.generationMs += s.generationMs;
      delta.cost += s.cost ?? 0;
      if (s.cacheHit !== null) {
        delta.cacheLookups += 1;
        if (s.cacheHit) delta.cacheHits += 1;
      }
    });
  }
  rollups.write(db);
}

const cap = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);
