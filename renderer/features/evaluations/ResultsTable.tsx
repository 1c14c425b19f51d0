import { ErrorMessage } from '../shell/ErrorMessage.js';
import { formatCount, formatMetric, formatMs, formatValue } from './eval-format.js';
import type { EvalResult } from './eval-types.js';
import { RESULTS_PAGE, useRunPage } from './run-page.store.js';
import { ModelName } from './ModelName.js';

/** The first few metrics shown in the table; the drill-down shows them all. */
const SHOWN_METRICS = 3;

function varsText(vars: Record<string, unknown>): string {
  return Object.entries(vars)
    .map(([name, value]) => `${name}=${formatValue(value)}`)
    .join(', ');
}

function metricsText(metrics: Record<string, number>): string {
  const entries = Object.entries(metrics).filter(([name]) => name !== 'pass');
  const shown = entries.slice(0, SHOWN_METRICS).map(([name, value]) => `${name} ${formatMetric(value)}`);
  return entries.length > SHOWN_METRICS ? `${shown.join(', ')} …` : shown.join(', ');
}

export function Verdict({ result }: { result: Pick<EvalResult, 'status' | 'passed'> }) {
  const verdict = result.status === 'error' ? 'error' : result.passed ? 'pass' : 'fail';
  return (
    <span className={`outcome eval-verdict-${verdict}`} data-testid="eval-result-verdict">
      {verdict}
    </span>
  );
}

function ResultRow({ result, selected }: { result: EvalResult; selected: boolean }) {
  const select = useRunPage((state) => state.select);
  const toggle = () => select(selected ? null : result.id);
  return (
    <tr className={selected ? 'row-selected row-clickable' : 'row-clickable'} onClick={toggle} aria-selected={selected} data-testid="eval-result-row" data-result-id={result.id} data-case={result.caseKey} data-prompt={result.prompt}>
      <td className="cell-number">
        <button type="button" className="row-select" onClick={(event) => (event.stopPropagation(), toggle())} data-testid="eval-result-open">
          {result.caseKey}
        </button>
      </td>
      <td>{result.prompt}</td>
      <td className="eval-clip">
        <ModelName value={result.model} />
      </td>
      <td>
        <Verdict result={result} />
      </td>
      <td className="eval-clip eval-clip-wide" title={varsText(result.vars)}>
        {varsText(result.vars)}
      </td>
      <td className="eval-clip eval-clip-wide" title={result.error ? result.error.message : result.output}>
        {result.error ? <span className="eval-bad">{result.error.code}</span> : result.output}
      </td>
      <td className="cell-mono">{metricsText(result.metrics)}</td>
      <td className="cell-number">{formatMs(result.latencyMs)}</td>
    </tr>
  );
}

/** A run's results, a page at a time, optionally only the failed ones; a click opens the case. */
export function ResultsTable() {
  const items = useRunPage((state) => state.items);
  const total = useRunPage((state) => state.total);
  const offset = useRunPage((state) => state.offset);
  const failedOnly = useRunPage((state) => state.failedOnly);
  const loading = useRunPage((state) => state.loadingResults);
  const error = useRunPage((state) => state.resultsError);
  const selectedId = useRunPage((state) => state.selectedId);
  const { setPage, setFailedOnly } = useRunPage.getState();
  const last = Math.min(offset + items.length, total);

  return (
    <div className="stacked eval-results-list">
      <div className="toolbar">
        <span className="panel-label">Results</span>
        <label className="checkbox">
          <input type="checkbox" checked={failedOnly} onChange={(e) => void setFailedOnly(e.target.checked)} data-testid="eval-failed-only" />
          Failed only
        </label>
        <span className="spacer" />
        <span className="hint" data-testid="eval-results-count">
          {total === 0 ? (failedOnly ? 'No failed results' : 'No results yet') : `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(total)}`}
        </span>
        <button type="button" className="button button-small" onClick={() => void setPage(offset - RESULTS_PAGE)} disabled={loading || offset === 0} data-testid="eval-results-prev">
          Previous
        </button>
        <button type="button" className="button button-small" onClick={() => void setPage(offset + RESULTS_PAGE)} disabled={loading || last >= total} data-testid="eval-results-next">
          Next
        </button>
      </div>
      {error && <ErrorMessage error={error} testId="eval-results-error" />}
      {items.length > 0 && (
        <div className="table-scroll eval-results-table">
          <table className="table" data-testid="eval-results">
            <thead>
              <tr>
                <th className="cell-number">Case</th>
                <th>Prompt</th>
                <th>Model</th>
                <th>Verdict</th>
                <th>Inputs</th>
                <th>Output</th>
                <th>Metrics</th>
                <th className="cell-number">Latency</th>
              </tr>
            </thead>
            <tbody>
              {items.map((result) => (
                <ResultRow key={result.id} result={result} selected={result.id === selectedId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
