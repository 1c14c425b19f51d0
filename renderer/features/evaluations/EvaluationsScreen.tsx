import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { ComparePage } from './ComparePage.js';
import { RunPage } from './RunPage.js';
import { RunsTable } from './RunsTable.js';
import { StartRunPanel } from './StartRunPanel.js';
import { useEvaluations, watchEvaluations } from './evaluations.store.js';

/** Evaluations: the runs, one run's summary and results, and the comparison of two runs. */
export function EvaluationsScreen() {
  const view = useEvaluations((state) => state.view);
  const error = useEvaluations((state) => state.error);
  const dismissError = useEvaluations((state) => state.dismissError);

  useEffect(() => watchEvaluations(), []);

  return (
    <section className="screen" aria-labelledby="evaluations-title">
      <div className="screen-header">
        <h1 id="evaluations-title" className="screen-title">
          Evaluations
        </h1>
        <span className="screen-subtitle">Run suites over datasets, read every case, compare runs</span>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="eval-error" />}
      {view.kind === 'list' && (
        <>
          <RunsTable />
          <StartRunPanel />
        </>
      )}
      {view.kind === 'run' && <RunPage runId={view.runId} />}
      {view.kind === 'compare' && <ComparePage base={view.base} head={view.head} />}
    </section>
  );
}
