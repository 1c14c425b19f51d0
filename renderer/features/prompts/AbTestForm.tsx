import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { abInputFromForm, abMetrics, CUSTOM_METRIC, defaultAbForm, type AbForm } from './ab-form.js';
import type { AbTest } from './ab-format.js';
import { asClientError } from './prompt-form.js';
import { usePrompts, type LabelInfo } from './prompts.store.js';

interface AbTestFormProps {
  prompt: string;
  labels: readonly LabelInfo[];
  /** Called with the new test, or with nothing when cancelled. */
  onDone: (created?: AbTest) => void;
}

function LabelSelect({ value, labels, onChange, testId }: { value: string; labels: readonly LabelInfo[]; onChange: (label: string) => void; testId: string }) {
  return (
    <select className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {labels.map((l) => (
        <option key={l.label} value={l.label}>
          {l.label} ({l.version}){l.protected ? ', protected' : ''}
        </option>
      ))}
    </select>
  );
}

/** A new A/B test between two of the prompt's labels: the split, the metric watched and an optional automatic rollback. */
export function AbTestForm({ prompt, labels, onDone }: AbTestFormProps) {
  const abCreate = usePrompts((state) => state.abCreate);
  const [form, setForm] = useState<AbForm>(() => defaultAbForm(labels));
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<AbForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
  };

  if (labels.length < 2) {
    return (
      <div className="panel ab-form" data-testid="prompts-ab-form">
        <p className="hint" data-testid="prompts-ab-form-needs-labels">
          A test compares two labels of {prompt} (e.g. production and staging), each pointing at a version. It has {labels.length === 0 ? 'no labels' : 'one label'}: set them under
          Versions &amp; labels first.
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={() => onDone()}>
            Close
          </button>
        </div>
      </div>
    );
  }

  const versionOf = (label: string) => labels.find((l) => l.label === label)?.version ?? '?';
  const metric = form.metric === CUSTOM_METRIC ? form.customMetric.trim() || 'the custom metric' : form.metric;
  const percent = Number(form.percent);
  const sameVersion = form.controlLabel !== form.candidateLabel && versionOf(form.controlLabel) === versionOf(form.candidateLabel);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let input;
    try {
      input = abInputFromForm(prompt, form);
    } catch (problem) {
      return setError(asClientError(problem));
    }
    setBusy(true);
    void abCreate(input).then((outcome) => {
      setBusy(false);
      if (outcome.ok) onDone(outcome.value);
      else setError(outcome.error);
    });
  };

  return (
    <form className="panel ab-form" onSubmit={submit} aria-label="New A/B test" data-testid="prompts-ab-form">
      <div className="panel-header">
        <span className="panel-label">New A/B test</span>
      </div>
      <div className="ab-form-grid">
        <label className="param ab-form-name">
          <span className="param-label">Name (optional)</span>
          <input className="input" placeholder={`${form.controlLabel} vs ${form.candidateLabel}`} value={form.name} maxLength={200} onChange={(e) => update({ name: e.target.value })} data-testid="prompts-ab-name" />
        </label>
        <label className="param">
          <span className="param-label">Control label</span>
          <LabelSelect value={form.controlLabel} labels={labels} onChange={(controlLabel) => update({ controlLabel })} testId="prompts-ab-control" />
        </label>
        <label className="param">
          <span className="param-label">Candidate label</span>
          <LabelSelect value={form.candidateLabel} labels={labels} onChange={(candidateLabel) => update({ candidateLabel })} testId="prompts-ab-candidate" />
        </label>
        <label className="param">
          <span className="param-label">Candidate %</span>
          <input className="input" type="number" min={0} max={100} step="any" value={form.percent} onChange={(e) => update({ percent: e.target.value })} data-testid="prompts-ab-percent" />
        </label>
        <label className="param">
          <span className="param-label">Metric watched</span>
          <select className="select" value={form.metric} onChange={(e) => update({ metric: e.target.value })} data-testid="prompts-ab-metric">
            {abMetrics.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
            <option value={CUSTOM_METRIC}>custom…</option>
          </select>
        </label>
        {form.metric === CUSTOM_METRIC && (
          <label className="param">
            <span className="param-label">Custom metric name</span>
            <input className="input" spellCheck={false} placeholder="e.g. resolved" value={form.customMetric} onChange={(e) => update({ customMetric: e.target.value })} data-testid="prompts-ab-metric-custom" />
          </label>
        )}
        <label className="param">
          <span className="param-label">Rollback threshold (optional)</span>
          <input className="input" inputMode="decimal" placeholder="none" value={form.threshold} onChange={(e) => update({ threshold: e.target.value })} data-testid="prompts-ab-threshold" />
        </label>
        <label className="param">
          <span className="param-label">Minimum samples</span>
          <input className="input" type="number" min={1} step={1} value={form.minSamples} onChange={(e) => update({ minSamples: e.target.value })} data-testid="prompts-ab-min-samples" />
        </label>
      </div>
      <p className="hint" data-testid="prompts-ab-form-summary">
        {Number.isFinite(percent) ? `${percent}%` : 'A share'} of subjects get {form.candidateLabel} ({versionOf(form.candidateLabel)}), the rest {form.controlLabel} (
        {versionOf(form.controlLabel)}); a subject keeps its arm. Outcomes are recorded under {metric} (prompts.ab.record, or latencyMs by itself when a prompt runs).{' '}
        {form.threshold.trim() === ''
          ? 'No threshold: the test runs until you promote or roll it back.'
          : `Once the candidate has ${form.minSamples || '?'} outcomes, a mean ${metric} below ${form.threshold.trim()} rolls the test back by itself.`}
      </p>
      {sameVersion && (
        <p className="hint hint-warn" data-testid="prompts-ab-same-version">
          Both labels point at {versionOf(form.controlLabel)}: the two arms would get the same version.
        </p>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="prompts-ab-create-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="prompts-ab-create-submit">
          {busy ? 'Starting…' : 'Start test'}
        </button>
        <button type="button" className="button" onClick={() => onDone()} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
