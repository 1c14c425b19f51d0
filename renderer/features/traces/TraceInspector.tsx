import { ErrorMessage } from '../shell/ErrorMessage.js';
import { FeedbackButtons } from './FeedbackButtons.js';
import { ToDatasetForm } from './ToDatasetForm.js';
import { TraceWaterfall } from './TraceWaterfall.js';
import { useTraces } from './traces.store.js';

/** One trace: what it was, its span waterfall, input and output, feedback given and buttons to give it. */
export function TraceInspector() {
  const detail = useTraces((s) => s.detail);
  const error = useTraces((s) => s.detailError);
  const select = useTraces((s) => s.select);
  const refresh = useTraces((s) => s.refreshSelected);
  if (error) return <aside className="panel trace-inspector"><ErrorMessage error={error} onDismiss={() => void select(null)} /></aside>;
  if (!detail) return <aside className="panel trace-inspector"><p className="empty">Loading…</p></aside>;
  const facts: Array<[string, string]> = [
    ['Operation', detail.operation], ['User', detail.user], ['Model', detail.model || '—'], ['Prompt', detail.prompt || '—'],
    ['Status', detail.errorCode ?? detail.status], ['Latency', `${Math.round(detail.durationMs)} ms`],
    ['First token', detail.ttftMs === null ? '—' : `${Math.round(detail.ttftMs)} ms`], ['Tokens', `${detail.inputTokens} in / ${detail.outputTokens} out`],
    ['Cost', detail.cost === null ? '—' : String(detail.cost)], ['Judge score', detail.score === null ? '—' : String(detail.score)],
  ];
  return (
    <aside className="panel trace-inspector" data-testid="trace-inspector">
      <div className="toolbar">
        <span className="panel-label">Trace {detail.id}</span>
        <span className="toolbar-grow" />
        <button type="button" className="button" onClick={() => void select(null)} aria-label="Close the trace">Close</button>
      </div>
      <dl className="trace-facts">{facts.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
      <TraceWaterfall detail={detail} />
      <div className="panel-label">Input</div>
      <pre className="trace-text" data-testid="trace-input">{detail.input}</pre>
      <div className="panel-label">Output</div>
      <pre className="trace-text" data-testid="trace-output">{detail.output}</pre>
      {detail.feedbackEntries.length > 0 && (
        <ul className="trace-feedback">
          {detail.feedbackEntries.map((f, i) => (
            <li key={i}>{f.rating === 'up' ? '▲ good' : '▼ bad'}, {f.user}{f.comment ? `: ${f.comment}` : ''}{f.correction ? ` — corrected: ${f.correction}` : ''}</li>
          ))}
        </ul>
      )}
      <FeedbackButtons key={detail.id} traceId={detail.id} onRecorded={() => void refresh()} />
      <ToDatasetForm key={`ds-${detail.id}`} traceId={detail.id} />
    </aside>
  );
}
