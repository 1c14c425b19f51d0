import type { Input } from '../../api/contract.types.js';
import { FormProblem } from './prompt-form.js';
import type { LabelInfo } from './prompts.store.js';

/** The metrics outcomes are usually recorded under; any other name is a custom one. */
export const abMetrics = ['feedback', 'judge', 'latencyMs'] as const;
export const CUSTOM_METRIC = 'custom';

/** The "New A/B test" form as typed: numbers stay text until sent. */
export interface AbForm {
  name: string;
  controlLabel: string;
  candidateLabel: string;
  percent: string;
  /** One of abMetrics, or CUSTOM_METRIC (then customMetric names it). */
  metric: string;
  customMetric: string;
  /** '' = no automatic rollback. */
  threshold: string;
  minSamples: string;
}

/** Production (what callers get today) against staging when the prompt has them, else its first two labels. */
export function defaultAbForm(labels: readonly LabelInfo[]): AbForm {
  const names = labels.map((l) => l.label);
  const controlLabel = names.includes('production') ? 'production' : (names[0] ?? '');
  const others = names.filter((name) => name !== controlLabel);
  const candidateLabel = others.includes('staging') ? 'staging' : (others[0] ?? '');
  return { name: '', controlLabel, candidateLabel, percent: '20', metric: 'feedback', customMetric: '', threshold: '', minSamples: '30' };
}

function numberField(raw: string, what: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new FormProblem(`${what} must be a number, got "${raw}"`);
  return value;
}

/** The form as `prompts.ab.create` takes it; a FormProblem names the field that is wrong. */
export function abInputFromForm(prompt: string, form: AbForm): Input<'prompts.ab.create'> {
  if (form.controlLabel === '' || form.candidateLabel === '') throw new FormProblem('Pick a control label and a candidate label');
  if (form.controlLabel === form.candidateLabel) throw new FormProblem('The control and candidate arms need two different labels');
  const candidatePercent = numberField(form.percent, 'Candidate %');
  if (candidatePercent < 0 || candidatePercent > 100) throw new FormProblem(`Candidate % must be from 0 to 100, got ${candidatePercent}`);
  const metric = form.metric === CUSTOM_METRIC ? form.customMetric.trim() : form.metric;
  if (metric === '') throw new FormProblem('Name the custom metric the outcomes are recorded under');
  const threshold = form.threshold.trim() === '' ? null : numberField(form.threshold, 'Threshold');
  const minSamples = numberField(form.minSamples, 'Minimum samples');
  if (!Number.isInteger(minSamples) || minSamples < 1) throw new FormProblem(`Minimum samples must be a whole number of at least 1, got ${form.minSamples}`);
  return {
    prompt,
    ...(form.name.trim() === '' ? {} : { name: form.name.trim() }),
    controlLabel: form.controlLabel,
    candidateLabel: form.candidateLabel,
    candidatePercent,
    monitor: { metric, threshold, minSamples },
  };
}
