import { stringify } from 'yaml';

// The form's fields and the suite YAML they stand for. The YAML is what runs: the form only writes it, so a run
// built here is the same as one pasted, and the user can see (and copy) what the form means.

/** Reference metrics a suite accepts under `metrics` (electron/core/eval/metrics/score-file.ts). */
export const FORM_METRICS = ['bleu', 'chrf', 'chrf++', 'ter', 'rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'meteor', 'em', 'f1', 'exact'] as const;

/** The assertion types the form offers; the rest can be written in the YAML. */
export const FORM_ASSERTIONS = ['contains', 'icontains', 'equals', 'starts-with', 'regex', 'is-json', 'not-contains', 'not-icontains', 'latency'] as const;

export interface FormAssertion {
  type: string;
  value: string;
}

export interface RunFormFields {
  description: string;
  dataset: string;
  /** A dataset version number as text; '' is the latest. */
  datasetVersion: string;
  /** Registry refs: name@version or name@label. */
  prompts: string[];
  models: string[];
  maxTokens: string;
  metrics: string[];
  /** A local model that grades every output with the default rubric; '' is none. */
  judge: string;
  assertions: FormAssertion[];
  /** Minimum share of passing items, as text (0–1); '' is no gate. */
  passRate: string;
}

export const emptyForm = (): RunFormFields => ({
  description: '',
  dataset: '',
  datasetVersion: '',
  prompts: [],
  models: [],
  maxTokens: '64',
  metrics: [],
  judge: '',
  assertions: [],
  passRate: '',
});

const number = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
};

/** An assertion value: numbers for thresholds-like types, text otherwise; none for types that take none. */
function assertionOf(a: FormAssertion): Record<string, unknown> {
  if (a.type === 'is-json') return { type: a.type };
  if (a.type === 'latency') return { type: a.type, threshold: number(a.value) ?? 1000 };
  return { type: a.type, value: a.value };
}

/** The suite object for the fields; empty fields are left out so the core's own messages name what is missing. */
export function formSuite(form: RunFormFields): Record<string, unknown> {
  const suite: Record<string, unknown> = {};
  if (form.description.trim() !== '') suite.description = form.description.trim();
  if (form.prompts.length > 0) suite.prompts = [...form.prompts];
  if (form.models.length > 0) {
    const maxTokens = number(form.maxTokens);
    suite.providers = form.models.map((id) => (maxTokens === null ? id : { id, config: { maxTokens: Math.round(maxTokens) } }));
  }
  if (form.dataset !== '') suite.dataset = form.datasetVersion === '' ? form.dataset : `${form.dataset}@${form.datasetVersion}`;
  if (form.metrics.length > 0) suite.metrics = [...form.metrics];
  if (form.judge !== '') suite.judge = { model: form.judge, rubric: 'default' };
  const assertions = form.assertions.filter((a) => a.type === 'is-json' || a.type === 'latency' || a.value.trim() !== '');
  if (assertions.length > 0) suite.defaultTest = { assert: assertions.map(assertionOf) };
  const passRate = number(form.passRate);
  if (passRate !== null) suite.thresholds = { passRate };
  return suite;
}

export const formYaml = (form: RunFormFields): string => stringify(formSuite(form), { lineWidth: 0 });
