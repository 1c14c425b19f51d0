import { ClientError, toClientError } from '../../api/client-error.js';
import type { Output } from '../../api/contract.types.js';

export type PromptVersion = Output<'prompts.show'>['version'];
export type PromptVariable = PromptVersion['variables'][number];
export type PromptParams = PromptVersion['params'];
export type VariableType = PromptVariable['type'];
export type PromptKind = PromptVersion['kind'];

export const variableTypeList: readonly VariableType[] = ['string', 'number', 'boolean', 'json', 'list'];

/** One declared variable as typed: the default stays text until sent. */
export interface VariableRow {
  name: string;
  type: VariableType;
  required: boolean;
  /** '' = no default. Strings as typed; other types as JSON (a list may also be comma-separated). */
  default: string;
  description: string;
}

/** Model parameters as typed; an empty field is left out. */
export interface ParamsForm {
  model: string;
  maxTokens: string;
  temperature: string;
  topP: string;
  topK: string;
  seed: string;
  /** Comma-separated; `\n` and `\t` stand for a newline and a tab (as in the Playground). */
  stop: string;
}

/** A version's content as the editor holds it. */
export interface ContentForm {
  kind: PromptKind;
  system: string;
  user: string;
  variables: VariableRow[];
  params: ParamsForm;
  /** JSON text; '' = no output schema. */
  outputSchema: string;
  /** JSON text of the guardrail overrides; '' = none (the defaults apply). */
  guard: string;
}

/** What `prompts.create` and `prompts.version` take as content. */
export interface PromptContentInput {
  kind: PromptKind;
  system: string;
  user: string;
  variables?: PromptVariable[];
  params: PromptParams;
  outputSchema: Record<string, unknown> | null;
  guard: Record<string, unknown> | null;
}

export const emptyParamsForm: ParamsForm = { model: '', maxTokens: '', temperature: '', topP: '', topK: '', seed: '', stop: '' };
export const emptyContentForm: ContentForm = { kind: 'chat', system: '', user: '', variables: [], params: emptyParamsForm, outputSchema: '', guard: '' };

function defaultText(variable: PromptVariable): string {
  if (variable.default === undefined || variable.default === null) return '';
  return variable.type === 'string' && typeof variable.default === 'string' ? variable.default : JSON.stringify(variable.default);
}

const text = (value: number | undefined): string => (value === undefined ? '' : String(value));

/** The editor's starting point for a new version: the content of `version`. */
export function formFromVersion(version: Pick<PromptVersion, 'kind' | 'system' | 'user' | 'variables' | 'params' | 'outputSchema' | 'guard'>): ContentForm {
  const { params } = version;
  return {
    kind: version.kind,
    system: version.system,
    user: version.user,
    variables: version.variables.map((v) => ({ name: v.name, type: v.type, required: v.required, default: defaultText(v), description: v.description ?? '' })),
    params: {
      model: params.model ?? '',
      maxTokens: text(params.maxTokens),
      temperature: text(params.temperature),
      topP: text(params.topP),
      topK: text(params.topK),
      seed: text(params.seed),
      stop: (params.stop ?? []).map((item) => item.replace(/\n/g, '\\n').replace(/\t/g, '\\t')).join(', '),
    },
    outputSchema: version.outputSchema === null ? '' : JSON.stringify(version.outputSchema, null, 2),
    guard: version.guard === null ? '' : JSON.stringify(version.guard, null, 2),
  };
}

/** `{{ name }}` placeholders of a template, in order, without repeats; `\{{` is a literal brace. */
export function placeholderNames(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(/(\\?)\{\{\s*([A-Za-z_][\w.]{0,63})\s*\}\}/g)) {
    const name = match[2] as string;
    if (match[1] === '' && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Placeholders the templates use that no variable declares (the core refuses them: a typo is not a new variable). */
export function undeclaredPlaceholders(form: Pick<ContentForm, 'system' | 'user' | 'variables'>): string[] {
  const declared = new Set(form.variables.map((v) => v.name.trim()));
  return [...new Set([...placeholderNames(form.system), ...placeholderNames(form.user)])].filter((name) => !declared.has(name));
}

/** Declared variables no template uses (allowed, but worth a hint). */
export function unusedVariables(form: Pick<ContentForm, 'system' | 'user' | 'variables'>): string[] {
  const used = new Set([...placeholderNames(form.system), ...placeholderNames(form.user)]);
  return form.variables.map((v) => v.name.trim()).filter((name) => name !== '' && !used.has(name));
}

export function newVariableRow(name = ''): VariableRow {
  return { name, type: 'string', required: true, default: '', description: '' };
}

/** Text only the editor can tell is wrong (not JSON); the core checks everything else. */
export class FormProblem extends Error {}

/** A FormProblem reads like the core's own INVALID_INPUT, so one ErrorMessage shows either. */
export function asClientError(failure: unknown): ClientError {
  return failure instanceof FormProblem ? new ClientError({ code: 'INVALID_INPUT', message: failure.message }) : toClientError(failure);
}

function parseDefault(row: VariableRow): unknown {
  const raw = row.default;
  if (raw.trim() === '') return undefined;
  if (row.type === 'string') return raw;
  if (row.type === 'list' && !raw.trim().startsWith('[')) return raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  try {
    return JSON.parse(raw);
  } catch {
    throw new FormProblem(`The default of variable "${row.name}" is not valid JSON for a ${row.type}`);
  }
}

/** An empty field is left out (the core's default applies); anything else goes to the core, which validates it. */
const numberField = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value.trim()));

export function paramsFromForm(form: ParamsForm): PromptParams {
  const params: PromptParams = {};
  if (form.model.trim() !== '') params.model = form.model.trim();
  const numbers = { maxTokens: form.maxTokens, temperature: form.temperature, topP: form.topP, topK: form.topK, seed: form.seed } as const;
  for (const [key, value] of Object.entries(numbers) as Array<[keyof typeof numbers, string]>) {
    const n = numberField(value);
    if (n !== undefined) params[key] = n;
  }
  const stop = form.stop
    .split(',')
    .map((part) => part.trim().replace(/\\n/g, '\n').replace(/\\t/g, '\t'))
    .filter((part) => part !== '');
  if (stop.length > 0) params.stop = stop;
  return params;
}

/** A JSON object typed into a box, or null for an empty box; `subject` ("The output schema is") starts the FormProblem's message. */
function parseJsonObject(textValue: string, subject: string, example: string): Record<string, unknown> | null {
  if (textValue.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(textValue);
  } catch (error) {
    throw new FormProblem(`${subject} not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FormProblem(`${subject} not a JSON object; write it like ${example}`);
  return parsed as Record<string, unknown>;
}

export function parseOutputSchema(textValue: string): Record<string, unknown> | null {
  return parseJsonObject(textValue, 'The output schema is', '{"type": "object"}');
}

/** Only JSON is checked here; the core validates the keys and values and names a bad one (`guard.input.pii.action`). */
export function parseGuardOverrides(textValue: string): Record<string, unknown> | null {
  return parseJsonObject(textValue, 'The guardrail overrides are', '{"input": {"pii": {"action": "block"}}}');
}

/**
 * The content to send. Throws FormProblem for what only the editor can tell (text that is not JSON); everything
 * else (names, ranges, undeclared placeholders, guardrail keys) is the core's to check. With `inferVariables` and no
 * variable declared, variables are left out and the core makes each placeholder a required string.
 */
export function contentFromForm(form: ContentForm, options: { inferVariables?: boolean } = {}): PromptContentInput {
  const content: PromptContentInput = {
    kind: form.kind,
    system: form.system,
    user: form.user,
    params: paramsFromForm(form.params),
    outputSchema: parseOutputSchema(form.outputSchema),
    guard: parseGuardOverrides(form.guard),
  };
  if (!(options.inferVariables && form.variables.length === 0)) {
    content.variables = form.variables.map((row) => {
      const variable: PromptVariable = { name: row.name.trim(), type: row.type, required: row.required };
      const value = parseDefault(row);
      if (value !== undefined) variable.default = value;
      if (row.description.trim() !== '') variable.description = row.description.trim();
      return variable;
    });
  }
  return content;
}

/** Values as typed; an empty one is left out so the variable's default (or a "missing variable" error) applies. */
export function renderValues(variables: readonly Pick<PromptVariable, 'name'>[], typed: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of variables) {
    const value = typed[variable.name];
    if (value !== undefined && value !== '') values[variable.name] = value;
  }
  return values;
}
