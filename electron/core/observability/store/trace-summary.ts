import { Attr, GenAi, generationOperations } from '../tracing/gen-ai-attributes.js';
import type { AttrValue, SpanRecord, TraceRecord } from '../tracing/trace-types.js';

/** The columns a trace is listed, filtered and rolled up by, derived once from its spans. */
export interface TraceSummary {
  model: string;
  prompt: string;
  collectionId: string;
  endpoint: string;
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Time spent producing output tokens (generation spans less their TTFT): tokens per second divides by it. */
  generationMs: number;
  cost: number | null;
  cacheHit: boolean | null;
}

export function summarize(trace: TraceRecord): TraceSummary {
  const spans = [...trace.spans].sort((a, b) => a.startMs - b.startMs);
  const generations = spans.filter((s) => generationOperations.has(String(s.attrs[GenAi.operation] ?? '')));
  const first = generations[0];
  const firstTtft = first ? num(first.attrs[Attr.ttftMs]) : null;
  const costs = spans.map((s) => num(s.attrs[Attr.cost])).filter((c): c is number => c !== null);
  const cacheFlags = spans.map((s) => s.attrs[Attr.cacheHit]).filter((v): v is boolean => typeof v === 'boolean');
  const promptName = str(trace.attrs[Attr.promptName]) || firstOf(spans, Attr.promptName);
  const promptVersion = str(trace.attrs[Attr.promptVersion]) || firstOf(spans, Attr.promptVersion);
  return {
    // Grouped by the model as it was asked for (the name people know it by); the response model stays on the span.
    model: first ? str(first.attrs[GenAi.requestModel]) || str(first.attrs[GenAi.responseModel]) : firstOf(spans, GenAi.requestModel) || firstOf(spans, GenAi.responseModel),
    prompt: promptName ? `${promptName}@${promptVersion}` : '',
    collectionId: str(trace.attrs[Attr.collection]) || firstOf(spans, Attr.collection),
    // A gateway span names the endpoint that answered; otherwise the shell and method the call came through.
    endpoint: firstOf(spans, Attr.endpoint) || str(trace.attrs[Attr.endpoint]),
    // Time to first token of the whole request: everything before the first generation (guard, retrieval) counts.
    ttftMs: first && firstTtft !== null ? round(first.startMs - trace.startMs + firstTtft) : null,
    inputTokens: sum(generations, GenAi.inputTokens),
    outputTokens: sum(generations, GenAi.outputTokens),
    generationMs: round(generations.reduce((total, s) => total + Math.max(0, s.durationMs - (num(s.attrs[Attr.ttftMs]) ?? 0)), 0)),
    cost: costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0),
    cacheHit: cacheFlags.length === 0 ? null : cacheFlags.some(Boolean),
  };
}

function firstOf(spans: SpanRecord[], key: string): string {
  for (const span of spans) if (str(span.attrs[key])) return str(span.attrs[key]);
  return '';
}

function sum(spans: SpanRecord[], key: string): number {
  return spans.reduce((total, s) => total + (num(s.attrs[key]) ?? 0), 0);
}

const str = (v: AttrValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: AttrValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round = (value: number): number => Math.round(value * 100) / 100;
