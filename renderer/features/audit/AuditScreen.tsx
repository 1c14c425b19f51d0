import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditInspector } from './AuditInspector.js';
import { AuditTable } from './AuditTable.js';
import { AuditTools } from './AuditTools.js';
import { VerifyExportPanel } from './VerifyExportPanel.js';
import { AuditRetentionPanel } from './AuditRetentionPanel.js';
import { IntegrityBanner } from './IntegrityBanner.js';
import { useAudit } from './audit.store.js';

export function AuditScreen() {
  const entries = useAudit((state) => state.entries);
  const loaded = useAudit((state) => state.loaded);
  const error = useAudit((state) => state.error);
  const selectedSeq = useAudit((state) => state.selectedSeq);
  const select = useAudit((state) => state.select);

  // Every visit checks the chain and lists what happened since the last one.
  useEffect(() => {
    void useAudit.getState().verify();
    void useAudit.getState().apply();
  }, []);

  return (
    <section className="screen" aria-labelledby="audit-title">
      <div className="screen-header">
        <h1 id="audit-title" className="screen-title">
          Audit
        </h1>
        <span className="screen-subtitle">Every change, retrieval and model run, hash-chained and signed</span>
      </div>
      <IntegrityBanner />
      <AuditFilters />
      {error && <ErrorMessage error={error} testId="audit-error" />}
      {loaded && entries.length === 0 && !error ? (
        <p className="empty" data-testid="audit-empty">
          No entries match these filters.
        </p>
      ) : (
        <div className={selectedSeq === null ? 'audit-body' : 'audit-body audit-body-inspecting'}>
          <AuditTable />
          {selectedSeq !== null && <AuditInspector seq={selectedSeq} onClose={() => select(null)} />}
        </div>
      )}
      <AuditTools />
      <VerifyExportPanel />
      <AuditRetentionPanel />
    </section>
  );
}
