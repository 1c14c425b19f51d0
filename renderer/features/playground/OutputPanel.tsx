import { ErrorMessage } from '../shell/ErrorMessage.js';
import { GenerationStats } from './GenerationStats.js';
import { JobFeedback } from '../traces/JobFeedback.js';
import { usePlayground, type RunStatus } from './playground.store.js';

/** One line on where a run stands; shared by both sources. */
export function statusLine(status: RunStatus, liveTokens: number): string {
  switch (status) {
    case 'idle':
      return 'Output appears here as it is generated.';
    case 'starting':
      return 'Starting…';
    case 'running':
      return liveTokens === 0 ? 'Waiting for the first token…' : `Generating… ${liveTokens} token${liveTokens === 1 ? '' : 's'}`;
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped.';
    case 'failed':
      return 'Failed.';
    case 'done':
      return 'Done.';
  }
}

export function OutputPanel() {
  const status = usePlayground((state) => state.status);
  const output = usePlayground((state) => state.output);
  const liveTokens = usePlayground((state) => state.liveTokens);
  const result = usePlayground((state) => state.result);
  const error = usePlayground((state) => state.error);
  const dismissError = usePlayground((state) => state.dismissError);
  const jobId = usePlayground((state) => state.jobId);
  const streaming = status === 'running' || status === 'starting';

  return (
    <section className="panel output-panel" aria-label="Output">
      <div className="panel-header">
        <span className="panel-label">Output</span>
        <span className={`run-status run-status-${status}`} data-testid="run-status">
          {statusLine(status, liveTokens)}
        </span>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="generate-error" />}
      <pre className={streaming ? 'output output-streaming' : 'output'} aria-live="polite" data-testid="output">
        {output}
      </pre>
      {result && <GenerationStats result={result} />}
      {result && jobId && status === 'done' && <JobFeedback key={jobId} jobId={jobId} />}
    </section>
  );
}
