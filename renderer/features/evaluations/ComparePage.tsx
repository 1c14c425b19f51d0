import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { CasePairView } from './CasePairView.js';
import { changeKey, metricOutcome, sortMetricRows } from './compare-highlight.js';
import { useCompare } from './compare.store.js';
import { datasetLabel, formatCi, formatCount, formatDelta, formatMetric, formatPValue, formatTime } from './eval-format.js';
import type { CaseChange, EvalRun, RunComparison } from './eval-types.js';
import { useEvaluations } from './evaluations.store.js';
import { ModelName } from './ModelName.js';

function RunCard({ role, run }: { role: 'Base' | 'Head'; run: EvalRun | null }) {
  return (
    <div className="eval-run-card" data-testid={`eval-compare-${role.toLowerCase()}`}>
      <span className="panel-label">{role}</span>
      {run ? (
        <>
          <strong>{run.name}</strong>
          <span className="hint">
            {datasetLabel(run)} · {formatTime(run.createdAt)} · <code>{run.id}</code>
          </span>
        </>
      ) : (
        <span className="hint">Loading…</span>
      )}
    </div>
  );
}

function MetricsTable({ comparison }: { comparison: RunComparison }) {
  const rows = sortMetricRows(comparison.metrics);
  if (rows.length === 0) return <p className="empty">The two runs share no metric on paired cases.</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="eval-compare-metrics">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="cell-number">n</th>
            <th className="cell-number">Base</th>
            <th className="cell-number">Head</th>
            <th className="cell-number">Delta</th>
            <th className="cell-number">95% CI</th>
            <th className="cell-number">p</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const outcome = metricOutcome(row);
            return (
              <tr key={row.metric} className={`eval-metric-${outcome}`} data-testid="eval-compare-metric" data-metric={row.metric} data-outcome={outcome} data-significant={String(row.significant)}>
                <td className="cell-mono">{row.metric}</td>
                <td className="cell-number">{formatCount(row.n)}</td>
                <td className="cell-number">{formatMetric(row.base)}</td>
                <td className="cell-number">{formatMetric(row.head)}</td>
                <td className="cell-number eval-delta">{formatDelta(row.delta)}</td>
                <td className="cell-number">{formatCi(row.ci)}</td>
                <td className="cell-number">{formatPValue(row.pValue)}</td>
                <td>{outcome === 'unchanged' ? <span className="muted">{row.significant ? 'no change' : 'not significant'}</span> : <span className={`eval-outcome eval-outcome-${outcome}`}>{outcome}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ChangeList({ kind, changes }: { kind: 'regressions' | 'improvements'; changes: CaseChange[] }) {
  const openCase = useCompare((state) => state.openCase);
  const selected = useCompare((state) => (state.pair ? changeKey(state.pair.change) : null));
  const title = kind === 'regressions' ? 'Regressions' : 'Improvements';
  return (
    <div className={`panel eval-changes eval-changes-${kind}`} data-testid={`eval-${kind}`}>
      <span className="panel-label">
        {title} ({formatCount(changes.length)})
      </span>
      {changes.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul className="eval-change-list">
          {changes.map((change) => {
            const key = changeKey(change);
            return (
              <li key={key}>
                <button type="button" className={selected === key ? 'eval-change eval-change-active' : 'eval-change'} onClick={() => void openCase(change)} data-testid="eval-change" data-case={change.caseKey} data-metric={change.metric}>
                  <span className="eval-change-case">case {change.caseKey}</span>
                  <span className="muted">
                    {change.prompt} · <ModelName value={change.model} />
                  </span>
                  <code>{change.metric}</code>
                  <span className="cell-number">
                    {formatMetric(change.base)} → {formatMetric(change.head)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Two runs side by side: which metrics moved significantly, and the cases that got worse or better. */
export function ComparePage({ base, head }: { base: string; head: string }) {
  const comparison = useCompare((state) => (state.base === base && state.head === head ? state.comparison : null));
  const runs = useCompare((state) => state.runs);
  const loading = useCompare((state) => state.loading);
  const error = useCompare((state) => state.error);
  const pair = useCompare((state) => state.pair);
  const showList = useEvaluations((state) => state.showList);

  useEffect(() => {
    void useCompare.getState().load(base, head);
  }, [base, head]);

  return (
    <div className="eval-compare" data-testid="eval-compare-page">
      <div className="toolbar">
        <button type="button" className="button button-small" onClick={showList} data-testid="eval-back">
          ← All runs
        </button>
        <button type="button" className="button button-small" onClick={() => useEvaluations.setState({ view: { kind: 'compare', base: head, head: base } })} data-testid="eval-compare-swap">
          Swap base and head
        </button>
      </div>
      <div className="eval-run-cards">
        <RunCard role="Base" run={runs.base} />
        <span className="eval-arrow" aria-hidden="true">
          →
        </span>
        <RunCard role="Head" run={runs.head} />
      </div>
      {error && <ErrorMessage error={error} testId="eval-compare-error" />}
      {loading && <p className="hint">Comparing…</p>}
      {comparison && (
        <>
          <p className="hint" data-testid="eval-compare-paired">
            {formatCount(comparison.paired)} paired result(s){comparison.unpaired > 0 ? `, ${formatCount(comparison.unpaired)} in head without a match in base` : ''}. Significant
            changes are highlighted: red got worse, green got better.
          </p>
          <MetricsTable comparison={comparison} />
          <div className="eval-change-columns">
            <ChangeList kind="regressions" changes={comparison.regressions} />
            <ChangeList kind="improvements" changes={comparison.improvements} />
          </div>
          {pair && <CasePairView pair={pair} />}
        </>
      )}
    </div>
  );
}
