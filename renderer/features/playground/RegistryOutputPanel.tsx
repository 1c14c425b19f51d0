import { useModels } from '../models/models.store.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { AbFeedback } from './AbFeedback.js';
import { GuardVerdicts } from './GuardVerdicts.js';
import { statusLine } from './OutputPanel.js';
import type { PromptRunResult } from './prompt-run-request.js';
import { useRegistryRun } from './registry-run.store.js';

/** The released text as it streams (each sentence scanned first), then which version ran and what the guardrails said. */
export function RegistryOutputPanel() {
  const status = useRegistryRun((state) => state.status);
  const output = useRegistryRun((state) => state.output);
  const liveTokens = useRegistryRun((state) => state.liveTokens);
  const result = useRegistryRun((state) => state.result);
  const error = useRegistryRun((state) => state.error);
  const dismissError = useRegistryRun((state) => state.dismissError);
  const streaming = status === 'running' || status === 'starting';

  return (
    <section className="panel output-panel" aria-label="Output">
      <div className="panel-header">
        <span className="panel-label">Output</span>
        <span className={`run-status run-status-${status}`} data-testid="registry-run-status" data-status={status}>
          {status === 'idle' ? 'Output appears here a sentence at a time, once the output guardrails have passed it.' : statusLine(status, liveTokens)}
        </span>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="registry-error" />}
      <pre className={streaming ? 'output output-streaming' : 'output'} aria-live="polite" data-testid="registry-output">
        {output}
      </pre>
      {result && <RunSummary result={result} />}
    </section>
  );
}

function RunSummary({ result }: { result: PromptRunResult }) {
  const modelName = useModels((state) => state.models.find((model) => model.id === result.model)?.name ?? result.model);
  const stats = [
    { testId: 'registry-stat-prompt-tokens', label: 'Prompt tokens', value: String(result.promptTokens) },
    { testId: 'registry-stat-completion-tokens', label: 'Completion tokens', value: String(result.completionTokens) },
    { testId: 'registry-stat-latency', label: 'Latency', value: result.latencyMs.toFixed(0), unit: 'ms' },
    { testId: 'registry-stat-stop-reason', label: 'Stopped by', value: result.stopReason },
  ];

  return (
    <div className="registry-summary" data-testid="registry-result" data-blocked={String(result.blocked)}>
      <p className="registry-ran" data-testid="registry-ran" data-version={result.version} data-arm={result.ab?.arm ?? ''}>
        Ran <strong>{result.name}</strong> <span className="cell-mono">{result.version}</span>
        {result.ab && (
          <span className="tag" data-testid="registry-ab-arm">
            A/B {result.ab.arm} arm
          </span>
        )}
        <span className="muted"> · {modelName}</span>
      </p>
      {result.ab && !result.blocked && <AbFeedback key={`${result.ab.testId}-${result.latencyMs}`} testId={result.ab.testId} arm={result.ab.arm} />}
      {result.blocked && (
        <NoticeBox kind="error" code="BLOCKED" message="The input guardrails refused a variable: nothing was generated. The verdicts below say which." lines={[]} testId="registry-blocked" />
      )}
      <dl className="stats">
        {stats.map((stat) => (
          <div key={stat.testId} className="stat">
            <dt className="stat-label">{stat.label}</dt>
            <dd className="stat-value">
              <span data-testid={stat.testId}>{stat.value}</span>
              {stat.unit && <span className="stat-unit"> {stat.unit}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <span className="panel-label">Guardrails</span>
      <GuardVerdicts verdicts={result.guard} />
    </div>
  );
}
