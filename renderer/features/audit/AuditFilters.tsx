import type { FormEvent } from 'react';
import { auditOutcomes } from './audit-filter.js';
import { useAudit } from './audit.store.js';

export function AuditFilters() {
  const form = useAudit((state) => state.form);
  const setField = useAudit((state) => state.setField);
  const apply = useAudit((state) => state.apply);
  const resetFilters = useAudit((state) => state.resetFilters);
  const loading = useAudit((state) => state.loading);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void apply();
  };

  return (
    <form className="toolbar audit-filters" onSubmit={submit} aria-label="Filter the audit trail">
      <label className="param">
        <span className="param-label">Actor</span>
        <input className="input" value={form.actor} placeholder="user:…" onChange={(e) => setField('actor', e.target.value)} data-testid="audit-filter-actor" />
      </label>
      <label className="param">
        <span className="param-label">Action starts with</span>
        <input
          className="input"
          value={form.action}
          placeholder="models, rag.search…"
          onChange={(e) => setField('action', e.target.value)}
          data-testid="audit-filter-action"
        />
      </label>
      <label className="param">
        <span className="param-label">Outcome</span>
        <select className="select" value={form.outcome} onChange={(e) => setField('outcome', e.target.value as typeof form.outcome)} data-testid="audit-filter-outcome">
          <option value="">any</option>
          {auditOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </label>
      <label className="param">
        <span className="param-label">From</span>
        <input className="input" type="date" value={form.since} onChange={(e) => setField('since', e.target.value)} data-testid="audit-filter-since" />
      </label>
      <label className="param">
        <span className="param-label">To (inclusive)</span>
        <input className="input" type="date" value={form.until} onChange={(e) => setField('until', e.target.value)} data-testid="audit-filter-until" />
      </label>
      <div className="audit-filter-actions">
        <button type="submit" className="button button-primary" disabled={loading} data-testid="audit-apply">
          Apply
        </button>
        <button type="button" className="button" onClick={() => void resetFilters()} disabled={loading} data-testid="audit-reset">
          Clear
        </button>
      </div>
    </form>
  );
}
