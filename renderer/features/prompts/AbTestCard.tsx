import type { ReactNode } from 'react';
import { abStatusLabels, describeDecision, describeSignificance, formatMetric, type AbTest } from './ab-format.js';
import { formatTime } from './prompt-time.js';

/** One A/B test: the split, per-arm outcomes, Welch's t-test on the monitored metric, and (for managers) its actions. */
export function AbTestCard({ test, children }: { test: AbTest; children?: ReactNode }) {
  const { monitor } = test;
  const ended = test.status !== 'running';
  return (
    <div className="panel ab-test" data-testid="prompts-ab-test" data-id={test.id} data-status={test.status}>
      <div className="panel-header">
        <span>
          <strong>{test.name}</strong> <span className={`ab-status ab-status-${test.status}`}>{abStatusLabels[test.status]}</span>
        </span>
        <span className="hint">
          {formatTime(test.createdAt)}
          {test.endedAt ? ` – ${formatTime(test.endedAt)}` : ''}
        </span>
      </div>
      <p className="hint">
        {test.controlLabel} (control) vs {test.candidateLabel} (candidate), {test.candidatePercent}% to the candidate · watching {monitor.metric}
        {monitor.threshold !== null ? `, rolls back below ${monitor.threshold} after ${monitor.minSamples} outcomes` : `, ${monitor.minSamples} outcomes minimum`}
      </p>
      <table className="table ab-arms">
        <thead>
          <tr>
            <th>Arm</th>
            <th>Label</th>
            <th title={ended ? 'The version the arm ran when the test ended' : 'Where the label points now'}>{ended ? 'Version compared' : 'Version'}</th>
            <th className="cell-number">Subjects</th>
            <th className="cell-number">Outcomes</th>
            <th className="cell-number">Mean {monitor.metric}</th>
            <th className="cell-number">SD</th>
          </tr>
        </thead>
        <tbody>
          {test.arms.map((arm) => (
            <tr key={arm.arm} data-testid="prompts-ab-arm" data-arm={arm.arm}>
              <td>{arm.arm}</td>
              <td>{arm.label}</td>
              <td className="cell-mono">{arm.version}</td>
              <td className="cell-number">{arm.subjects}</td>
              <td className="cell-number">{arm.n}</td>
              <td className="cell-number">{formatMetric(arm.mean)}</td>
              <td className="cell-number">{formatMetric(arm.sd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {test.significance ? (
        <p className={test.significance.significant ? 'ab-significance ab-significant' : 'ab-significance'} data-testid="prompts-ab-significance">
          {describeSignificance(test.significance)}
        </p>
      ) : (
        <p className="hint" data-testid="prompts-ab-significance">
          No significance yet: each arm needs at least two outcomes.
        </p>
      )}
      {test.decision && (
        <p className="hint" data-testid="prompts-ab-decision">
          Decision: {describeDecision(test.decision)}
        </p>
      )}
      {children}
    </div>
  );
}
