import type { ReactNode } from 'react';
import { NoticeBox } from '../shell/ErrorMessage.js';
import { formatCount, formatMetric, formatMs, formatValue, renderedText, unsupportedClaims } from './eval-format.js';
import type { EvalResult } from './eval-types.js';
import { JudgeDetails } from './JudgeDetails.js';
import { Verdict } from './ResultsTable.js';
import { ModelName } from './ModelName.js';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="stacked" data-testid={testId}>
      <h3 className="inspector-subtitle">{title}</h3>
      {children}
    </div>
  );
}

function Text({ value, testId, empty }: { value: string | null; testId?: string; empty: string }) {
  if (value === null || value === '') return <p className="hint" data-testid={testId}>{empty}</p>;
  return (
    <pre className="code-block" data-testid={testId}>
      {value}
    </pre>
  );
}

function Metrics({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="hint">No metrics.</p>;
  return (
    <ul className="eval-scores" data-testid="eval-detail-metrics">
      {entries.map(([name, value]) => (
        <li key={name} className="eval-score" data-testid="eval-detail-metric" data-metric={name}>
          <span>{name}</span>
          <b className="cell-number">{formatMetric(value)}</b>
        </li>
      ))}
    </ul>
  );
}

function Assertions({ result }: { result: EvalResult }) {
  if (result.assertions.length === 0) return <p className="hint">No assertions.</p>;
  return (
    <ul className="eval-checks" data-testid="eval-detail-assertions">
      {result.assertions.map((a, index) => (
        <li key={index} className={a.passed ? 'eval-check eval-check-pass' : 'eval-check eval-check-fail'} data-testid="eval-detail-assertion" data-passed={String(a.passed)}>
          <span className="eval-check-mark">{a.passed ? '✓' : '✗'}</span>
          <code className="eval-check-name">{a.type}</code>
          <span className="cell-number">{a.score === null ? '' : `${formatMetric(a.score)}${a.threshold === null ? '' : ` / ${formatMetric(a.threshold)}`}`}</span>
          <span className="eval-check-reason">{a.reason}</span>
        </li>
      ))}
    </ul>
  );
}

interface ResultDetailProps {
  result: EvalResult;
  /** A heading above the case (the side-by-side view names the run). */
  label?: string;
  onClose?: () => void;
  testId?: string;
}

/** Everything about one case × prompt × model: what went in, what came out, and how it was scored. */
export function ResultDetail({ result, label, onClose, testId = 'eval-result-detail' }: ResultDetailProps) {
  const vars = Object.entries(result.vars);
  const claims = unsupportedClaims(result.rendered);
  return (
    <aside className="inspector eval-detail" aria-label={`Case ${result.caseKey}`} data-testid={testId} data-result-id={result.id} data-case={result.caseKey}>
      <div className="inspector-header">
        <h2 className="inspector-title eval-detail-title">
          {label && <span className="eval-detail-label">{label}</span>}
          Case {result.caseKey} <span className="muted">{result.prompt}</span> <span className="muted">
            <ModelName value={result.model} />
          </span> <Verdict result={result} />
        </h2>
        {onClose && (
          <button type="button" className="button button-small" onClick={onClose} data-testid="eval-detail-close">
            Close
          </button>
        )}
      </div>
      <p className="hint">
        {formatMs(result.latencyMs)}, {formatCount(result.promptTokens)} prompt + {formatCount(result.completionTokens)} completion tokens
        {result.promptVersion ? `, prompt version ${result.promptVersion}` : ''}
      </p>
      {result.error && <NoticeBox kind="error" code={result.error.code} message={result.error.message} lines={[]} testId="eval-detail-error" />}
      <Section title="Inputs" testId="eval-detail-vars">
        {vars.length === 0 ? (
          <p className="hint">No variables.</p>
        ) : (
          <dl className="eval-vars">
            {vars.map(([name, value]) => (
              <div key={name} className="field">
                <dt className="cell-mono">{name}</dt>
                <dd>{formatValue(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
      <div className="inspector-texts">
        <Section title="Rendered prompt">
          <Text value={renderedText(result.rendered)} empty="Not rendered." testId="eval-detail-rendered" />
        </Section>
        <Section title="Output">
          <Text value={result.output} empty="No output." testId="eval-detail-output" />
        </Section>
        <Section title="Expected">
          <Text value={result.expected} empty="No expected answer." testId="eval-detail-expected" />
        </Section>
      </div>
      {result.contexts.length > 0 && (
        <Section title={`Contexts (${result.contexts.length})`} testId="eval-detail-contexts">
          {result.contexts.map((context, index) => (
            <pre key={index} className="passage">
              {context}
            </pre>
          ))}
        </Section>
      )}
      {claims.length > 0 && (
        <Section title="Claims the context does not support" testId="eval-detail-unsupported">
          <ul className="eval-claims">
            {claims.map((claim, index) => (
              <li key={index} className="unsupported-reason">
                {claim}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Metrics">
        <Metrics metrics={result.metrics} />
      </Section>
      <Section title="Assertions">
        <Assertions result={result} />
      </Section>
      {result.judge && (
        <Section title="Judge">
          <JudgeDetails judge={result.judge} />
        </Section>
      )}
    </aside>
  );
}
