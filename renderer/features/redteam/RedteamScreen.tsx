import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { BenchmarkPanel } from './BenchmarkPanel.js';
import { RedteamConfig } from './RedteamConfig.js';
import { RedteamRunView } from './RedteamRunView.js';
import { useRedteam } from './redteam.store.js';

const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** Red team: attack a prompt or a model with tagged probes, follow the run, read what got through, get the report. */
export function RedteamScreen() {
  const runs = useRedteam((s) => s.runs);
  const open = useRedteam((s) => s.open);
  const error = useRedteam((s) => s.error);
  const refresh = useRedteam((s) => s.refresh);
  const show = useRedteam((s) => s.show);
  const dismissError = useRedteam((s) => s.dismissError);
  useEffect(() => void refresh(), [refresh]);
  return (
    <section className="screen" aria-labelledby="redteam-title">
      <div className="screen-header">
        <h1 id="redteam-title" className="screen-title">
          Red team
        </h1>
        <span className="screen-subtitle">Attack a prompt or model offline with OWASP-tagged probes; see what got through</span>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="redteam-error" />}
      <RedteamConfig />
      {open && <RedteamRunView run={open} />}
      <table className="table" data-testid="redteam-runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Target</th>
            <th>Status</th>
            <th>Attacks</th>
            <th>Success rate</th>
            <th>Gate</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="row-clickable" onClick={() => void show(run.id)} data-testid="redteam-run-row">
              <td>{run.name}</td>
              <td>{run.target.prompt ?? run.target.model}</td>
              <td>{run.status}</td>
              <td className="cell-number">{run.summary.overall.attempts}</td>
              <td className="cell-number">{pct(run.summary.overall.rate)}</td>
              <td>{run.gate ? (run.gate.passed ? 'pass' : 'fail') : '—'}</td>
              <td>{run.createdAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BenchmarkPanel />
    </section>
  );
}
