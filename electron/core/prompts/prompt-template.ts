import type { PromptVariable } from '../contract/prompts.api.js';
import { promptError } from './prompt-errors.js';

// Templates with {{name}} placeholders. Every placeholder must be a declared variable, and every error names the
// variable and where it is (template, line, column), so the author can fix it without hunting.

export type TemplateName = 'system' | 'user';

export interface Placeholder {
  name: string;
  template: TemplateName;
  line: number;
  column: number;
  /** Offset and length of the whole `{{ name }}` in the template text. */
  index: number;
  length: number;
}

const NAME = /^[A-Za-z_][\w.]{0,63}$/;

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

export function describePlace(p: { template: TemplateName; line: number; column: number }): string {
  return `the ${p.template} template, line ${p.line}, column ${p.column}`;
}

/** The placeholders of one template, in order. `\{{` is a literal `{{`. */
export function placeholders(text: string, template: TemplateName): Placeholder[] {
  const found: Placeholder[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return found;
    if (open > 0 && text[open - 1] === '\\') {
      from = open + 2;
      continue;
    }
    const close = text.indexOf('}}', open + 2);
    const inner = close < 0 ? '' : text.slice(open + 2, close).trim();
    if (close < 0 || inner.includes('{{') || !NAME.test(inner)) {
      const at = position(text, open);
      const snippet = text.slice(open, Math.min(text.length, close < 0 ? open + 20 : close + 2)).split('\n')[0];
      throw promptError(
        'TEMPLATE_INVALID',
        close < 0
          ? `Unclosed placeholder "${snippet}" in ${describePlace({ template, ...at })}: close it with }} (or write \\{{ for literal braces)`
          : `"${snippet}" in ${describePlace({ template, ...at })} is not a valid placeholder: use {{name}} with letters, digits, _ or .`,
        { template, ...at },
      );
    }
    found.push({ name: inner, template, ...position(text, open), index: open, length: close + 2 - open });
    from = close + 2;
  }
}

/**
 * The variables of a version. Declared ones must cover every placeholder (an unknown one is an error naming it and
 * its place); when none are declared, each placeholder becomes a required string.
 */
export function checkTemplates(system: string, user: string, declared: PromptVariable[] | undefined): PromptVariable[] {
  const all = [...placeholders(system, 'system'), ...placeholders(user, 'user')];
  if (declared === undefined) {
    const names = [...new Set(all.map((p) => p.name))];
    return names.map((name) => ({ name, type: 'string', required: true }));
  }
  const seen = new Set<string>();
  for (const variable of declared) {
    if (seen.has(variable.name)) throw promptError('TEMPLATE_INVALID', `Variable "${variable.name}" is declared twice`, { variable: variable.name });
    seen.add(variable.name);
  }
  for (const p of all) {
    if (!seen.has(p.name)) {
      const known = [...seen].join(', ') || 'none';
      throw promptError('TEMPLATE_INVALID', `Unknown variable "${p.name}" in ${describePlace(p)}; declared variables: ${known}`, {
        variable: p.name, template: p.template, line: p.line, column: p.column,
      });
    }
  }
  return declared;
}

/** The value a placeholder names: a key of `values`, or a dotted path into nested objects. */
export function lookup(values: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(values, name)) return values[name];
  // `{{user.name}}` may also address a nested object.
  let current: unknown = values;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The text a value renders as, after checking it against the variable's type. */
function format(variable: PromptVariable, value: unknown, where: string): string {
  const wrong = (expected: string): never => {
    throw promptError('TEMPLATE_INVALID', `Variable "${variable.name}" of ${where} must be ${expected}, got ${JSON.stringify(value)?.slice(0, 80)}`, { variable: variable.name });
  };
  switch (variable.type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : wrong('a string');
    case 'number': {
      // CSV cells arrive as text: "3.5" is a number.
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? String(n) : wrong('a number');
    }
    case 'boolean':
      if (typeof value === 'boolean') return String(value);
      if (value === 'true' || value === 'false') return value;
      return wrong('true or false');
    case 'json':
      if (typeof value === 'string') {
        try {
          JSON.parse(value);
          return value;
        } catch {
          return wrong('JSON');
        }
      }
      return JSON.stringify(value);
    case 'list': {
      let items: unknown = value;
      if (typeof value === 'string') {
        try {
          items = value.trim().startsWith('[') ? JSON.parse(value) : [value];
        } catch {
          items = [value];
        }
      }
      if (!Array.isArray(items)) return wrong('a list');
      return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n');
    }
  }
}

/** Values for every variable (defaults applied), formatted; a missing required one is named with the prompt. */
export function bindVariables(variables: PromptVariable[], values: Record<string, unknown>, where: string): Map<string, string> {
  const bound = new Map<string, string>();
  for (const variable of variables) {
    let value = lookup(values, variable.name);
    if (value === undefined || value === null) value = variable.default;
    if (value === undefined || value === null) {
      if (variable.required) {
        throw promptError('TEMPLATE_INVALID', `Missing variable "${variable.name}" for ${where}; give it a value (declared type ${variable.type})`, { variable: variable.name });
      }
      bound.set(variable.name, '');
      continue;
    }
    bound.set(variable.name, format(variable, value, where));
  }
  return bound;
}

/** Fills one template; placeholders were checked when the version was created. */
export function renderTemplate(text: string, template: TemplateName, bound: Map<string, string>): string {
  // Escapes are undone in the template's own text only, never inside substituted values.
  const literal = (slice: string): string => slice.replace(/\\\{\{/g, '{{');
  let out = '';
  let from = 0;
  for (const p of placeholders(text, template)) {
    out += literal(text.slice(from, p.index)) + (bound.get(p.name) ?? '');
    from = p.index + p.length;
  }
  return out + literal(text.slice(from));
}
