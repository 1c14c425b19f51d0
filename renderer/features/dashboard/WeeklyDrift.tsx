import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

type Schedule = Output<'drift.schedule.get'>;

/** The weekly drift check's latest result (last 7 days of inputs against the 7 before) and a button to run it now. */
export function WeeklyDrift() {
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('drift.schedule.get', {}).then(setSchedule, (e: unknown) => setError(toClientError(e)));
  }, []);

  async function runNow(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const last = await call('drift.schedule.run', {});
      setSchedule((s) => (s ? { ...s, last } : s));
    } catch (e) {
      setError(toClientError(e));
    } finally {
      setBusy(false);
    }
  }

  if (!schedule) return error ? <ErrorMessage error={error} onDismiss={() => setError(null)} /> : null;
  const last = schedule.last;
  return (
    <div className="toolbar" data-testid="drift-weekly">
      <span className="screen-subtitle">Weekly check {schedule.config.enabled ? 'on' : 'off'}:</span>
      <span className={last?.drifted ? 'drift-verdict drift-yes' : 'drift-verdict'} data-testid="drift-weekly-result">
        {!last ? 'not run yet'
          : last.score === null ? `${last.at.slice(0, 16).replace('T', ' ')} · ${last.note ?? 'no result'}`
            : `${last.at.slice(0, 16).replace('T', ' ')} · ${last.drifted ? 'Drifted' : 'No drift'}: score ${last.score} (threshold ${last.threshold})`}
      </span>
      <button type="button" className="button" disabled={busy} onClick={() => void runNow()} data-testid="drift-weekly-run">{busy ? 'Running…' : 'Run weekly check now'}</button>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
