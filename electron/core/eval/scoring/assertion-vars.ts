import type { PromptVariable } from '../../contract/prompts.api.js';
import { bindVariables, lookup, placeholders, renderTemplate } from '../../prompts/prompt-template.js';
import type { Assertion } from '../suites/suite.schema.js';

// `{{name}}` in an assertion's value (`equals: "{{expected}}"`) is filled from the case with the prompts' template
// rules: same placeholder syntax, `\{{` for literal braces, dotted names into nested objects.

/** What a case carries that an assertion may name. */
export interface CaseValues {
  vars: Record<string, unknown>;
  expected: string | null;
  references: string[];
}

/** The suite's default variables, the case's variables, and its `expected`, `reference` (the first) and `references`. */
export function assertionVars(defaults: Record<string, unknown>, c: CaseValues): Record<string, unknown> {
  return {
    ...defaults,
    ...c.vars,
    ...(c.expected !== null ? { expected: c.expected } : {}),
    ...(c.references.length > 0 ? { reference: c.references[0], references: c.references } : {}),
  };
}

/** The texts of a value that may hold placeholders: a string, or the strings of a list. */
const texts = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

const absent = (value: unknown): boolean => value === undefined || value === null;

/** The names an assertion value uses that `vars` does not provide; a malformed placeholder throws TEMPLATE_INVALID. */
export function missingAssertionVars(value: unknown, vars: Record<string, unknown>): string[] {
  const names = texts(value).flatMap((text) => placeholders(text, 'user').map((p) => p.name));
  return [...new Set(names)].filter((name) => absent(lookup(vars, name)));
}

function fill(text: string, vars: Record<string, unknown>, where: string): string {
  const names = [...new Set(placeholders(text, 'user').map((p) => p.name))];
  const variables = names.map((name): PromptVariable => {
    const value = lookup(vars, name);
    return { name, type: Array.isArray(value) ? 'list' : value !== null && typeof value === 'object' ? 'json' : 'string', required: true };
  });
  return renderTemplate(text, 'user', bindVariables(variables, vars, where));
}

/** The assertion with its value's placeholders filled from the case; values that are not text are left as they are. */
export function fillAssertion(a: Assertion, vars: Record<string, unknown>): Assertion {
  const where = `assertion ${a.type}`;
  if (typeof a.value === 'string') return { ...a, value: fill(a.value, vars, where) };
  if (Array.isArray(a.value)) return { ...a, value: a.value.map((v: unknown) => (typeof v === 'string' ? fill(v, vars, where) : v)) };
  return a;
}
