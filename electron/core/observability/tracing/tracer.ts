import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { callerScope } from '../../services/caller-scope.js';
import type { Attrs, SpanRecord, TraceRecord } from './trace-types.js';

/** The trace being built: spans append here; the root span's end hands the record to the sink. */
class TraceBuilder {
  readonly spans: SpanRecord[] = [];
  input = '';
  output = '';
  readonly acl = new Set<number>();
  readonly attrs: Attrs = {};
  finished = false;

  constructor(public id: string, readonly operation: string, readonly user: string, readonly startMs: number) {}
}

/** What code inside a span may record: its own attributes and error, and the trace's input, output and access sets. */
export class ActiveSpan {
  readonly record: SpanRecord;

  constructor(private readonly trace: TraceBuilder, parentId: string | null, name: string, attrs: Attrs) {
    this.record = { spanId: randomBytes(8).toString('hex'), parentId, name, startMs: nowMs(), durationMs: 0, status: 'ok', errorCode: null, attrs: { ...attrs } };
  }

  get traceId(): string {
    return this.trace.id;
  }

  set(attrs: Attrs): this {
    Object.assign(this.record.attrs, attrs);
    return this;
  }

  fail(code: string): this {
    this.record.status = 'error';
    this.record.errorCode = code;
    this.record.attrs['error.type'] = code;
    return this;
  }

  /** Trace-level facts: what went in and came out (searched by the Traces screen), endpoint, prompt, collection. */
  setTraceInput(text: string): this {
    if (this.trace.input === '') this.trace.input = text;
    return this;
  }

  setTraceOutput(text: string): this {
    this.trace.output = text;
    return this;
  }

  setTraceAttrs(attrs: Attrs): this {
    Object.assign(this.trace.attrs, attrs);
    return this;
  }

  /** A finished child measured elsewhere (a gateway attempt): placed `offsetMs` after this span's start. */
  addChild(name: string, offsetMs: number, durationMs: number, attrs: Attrs, errorCode: string | null = null): this {
    this.trace.spans.push({
      spanId: randomBytes(8).toString('hex'), parentId: this.record.spanId, name, startMs: this.record.startMs + offsetMs, durationMs,
      status: errorCode ? 'error' : 'ok', errorCode, attrs: errorCode ? { ...attrs, 'error.type': errorCode } : attrs,
    });
    return this;
  }

  /** The trace's operation (what started it). */
  get traceOperation(): string {
    return this.trace.operation;
  }

  /** A trace of `operation` takes the id its area already uses (a RAG ask's answer trace id), so both stores agree. */
  adoptTraceId(id: string, operation: string): this {
    if (this.trace.operation === operation && !this.trace.finished) this.trace.id = id;
    return this;
  }

  /** The trace quoted passages under these access sets: only readers of all of them may see it. */
  addAcl(aclSetIds: Iterable<number>): this {
    for (const id of aclSetIds) this.trace.acl.add(id);
    return this;
  }
}

interface Scope {
  trace: TraceBuilder;
  span: ActiveSpan;
}

export interface SpanOptions {
  /** The trace's operation when this span starts one (default: the span's name). */
  operation?: string;
  /** A trace id chosen by the caller (RAG asks reuse their answer's trace id). */
  traceId?: string;
  /** Only record this span inside an existing trace; never start one (ingestion embeddings would flood the store). */
  childOnly?: boolean;
  /** Trace attributes set when this span starts a trace (the endpoint it came through). */
  rootAttrs?: Attrs;
}

export type TraceSink = (trace: TraceRecord) => void;

/**
 * The current trace and span follow the work through every await (AsyncLocalStorage), so nested calls — the
 * retrieval and generation inside an ask, the judge inside an eval case — add their spans without anyone passing a
 * handle down. A span with no trace around it starts one; finishing the root hands the trace to the sink, which
 * writes in batches off the request path.
 */
export class Tracer {
  private readonly scope = new AsyncLocalStorage<Scope>();

  constructor(private readonly sink: TraceSink) {}

  /** The span the caller is inside, if any. */
  current(): ActiveSpan | undefined {
    const scope = this.scope.getStore();
    return scope && !scope.trace.finished ? scope.span : undefined;
  }

  async span<T>(name: string, attrs: Attrs, work: (span: ActiveSpan) => Promise<T> | T, options: SpanOptions = {}): Promise<T> {
    const outer = this.scope.getStore();
    const parent = outer && !outer.trace.finished ? outer : undefined;
    if (!parent && options.childOnly) return this.scope.exit(() => work(detachedSpan(name, attrs)));
    const trace = parent?.trace ?? new TraceBuilder(options.traceId ?? randomUUID(), options.operation ?? name, callerScope.current()?.user ?? 'system', nowMs());
    const span = new ActiveSpan(trace, parent?.span.record.spanId ?? null, name, attrs);
    if (!parent && options.rootAttrs) span.setTraceAttrs(options.rootAttrs);
    try {
      return await this.scope.run({ trace, span }, () => work(span));
    } catch (error) {
      if (span.record.status === 'ok') span.fail(errorCodeOf(error));
      throw error;
    } finally {
      span.record.durationMs = round(nowMs() - span.record.startMs);
      trace.spans.push(span.record);
      if (!parent) this.finish(trace, span.record);
    }
  }

  /** Runs work outside any trace (background work started from inside a request must not join its trace). */
  detached<T>(work: () => T): T {
    return this.scope.exit(work);
  }

  private finish(trace: TraceBuilder, root: SpanRecord): void {
    trace.finished = true;
    const failed = root.status === 'error';
    try {
      this.sink({
        id: trace.id, operation: trace.operation, user: trace.user, startMs: trace.startMs, durationMs: root.durationMs,
        status: failed ? 'error' : 'ok', errorCode: root.errorCode, input: trace.input, output: trace.output,
        acl: [...trace.acl].sort((a, b) => a - b), attrs: trace.attrs, spans: trace.spans,
      });
    } catch {
      // Tracing never fails the traced call.
    }
  }
}

/** A span that records nothing: what childOnly work gets outside a trace. */
function detachedSpan(name: string, attrs: Attrs): ActiveSpan {
  return new ActiveSpan(new TraceBuilder('', name, '', nowMs()), null, name, attrs);
}

export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : 'INTERNAL';
}

const nowMs = (): number => performance.timeOrigin + performance.now();
const round = (value: number): number => Math.round(value * 100) / 100;
