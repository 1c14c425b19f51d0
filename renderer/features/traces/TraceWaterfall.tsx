import type { TraceDetail } from './traces.store.js';

/** The spans on one time axis: each bar starts at its offset and is as long as it took (widths set via the CSSOM). */
export function TraceWaterfall({ detail }: { detail: TraceDetail }) {
  const total = Math.max(1, detail.durationMs, ...detail.spans.map((s) => s.offsetMs + s.durationMs));
  const depth = new Map<string, number>();
  return (
    <div className="waterfall" data-testid="trace-waterfall">
      {detail.spans.map((span) => {
        const level = span.parentId === null ? 0 : (depth.get(span.parentId) ?? 0) + 1;
        depth.set(span.spanId, level);
        const attrs = Object.entries(span.attributes).filter(([k]) => k.startsWith('gen_ai.usage') || k === 'enclave.ttft_ms' || k === 'enclave.guard.verdict' || k === 'enclave.retrieval.hits' || k === 'error.type');
        return (
          <div key={span.spanId} className="waterfall-row" data-testid="trace-span">
            <span className="waterfall-name" style={{ paddingLeft: level * 12 }} title={JSON.stringify(span.attributes, null, 2)}>{span.name}</span>
            <span className="waterfall-track">
              <span className={span.status === 'error' ? 'waterfall-bar waterfall-bar-error' : 'waterfall-bar'}
                style={{ left: `${(span.offsetMs / total) * 100}%`, width: `${Math.max(0.5, (span.durationMs / total) * 100)}%` }} />
            </span>
            <span className="waterfall-ms">{Math.round(span.durationMs)} ms</span>
            <span className="waterfall-attrs">{attrs.map(([k, v]) => `${k.replace(/^gen_ai\.usage\.|^enclave\./, '')}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}</span>
          </div>
        );
      })}
    </div>
  );
}
