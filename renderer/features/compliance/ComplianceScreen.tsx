import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { BiasPanel } from './BiasPanel.js';
import { ModelCardView } from './ModelCardView.js';
import { useCompliance } from './compliance.store.js';

/** Model cards, bias audits and decision records: what an auditor asks for, generated from what Enclave records. */
export function ComplianceScreen() {
  const { models, model, card, traceId, error } = useCompliance();
  const { load, choose, setTraceId, downloadRecord, dismissError } = useCompliance.getState();
  useEffect(() => void load(), [load]);
  return (
    <section className="screen" aria-labelledby="compliance-title">
      <div className="screen-header">
        <h1 id="compliance-title" className="screen-title">
          Compliance
        </h1>
        <span className="screen-subtitle">Model cards, bias audits and decision records from the registry, evaluations and traces</span>
      </div>
      <div className="toolbar">
        <label className="param">
          <span className="param-label">Model</span>
          <select className="select" value={model} onChange={(event) => void choose(event.target.value)} aria-label="Model" data-testid="compliance-model">
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <input className="input" placeholder="Trace id of an answer" value={traceId} onChange={(event) => setTraceId(event.target.value)} aria-label="Trace id" data-testid="record-trace-id" />
        <button type="button" className="button" disabled={traceId.trim() === ''} onClick={() => void downloadRecord()} data-testid="record-download">
          Export decision record
        </button>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="compliance-error" />}
      {card && <ModelCardView result={card} />}
      {card && <BiasPanel />}
    </section>
  );
}
