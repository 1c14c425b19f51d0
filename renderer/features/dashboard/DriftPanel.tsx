import { useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { WeeklyDrift } from './WeeklyDrift.js';

type DriftReport = Output<'drift.check'>;

/** Topic drift of the inputs between two windows of traffic: score against threshold, clusters that grew or shrank. */
export function DriftPanel() {
  const [baseline, setBaseline] = useState('14d..7d');
  const [current, setCurrent] = useState('7d..');
  const [report, setReport] = useState<DriftReport | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setReport(await call('drift.check', { baseline: { window: baseline }, current: { window: current } }));
    } catch (e) {
      setError(toClientError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel drift-panel" aria-label="Drift" data-testid="drift-panel">
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void check(); }}>
        <span className="panel-label">Input drift</span>
        <label htmlFor="drift-baseline" className="screen-subtitle">Baseline</label>
        <input id="drift-baseline" className="input input-narrow" value={baseline} onChange={(e) => setBaseline(e.target.value)} data-testid="drift-baseline" />
        <label htmlFor="drift-current" className="screen-subtitle">Current</label>
        <input id="drift-current" className="input input-narrow" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="drift-current" />
        <button type="submit" className="button" disabled={busy} data-testid="drift-check">{busy ? 'Checking…' : 'Check drift'}</button>
        <span className="screen-subtitle">Windows are FROM..TO: 14d..7d, 7d.. (until now), or ISO dates</span>
      </form>
      <WeeklyDrift />
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
      {report && (
        <>
          <p className={report.drifted ? 'drift-verdict drift-yes' : 'drift-verdict'} data-testid="drift-verdict">
            {report.drifted ? 'Drifted' : 'No drift'}: score {report.score} (threshold {report.threshold}), {report.baselineCount} baseline and {report.currentCount} current inputs
            {report.outputs && ` · mean output words ${report.outputs.baseline.meanOutputWords ?? '—'} → ${report.outputs.current.meanOutputWords ?? '—'}, error rate ${report.outputs.baseline.errorRate ?? '—'} → ${report.outputs.current.errorRate ?? '—'}`}
          </p>
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th>Cluster terms</th><th>Baseline</th><th>Current</th><th>Change</th><th>Example</th></tr></thead>
              <tbody>
                {report.clusters.map((c) => (
                  <tr key={c.id}><td>{c.terms.slice(0, 5).join(' ')}</td><td>{Math.round(c.baselineShare * 100)}%</td><td>{Math.round(c.currentShare * 100)}%</td>
                    <td>{c.change > 0 ? '+' : ''}{Math.round(c.change * 100)}%</td><td className="drift-example">{c.examples[0] ?? ''}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
