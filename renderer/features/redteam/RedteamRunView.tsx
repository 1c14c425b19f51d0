import { useState } from 'react';
import { downloadText } from '../datasets/download.js';
import { useRedteam, type RunDetail } from './redteam.store.js';

const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

function RateTable({ title, rows, testId }: { title: string; rows: Record<string, { attempts: number; successes: number; rate: number }>; testId: string }) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>{title}</th>
          <th>Attacks</th>
          <th>Got through</th>
          <th>Success rate</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(rows).map(([key, r]) => (
          <tr key={key}>
            <td>{key}</td>
            <td className="cell-number">{r.attempts}</td>
            <td className="cell-number">{r.successes}</td>
            <td className={`cell-number ${r.rate > 0 ? 'eval-bad' : ''}`}>{pct(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One attack that got through: why, and the whole transcript (shown as text, never as markup). */
function Failure({ result }: { result: RunDetail['results'][number] }) {
  return (
    <details className="panel" data-testid="redteam-failure">
      <summary>
        <b>{result.probeId}</b> · {result.strategy} · {result.owasp.join(', ')} {result.atlas.length > 0 && `· ${result.atlas.join(', ')}`}
      </summary>
      <p className="hint" data-testid="redteam-failure-reason">{result.reason}</p>
      {result.transcript.map((turn, i) => (
        <div key={i}>
          <span className="muted">{turn.role}</span>
          <pre className="code-block">{turn.content}</pre>
        </div>
      ))}
    </details>
  );
}

export function RedteamRunView({ run }: { run: RunDetail }) {
  const report = useRedteam((s) => s.report);
  const close = useRedteam((s) => s.show);
  const [showHeld, setShowHeld] = useState(false);
  const failures = run.results.filter((r) => r.success);
  const held = run.results.filter((r) => !r.success);
  const download = async () => downloadText(`redteam-${run.id}.html`, await report(run.id), 'text/html');
  return (
    <section className="panel" data-testid="redteam-run">
      <div className="panel-header">
        <span className="panel-label">
          {run.name} ({run.id})
        </span>
        <span className="toolbar-grow" />
        <button type="button" className="button" onClick={() => void download()} data-testid="redteam-report">
          Download HTML report
        </button>
        <button type="button" className="button" onClick={() => void close(null)}>
          Close
        </button>
      </div>
      <p data-testid="redteam-overall">
        Target {run.target.collection ? `collection ${run.target.collection}, ` : ''}{run.target.prompt ? `${run.target.prompt} on ` : ''}
        {run.target.model}
        {run.target.canary ? `, canary ${run.target.canary}` : ''}: <b>{run.summary.overall.successes}</b> of {run.summary.overall.attempts} attacks got through ({pct(run.summary.overall.rate)})
        {run.gate ? ` — gate ${run.gate.passed ? 'passed' : 'FAILED'}` : ''}
      </p>
      <div className="toolbar">
        <RateTable title="OWASP risk" rows={run.summary.byRisk} testId="redteam-by-risk" />
        <RateTable title="Strategy" rows={run.summary.byStrategy} testId="redteam-by-strategy" />
      </div>
      <h3>Attacks that got through ({failures.length})</h3>
      {failures.length === 0 ? <p className="muted">None.</p> : failures.map((r) => <Failure key={`${r.probeId}/${r.strategy}`} result={r} />)}
      <button type="button" className="link-button" onClick={() => setShowHeld(!showHeld)}>
        {showHeld ? 'Hide' : 'Show'} the {held.length} attacks that were held
      </button>
      {showHeld && held.map((r) => <Failure key={`${r.probeId}/${r.strategy}`} result={r} />)}
    </section>
  );
}
