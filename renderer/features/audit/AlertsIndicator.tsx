import { useState } from 'react';
import { useNavigation } from '../shell/navigation.store.js';
import { useAudit } from './audit.store.js';
import { useAlerts } from './alerts.store.js';

const windowText = (ms: number): string => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/** The header's alert bell: how many anomalies arrived, and a list that leads into the audit trail. */
export function AlertsIndicator() {
  const alerts = useAlerts((state) => state.alerts);
  const unseen = useAlerts((state) => state.unseen);
  const markSeen = useAlerts((state) => state.markSeen);
  const go = useNavigation((state) => state.go);
  const [open, setOpen] = useState(false);
  if (alerts.length === 0) return null;

  const toggle = () => {
    setOpen(!open);
    markSeen();
  };
  const inspect = (seq: number) => {
    setOpen(false);
    go('audit');
    useAudit.getState().select(seq);
  };

  return (
    <span className="alerts">
      <button type="button" className={unseen > 0 ? 'button button-small alerts-button alerts-unseen' : 'button button-small alerts-button'} onClick={toggle} aria-expanded={open} data-testid="alerts-button">
        {unseen > 0 ? `${unseen} new alert${unseen === 1 ? '' : 's'}` : `${alerts.length} alert${alerts.length === 1 ? '' : 's'}`}
      </button>
      {open && (
        <div className="alerts-panel" role="dialog" aria-label="Audit alerts" data-testid="alerts-panel">
          <ul className="alerts-list">
            {alerts.map((alert) => (
              <li key={`${alert.rule}-${alert.lastSeq}`} className="alerts-item" data-testid="alert">
                <div className="alerts-title">{alert.description}</div>
                <div className="alerts-meta">
                  {alert.count} in {windowText(alert.windowMs)} · {alert.key} · entries #{alert.firstSeq}–#{alert.lastSeq} · {new Date(alert.receivedAt).toLocaleTimeString()}
                </div>
                <button type="button" className="button button-small" onClick={() => inspect(alert.lastSeq)} data-testid="alert-inspect">
                  Inspect entry #{alert.lastSeq}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </span>
  );
}
