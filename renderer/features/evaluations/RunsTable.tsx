import { cancelBlocked, canCancel, canResume, datasetLabel, formatCount, formatRate, formatTime, gateLabel, progressOf, promptLabel, runState } from './eval-format.js';
import type { EvalRun, GateReport, RunState } from './eval-types.js';
import { useEvaluations } from './evaluations.store.js';
import { ModelNames } from './ModelName.js';

const columns = ['Compare', 'Name', 'Status', 'Dataset', 'Prompts', 'Models', 'Progress', 'Pass rate', 'Gate', 'Created by', 'Created', ''];

export function RunStateBadge({ state }: { state: RunState }) {
  return (
    <span className={`run-state run-state-${state}`} data-testid="eval-run-state">
      {state}
    </span>
  );
}

export function GateBadge({ gate }: { gate: GateReport | null }) {
  const label = gateLabel(gate);
  return <span className={gate === null ? 'muted' : `gate gate-${label}`}>{label}</span>;
}

export function RunProgress({ run }: { run: EvalRun }) {
  return (
    <span className="run-progress">
      <progress className="run-progress-bar" max={1} value={progressOf(run)} />
      <span className="cell-number" data-testid="eval-run-progress">
        {formatCount(run.doneItems)}/{formatCount(run.totalItems)}
      </span>
    </span>
  );
}

function RunActions({ run }: { run: EvalRun }) {
  const busy = useEvaluations((state) => state.busy[run.id]);
  const resume = useEvaluations((state) => state.resume);
  const cancel = useEvaluations((state) => state.cancel);
  const open = useEvaluations((state) => state.open);
  const blocked = cancelBlocked(run);
  return (
    <td className="cell-actions" onClick={(event) => event.stopPropagation()}>
      {canResume(run) && (
        <button type="button" className="row-action" onClick={() => void resume(run.id)} disabled={busy !== undefined} data-testid="eval-run-resume">
          {busy === 'resuming' ? 'Resuming…' : 'Resume'}
        </button>
      )}
      {canCancel(run) && (
        <button
          type="button"
          className="row-action row-action-danger"
          onClick={() => void cancel(run)}
          disabled={blocked !== null || busy !== undefined}
          title={blocked ?? 'Stop this run; Resume continues it later'}
          data-testid="eval-run-cancel"
        >
          {busy === 'cancelling' ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      <button type="button" className="row-action" onClick={() => open(run.id)} data-testid="eval-run-open">
        Open
      </button>
    </td>
  );
}

function RunRow({ run, picked }: { run: EvalRun; picked: boolean }) {
  const open = useEvaluations((state) => state.open);
  const togglePick = useEvaluations((state) => state.togglePick);
  const state = runState(run);
  return (
    <tr className={picked ? 'row-selected row-clickable' : 'row-clickable'} onClick={() => open(run.id)} data-testid="eval-run-row" data-run-id={run.id} data-name={run.name} data-state={state}>
      <td onClick={(event) => event.stopPropagation()}>
        <input type="checkbox" checked={picked} onChange={() => togglePick(run.id)} aria-label={`Pick ${run.name} to compare`} data-testid="eval-run-pick" />
      </td>
      <td className="cell-name">{run.name}</td>
      <td>
        <RunStateBadge state={state} />
      </td>
      <td className="cell-mono">{datasetLabel(run)}</td>
      <td className="eval-clip" title={run.prompts.map(promptLabel).join('\n')}>
        {run.prompts.map(promptLabel).join(', ')}
      </td>
      <td className="eval-clip">
        <ModelNames values={run.models} />
      </td>
      <td>
        <RunProgress run={run} />
      </td>
      <td className="cell-number" data-testid="eval-run-pass-rate">
        {formatRate(run.summary?.passRate)}
      </td>
      <td>
        <GateBadge gate={run.gate} />
      </td>
      <td className="eval-clip" title={run.createdBy}>
        {run.createdBy}
      </td>
      <td title={run.createdAt}>{formatTime(run.createdAt)}</td>
      <RunActions run={run} />
    </tr>
  );
}

/** Every run, newest first, with what can be done to it; two picked runs can be compared. */
export function RunsTable() {
  const runs = useEvaluations((state) => state.runs);
  const loaded = useEvaluations((state) => state.loaded);
  const picked = useEvaluations((state) => state.picked);
  const comparePicked = useEvaluations((state) => state.comparePicked);
  const clearPicks = useEvaluations((state) => state.clearPicks);

  if (loaded && runs.length === 0) {
    return (
      <p className="empty" data-testid="eval-runs-empty">
        No evaluation runs yet: paste a suite below and run it.
      </p>
    );
  }
  return (
    <div className="stacked">
      <div className="toolbar eval-compare-bar">
        <span className="hint" data-testid="eval-picked">
          {picked.length === 0 ? 'Pick two runs to compare them.' : picked.length === 1 ? 'Pick one more run to compare.' : 'Two runs picked.'}
        </span>
        <button type="button" className="button button-small button-primary" disabled={picked.length !== 2} onClick={comparePicked} data-testid="eval-compare">
          Compare
        </button>
        {picked.length > 0 && (
          <button type="button" className="button button-small" onClick={clearPicks} data-testid="eval-unpick">
            Clear
          </button>
        )}
      </div>
      <div className="table-scroll eval-runs-table">
        <table className="table" data-testid="eval-runs">
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th key={index} className={column === 'Pass rate' ? 'cell-number' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow key={run.id} run={run} picked={picked.includes(run.id)} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
