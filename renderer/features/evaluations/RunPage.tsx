import { useEffect, type ReactNode } from 'react';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { ResultDetail } from './ResultDetail.js';
import { ResultsTable } from './ResultsTable.js';
import { GateBadge, RunProgress, RunStateBadge } from './RunsTable.js';
import { RunSummaryPanel } from './RunSummary.js';
import { cancelBlocked, canCancel, canResume, datasetLabel, formatTime, promptLabel, runState } from './eval-format.js';
import type { EvalRun } from './eval-types.js';
import { useEvaluations } from './evaluations.store.js';
import { useRunPage } from './run-page.store.js';
import { ModelNames } from './ModelName.js';

function RunHeader({ run }: { run: EvalRun }) {
  const busy = useEvaluations((state) => state.busy[run.id]);
  const { resume, cancel } = useEvaluations.getState();
  const blocked = cancelBlocked(run);
  const fields: [string, ReactNode][] = [
    ['Dataset', datasetLabel(run)],
    ['Prompts', run.prompts.map(promptLabel).join(', ')],
    ['Models', <ModelNames values={run.models} />],
    ['Created by', run.createdBy],
    ['Created', formatTime(run.createdAt)],
    ['Ended', run.endedAt ? formatTime(run.endedAt) : '—'],
    ['Baseline', run.baselineRunId ?? '—'],
    ['Run id', run.id],
  ];
  return (
    <div className="panel eval-run-header" data-testid="eval-run-header" data-run-id={run.id}>
      <div className="inspector-header">
        <h2 className="inspector-title eval-run-title">
          {run.name} <RunStateBadge state={runState(run)} /> <RunProgress run={run} />
          <span className="eval-gate-inline">
            gate <GateBadge gate={run.gate} />
          </span>
        </h2>
        <div className="actions">
          {canResume(run) && (
            <button type="button" className="button button-small" onClick={() => void resume(run.id)} disabled={busy !== undefined} data-testid="eval-page-resume">
              {busy === 'resuming' ? 'Resuming…' : 'Resume'}
            </button>
          )}
          {canCancel(run) && (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => void cancel(run)}
              disabled={blocked !== null || busy !== undefined}
              title={blocked ?? 'Stop this run; Resume continues it later'}
              data-testid="eval-page-cancel"
            >
              {busy === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
        </div>
      </div>
      <dl className="fields">
        {fields.map(([label, value]) => (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd className={label === 'Run id' || label === 'Baseline' || label === 'Dataset' ? 'cell-mono' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      {run.error && <NoticeBox kind="error" code={run.error.code} message={run.error.message} lines={[]} testId="eval-run-failure" />}
    </div>
  );
}

/** One run: what it is, how it did per prompt × model, and every result down to the judge's reasoning. */
export function RunPage({ runId }: { runId: string }) {
  const run = useRunPage((state) => (state.runId === runId ? state.run : null));
  const error = useRunPage((state) => state.error);
  const items = useRunPage((state) => state.items);
  const selectedId = useRunPage((state) => state.selectedId);
  const select = useRunPage((state) => state.select);
  const showList = useEvaluations((state) => state.showList);
  // The list is kept current by events; when this run moves on there, read it and its results again.
  const listed = useEvaluations((state) => state.runs.find((r) => r.id === runId));
  const selected = items.find((item) => item.id === selectedId) ?? null;

  useEffect(() => {
    void useRunPage.getState().load(runId);
  }, [runId]);

  useEffect(() => {
    const page = useRunPage.getState();
    if (!listed || page.runId !== runId || !page.run) return;
    if (listed.doneItems !== page.run.doneItems || listed.status !== page.run.status || listed.interrupted !== page.run.interrupted || listed.jobId !== page.run.jobId) void page.reload();
  }, [runId, listed?.doneItems, listed?.status, listed?.interrupted, listed?.jobId]);

  return (
    <div className="eval-run-page" data-testid="eval-run-page">
      <div className="toolbar">
        <button type="button" className="button button-small" onClick={showList} data-testid="eval-back">
          ← All runs
        </button>
      </div>
      {error && <ErrorMessage error={error} testId="eval-run-error" />}
      {!run && !error && <p className="hint">Loading…</p>}
      {run && (
        <>
          <RunHeader run={run} />
          <RunSummaryPanel run={run} />
          <div className={selected ? 'eval-results eval-results-inspecting' : 'eval-results'}>
            <ResultsTable />
            {selected && <ResultDetail result={selected} onClose={() => select(null)} />}
          </div>
        </>
      )}
    </div>
  );
}
