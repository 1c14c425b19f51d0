import { useState } from 'react';
import { call } from '../../api/client.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError, reportInfo } from '../shell/notices.store.js';
import { useAudit } from './audit.store.js';

/**
 * Audit retention for administrators, as `enclave audit purge --days N` does: payloads older than the period are
 * dropped, while each entry's digest, the hash chain and the signed checkpoints stay, so the trail still verifies.
 */
export function AuditRetentionPanel() {
  const me = useAuth((state) => state.me);
  const [days, setDays] = useState('365');
  const [busy, setBusy] = useState(false);
  if (!holds(me, 'audit.manage')) return null;

  const purge = async () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 0) return reportError(new Error('Retention is a whole number of days, 0 or more'));
    if (!window.confirm(`Drop the payloads of audit entries older than ${n} days? Their digests and signatures stay; the payloads cannot be recovered.`)) return;
    setBusy(true);
    try {
      const result = await call('audit.purge', { days: n });
      reportInfo(result.purged === 0 ? `Nothing to purge: no payload is older than ${result.before.slice(0, 10)}` : `Purged the payloads of ${result.purged} entries older than ${result.before.slice(0, 10)}`);
      void useAudit.getState().apply();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="audit-retention-title" data-testid="audit-retention">
      <div className="panel-header">
        <span id="audit-retention-title" className="panel-label">Retention</span>
        <span className="hint">Payloads past the period are dropped; digests and signatures stay verifiable</span>
      </div>
      <div className="toolbar">
        <label className="stacked">
          Keep payloads for (days)
          <input type="number" min={0} step={1} value={days} onChange={(event) => setDays(event.target.value)} data-testid="audit-retention-days" />
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void purge()} data-testid="audit-purge">
          {busy ? 'Purging…' : 'Purge older payloads'}
        </button>
      </div>
    </section>
  );
}
