import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { abStatusLabels, describeDecision, describeSignificance, formatMetric, type AbTest } from './ab-format.js';
import { formatTime } from './prompt-time.js';
import { usePrompts } from './prompts.store.js';

function AbTestCard({ test }: { test: AbTest }) {
  const { monitor } = test;
  return (
    <div className="panel ab-test" data-testid="prompts-ab-test" data-status={test.status}>
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
            <th>Version</th>
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
      {test.decision && <p className="hint">Decision: {describeDecision(test.decision)}</p>}
    </div>
  );
}

/** The prompt's A/B tests, read-only: the split, per-arm outcomes and Welch's t-test on the monitored metric. */
export function AbTestsPanel({ prompt }: { prompt: string }) {
  const revision = usePrompts((state) => state.revision);
  const [tests, setTests] = useState<AbTest[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    let live = true;
    call('prompts.ab.list', { prompt }).then(
      (value) => live && (setTests(value), setError(null)),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [prompt, revision]);

  if (error) return <ErrorMessage error={error} testId="prompts-ab-error" />;
  if (!tests) return <p className="hint">Loading A/B tests…</p>;
  if (tests.length === 0) {
    return (
      <p className="empty" data-testid="prompts-ab-empty">
        No A/B tests for {prompt}. A test splits callers of a label between two versions (through the API, prompts.ab.create) and records their outcomes.
      </p>
    );
  }
  return (
    <div className="ab-tests" data-testid="prompts-ab-tests">
      {tests.map((test) => (
        <AbTestCard key={test.id} test={test} />
      ))}
    </div>
  );
}
