import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { TraceFilters } from './TraceFilters.js';
import { TraceInspector } from './TraceInspector.js';
import { TraceList } from './TraceList.js';
import { useTraces } from './traces.store.js';
import './traces.css';

export function TracesScreen() {
  const rows = useTraces((s) => s.rows);
  const loaded = useTraces((s) => s.loaded);
  const error = useTraces((s) => s.error);
  const selectedId = useTraces((s) => s.selectedId);

  useEffect(() => {
    void useTraces.getState().apply();
  }, []);

  return (
    <section className="screen" aria-labelledby="traces-title">
      <div className="screen-header">
        <h1 id="traces-title" className="screen-title">Traces</h1>
        <span className="screen-subtitle">Every model and retrieval call with its spans, tokens, latency and feedback</span>
      </div>
      <TraceFilters />
      {error && <ErrorMessage error={error} testId="traces-error" />}
      {loaded && rows.length === 0 && !error ? (
        <p className="empty" data-testid="traces-empty">No traces match these filters.</p>
      ) : (
        <div className={selectedId === null ? 'traces-body' : 'traces-body traces-body-inspecting'}>
          <TraceList />
          {selectedId !== null && <TraceInspector />}
        </div>
      )}
    </section>
  );
}
