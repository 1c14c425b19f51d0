import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { formatScore } from '../search/source-location.js';
import { RestorePseudonyms } from './RestorePseudonyms.js';

type Trace = Output<'rag.traces.get'>;

/** The trace every ask leaves: its id at once, the recorded prompt, retrieval and timings on demand. */
export function TraceDetails({ traceId, promptTokens, completionTokens }: { traceId: string; promptTokens: number; completionTokens: number }) {
  const [open, setOpen] = useState(false);
  const [trace, setTrace] = useState<Trace | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    setTrace(null);
    setError(null);
    setOpen(false);
  }, [traceId]);

  useEffect(() => {
    if (!open || trace) return;
    let live = true;
    call('rag.traces.get', { traceId }).then(
      (value) => live && setTrace(value),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [open, trace, traceId]);

  return (
    <div className="trace">
      <div className="trace-line">
        <span className="param-label">Trace</span>
        <code className="cell-mono" data-testid="ask-trace-id">
          {traceId}
        </code>
        <span className="hint">
          {promptTokens} prompt + {completionTokens} completion tokens
        </span>
        <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="ask-trace-toggle">
          {open ? 'Hide trace' : 'Show trace'}
        </button>
      </div>
      {open && error && <ErrorMessage error={error} />}
      {open && trace && (
        <div className="trace-body" data-testid="ask-trace">
          <span className="hint">
            {new Date(trace.createdAt).toLocaleString()} · {trace.user} ·{' '}
            {Object.entries(trace.timings)
              .map(([name, ms]) => `${name.replace(/Ms$/, '')} ${Math.round(ms)} ms`)
              .join(' · ')}
          </span>
          <span className="hint">
            Retrieved: {trace.retrieved.map((r) => `chunk ${r.chunkId} (${formatScore(r.score)})`).join(', ') || 'nothing'}
          </span>
          <pre className="code-block" data-testid="ask-trace-prompt">{promptText(trace.prompt)}</pre>
          <RestorePseudonyms traceId={traceId} text={promptText(trace.prompt)} />
        </div>
      )}
    </div>
  );
}

/** The recorded prompt is the chat messages as JSON; shown as the model read them, role by role. */
function promptText(prompt: string): string {
  try {
    const messages = JSON.parse(prompt) as Array<{ role?: unknown; content?: unknown }>;
    if (Array.isArray(messages)) return messages.map((m) => `── ${String(m.role)} ──\n${String(m.content)}`).join('\n\n');
    // A completion prompt (a registry prompt of that kind) is recorded as one JSON string.
    if (typeof messages === 'string') return messages;
  } catch {
    // Not JSON: show it as recorded.
  }
  return prompt;
}
