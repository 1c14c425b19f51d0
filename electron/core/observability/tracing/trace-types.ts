/** Span and trace records as the tracer hands them to the store. Times are epoch milliseconds (fractional). */
export type AttrValue = string | number | boolean | null | string[];
export type Attrs = Record<string, AttrValue>;

export type SpanStatus = 'ok' | 'error';

export interface SpanRecord {
  spanId: string;
  parentId: string | null;
  name: string;
  startMs: number;
  durationMs: number;
  status: SpanStatus;
  errorCode: string | null;
  attrs: Attrs;
}

export interface TraceRecord {
  id: string;
  /** What started it: chat, text_completion, embeddings, retrieval, rag.ask, prompts.run, eval.case, eval.judge… */
  operation: string;
  user: string;
  startMs: number;
  durationMs: number;
  status: SpanStatus;
  errorCode: string | null;
  input: string;
  output: string;
  /** Access sets of every passage the trace quoted. */
  acl: number[];
  /** Trace-level attributes (endpoint, prompt, collection) beside what the spans carry. */
  attrs: Attrs;
  spans: SpanRecord[];
}
