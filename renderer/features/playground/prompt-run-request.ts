import { ClientError } from '../../api/client-error.js';
import type { Input, JobResult, Output } from '../../api/contract.types.js';

export type ResolvedPrompt = Output<'prompts.resolve'>;
export type RegistryVersion = ResolvedPrompt['version'];
export type RegistryVariable = RegistryVersion['variables'][number];
export type PromptRunResult = JobResult<'prompts.run'>;
export type GuardVerdict = PromptRunResult['guard'][number];

/** The Playground's registry mode as typed: values and numbers stay text until sent. */
export interface RegistryForm {
  /** The prompt's name ('' until one is chosen). */
  prompt: string;
  /** `name`, `name@label` or `name@1.2.0`. */
  ref: string;
  /** Typed values by variable name; kept across refs, so switching versions keeps what was typed. */
  values: Record<string, string>;
  /** '' = the version's `params.model`. */
  modelId: string;
  /** '' = the version's value (or the core's default). */
  maxTokens: string;
  temperature: string;
  seed: string;
  /** '' = the caller: a running A/B test assigns the arm by subject. */
  subject: string;
}

export const emptyRegistryForm: RegistryForm = { prompt: '', ref: '', values: {}, modelId: '', maxTokens: '', temperature: '', seed: '', subject: '' };

export interface RefOption {
  value: string;
  label: string;
}

/** What a prompt can be run as: its latest version, each label, each version. */
export function refOptions(name: string, latest: string, labels: ReadonlyArray<{ label: string; version: string }>, versions: readonly string[]): RefOption[] {
  return [
    { value: name, label: `latest (${latest})` },
    ...labels.map((l) => ({ value: `${name}@${l.label}`, label: `@${l.label} (${l.version})` })),
    ...versions.map((v) => ({ value: `${name}@${v}`, label: `@${v}` })),
  ];
}

/** How a variable is typed in: JSON values get a JSON box, booleans a choice, numbers a number field. */
export type VariableInputKind = 'text' | 'number' | 'boolean' | 'json';

export function variableInputKind(type: RegistryVariable['type']): VariableInputKind {
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'json' || type === 'list') return 'json';
  return 'text';
}

function formProblem(message: string, variable: string): ClientError {
  return new ClientError({ code: 'INVALID_INPUT', message, details: [{ path: ['variables', variable], message }] });
}

/**
 * One typed value as the core takes it; undefined for an empty field, so the variable's default applies (or the core
 * names the missing variable). Throws INVALID_INPUT for what only the form can tell: a number or JSON that does not parse.
 */
export function parseVariableValue(variable: Pick<RegistryVariable, 'name' | 'type'>, text: string): unknown {
  if (text === '' || (variable.type !== 'string' && text.trim() === '')) return undefined;
  switch (variableInputKind(variable.type)) {
    case 'text':
      return text;
    case 'number': {
      const value = Number(text.trim());
      if (!Number.isFinite(value)) throw formProblem(`"${variable.name}" is not a number`, variable.name);
      return value;
    }
    case 'boolean':
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        const example = variable.type === 'list' ? '["a", "b"]' : '{"key": "value"}';
        throw formProblem(`"${variable.name}" is not valid JSON (${error instanceof Error ? error.message : String(error)}); write it like ${example}`, variable.name);
      }
  }
}

/** An empty field is left out (the version's value applies); anything else is sent for the core to validate. */
const numberField = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

/** The request for `prompts.run`: the declared variables' values (others typed earlier are left out) and the overrides set. */
export function buildPromptRunInput(form: RegistryForm, variables: ReadonlyArray<Pick<RegistryVariable, 'name' | 'type'>>): Input<'prompts.run'> {
  const values: Record<string, unknown> = {};
  for (const variable of variables) {
    const value = parseVariableValue(variable, form.values[variable.name] ?? '');
    if (value !== undefined) values[variable.name] = value;
  }
  const input: Input<'prompts.run'> = { ref: form.ref, variables: values };
  if (form.modelId !== '') input.model = form.modelId;
  if (form.subject.trim() !== '') input.subject = form.subject.trim();
  const numbers = { maxTokens: numberField(form.maxTokens), temperature: numberField(form.temperature), seed: numberField(form.seed) };
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== undefined) input[key as keyof typeof numbers] = value;
  }
  return input;
}

/** The colour of a guard outcome: pass is fine, a refusal is red, anything that changed or marked the text amber. */
export function verdictTone(outcome: string): 'success' | 'failure' | 'blocked' {
  if (outcome === 'pass') return 'success';
  if (outcome === 'blocked' || outcome === 'dropped') return 'failure';
  return 'blocked';
}
