import { createHash } from 'node:crypto';
import type { AttrValue } from '../tracing/trace-types.js';
import type { SpanDbRow, TraceDbRow } from './traces.repo.js';

type OtlpValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean } | { arrayValue: { values: OtlpValue[] } };
interface OtlpAttribute { key: string; value: OtlpValue }

/**
 * An OTLP/JSON ExportTraceServiceRequest (opentelemetry-proto, JSON encoding: hex trace and span ids, nanosecond
 * times as decimal strings, 64-bit integers as strings): what an OpenTelemetry collector's otlpjsonfile receiver or
 * any OTLP/HTTP endpoint loads.
 */
export function otlpDocument(traces: Array<{ row: TraceDbRow; spans: SpanDbRow[] }>, version: string): Record<string, unknown> {
  const spans = traces.flatMap(({ row, spans: list }) => {
    const traceId = traceIdOf(row.id);
    const rootIds = new Set(list.filter((s) => s.parent_id === null).map((s) => s.span_id));
    return list.map((span) => ({
      traceId,
      spanId: span.span_id,
      ...(span.parent_id ? { parentSpanId: span.parent_id } : {}),
      name: span.name,
      kind: 1,
      startTimeUnixNano: nanos(span.start_ms),
      endTimeUnixNano: nanos(span.start_ms + span.duration_ms),
      attributes: [
        ...attributes(JSON.parse(span.attrs_json) as Record<string, AttrValue>),
        // The root span carries what the trace as a whole is about.
        ...(rootIds.has(span.span_id) ? attributes({
          'user.id': row.user, 'enclave.operation': row.operation, 'enclave.trace.id': row.id, 'enclave.input': row.input, 'enclave.output': row.output,
          ...(row.feedback !== null ? { 'enclave.feedback': row.feedback } : {}), ...(row.score !== null ? { 'enclave.judge.score': row.score } : {}),
        }) : []),
      ],
      status: span.status === 'error' ? { code: 2, message: span.error_code ?? 'error' } : { code: 1 },
    }));
  });
  return {
    resourceSpans: [{
      resource: { attributes: attributes({ 'service.name': 'enclave', 'service.version': version }) },
      scopeSpans: [{ scope: { name: 'enclave.observability', version }, spans }],
    }],
  };
}

/** A trace id is 16 bytes: a UUID's own hex, else a hash of the id. */
export function traceIdOf(id: string): string {
  const hex = id.replaceAll('-', '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : createHash('sha256').update(id).digest('hex').slice(0, 32);
}

function nanos(epochMs: number): string {
  return (BigInt(Math.round(epochMs * 1000)) * 1000n).toString();
}

function attributes(attrs: Record<string, AttrValue>): OtlpAttribute[] {
  return Object.entries(attrs).flatMap(([key, value]) => {
    const encoded = encode(value);
    return encoded ? [{ key, value: encoded }] : [];
  });
}

function encode(value: AttrValue): OtlpValue | null {
  if (value === null) return null;
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}
