import { useRef, type FormEvent } from 'react';
import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { formatCount, lineRange } from './eval-format.js';
import { useEvaluations } from './evaluations.store.js';
import { RunForm } from './RunForm.js';
import { isStarting, useSuite } from './suite.store.js';

const EXAMPLE = `description: story openings
prompts:
  - id: story
    raw: "Once upon a time there was a {{animal}}"
providers:
  - id: stories260K        # an installed model, by name or id
    config: { maxTokens: 24 }
metrics: [bleu, rougeL]
tests:                     # or dataset: name@version (a registry dataset)
  - vars: { animal: cat }
    expected: "The cat sat in the sun."
    assert:
      - type: icontains
        value: cat
thresholds: { passRate: 0.5 }`;

function SuiteCheckLine() {
  const check = useSuite((state) => state.check);
  if (!check) return null;
  return (
    <p className="hint eval-suite-ok" data-testid="eval-suite-valid">
      Valid: “{check.name}”, {formatCount(check.prompts.length)} prompt(s) × {formatCount(check.models.length)} model(s) × {formatCount(check.cases)} case(s) ={' '}
      {formatCount(check.items)} item(s)
      {check.assertions.length > 0 ? `; assertions ${check.assertions.join(', ')}` : ''}
      {check.gate ? '; has a gate' : ''}.
    </p>
  );
}

function SuiteProblems({ onLine }: { onLine: (line: number) => void }) {
  const problems = useSuite((state) => state.problems);
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="eval-suite-problems">
      <div className="notice-body">
        <span className="notice-code">SUITE_INVALID</span>
        <span className="notice-message">The suite has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}:</span>
        <ul className="eval-problems">
          {problems.map((problem, index) => (
            <li key={index} data-testid="eval-suite-problem" data-line={problem.line ?? undefined}>
              {problem.line === null ? (
                <span className="eval-problem-line">—</span>
              ) : (
                <button type="button" className="link-button eval-problem-line" onClick={() => onLine(problem.line as number)} title="Select this line in the suite">
                  line {problem.line}
                  {problem.column === null ? '' : `:${problem.column}`}
                </button>
              )}
              <code className="eval-problem-path">{problem.path}</code>
              <span>{problem.message}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function StartProgress() {
  const status = useSuite((state) => state.status);
  const progress = useSuite((state) => state.progress);
  const message = useSuite((state) => state.message);
  const finished = useSuite((state) => state.finished);
  const open = useEvaluations((state) => state.open);
  if (status === 'idle' || status === 'failed') return null;
  return (
    <div className="task" data-testid="eval-start-progress" data-status={status}>
      <span className={`run-status run-status-${status}`}>
        {status === 'starting' ? 'Starting…' : status === 'running' ? 'Running' : status === 'stopping' ? 'Stopping…' : status === 'stopped' ? 'Stopped' : 'Finished'}
      </span>
      {progress === null && isStarting(status) ? <progress className="task-progress" /> : <progress className="task-progress" max={1} value={progress ?? 0} />}
      <span className="task-percent">{progress === null ? '' : `${Math.round(progress * 100)}%`}</span>
      {message && <span className="task-message">{message}</span>}
      {finished && (
        <button type="button" className="button button-small" onClick={() => open(finished.id)} data-testid="eval-start-open">
          Open “{finished.name}”
        </button>
      )}
    </div>
  );
}

/** Paste a suite, check it, run it; the run then shows in the list above with its progress. */
export function StartRunPanel() {
  const text = useSuite((state) => state.text);
  const name = useSuite((state) => state.name);
  const baseline = useSuite((state) => state.baseline);
  const validating = useSuite((state) => state.validating);
  const status = useSuite((state) => state.status);
  const error = useSuite((state) => state.error);
  const { setText, setName, setBaseline, validate, start, stop } = useSuite.getState();
  const runs = useEvaluations((state) => state.runs);
  const working = isStarting(status);
  const editor = useRef<HTMLTextAreaElement>(null);
  const me = useAuth((state) => state.me);

  const selectLine = (line: number) => {
    const area = editor.current;
    const range = lineRange(text, line);
    if (!area || !range) return;
    area.focus();
    area.setSelectionRange(range.start, range.end);
    // Scroll the line into view: its share of the text's lines, of the editor's scroll height.
    area.scrollTop = Math.max(0, ((line - 3) / Math.max(1, text.split('\n').length)) * area.scrollHeight);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start();
  };

  // Readers (viewers, labelers) see the runs; starting one needs eval.run, so the panel is not offered.
  if (!holds(me, 'eval.run')) return null;

  return (
    <form className="panel eval-start" onSubmit={submit} aria-label="Run a suite">
      <div className="panel-header">
        <span className="panel-label">Run a suite</span>
        <span className="hint">YAML like promptfoo: prompts, providers (local models), tests or a dataset, assert, metrics, thresholds</span>
      </div>
      <details className="run-form-box" open>
        <summary className="param-label">Build it from a form (writes the YAML below)</summary>
        <RunForm />
      </details>
      <textarea
        ref={editor}
        className="textarea textarea-tall eval-suite-text"
        value={text}
        placeholder={EXAMPLE}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        aria-label="Suite YAML"
        data-testid="eval-suite-text"
      />
      <SuiteProblems onLine={selectLine} />
      <SuiteCheckLine />
      {error && <ErrorMessage error={error} onDismiss={() => useSuite.setState({ error: null })} testId="eval-start-error" />}
      <div className="toolbar eval-start-options">
        <label className="param">
          <span className="param-label">Run name (optional)</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="the suite's description" data-testid="eval-start-name" />
        </label>
        <label className="param">
          <span className="param-label">Baseline (optional)</span>
          <select className="select" value={baseline} onChange={(e) => setBaseline(e.target.value)} data-testid="eval-start-baseline">
            <option value="">none</option>
            {runs
              .filter((run) => run.status === 'succeeded')
              .map((run) => (
                <option key={run.id} value={run.id}>
                  {run.name} ({run.createdAt.slice(0, 16).replace('T', ' ')})
                </option>
              ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void validate()} disabled={validating || text.trim() === ''} data-testid="eval-validate">
          {validating ? 'Validating…' : 'Validate'}
        </button>
        {working ? (
          <button type="button" className="button button-danger" onClick={() => void stop()} disabled={status === 'stopping'} data-testid="eval-stop">
            {status === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={text.trim() === ''} data-testid="eval-run">
            Run
          </button>
        )}
      </div>
      <StartProgress />
    </form>
  );
}
