// Deterministic assertions on a model output (promptfoo's contains / icontains / contains-any /
// contains-all / regex / is-json with a schema). Each is a pure check returning pass/fail, plus the
// reasons for a failure where there can be several.
import { z } from 'zod';
import { AppError } from '../../contract/errors.js';

export interface ContainsOptions {
  ignoreCase?: boolean;
}

function fold(text: string, options: ContainsOptions): string {
  return options.ignoreCase ? text.toLocaleLowerCase('und') : text;
}

export function contains(output: string, value: string, options: ContainsOptions = {}): boolean {
  return fold(output, options).includes(fold(value, options));
}

export function containsAll(output: string, values: readonly string[], options: ContainsOptions = {}): boolean {
  return values.every((v) => contains(output, v, options));
}

export function containsAny(output: string, values: readonly string[], options: ContainsOptions = {}): boolean {
  return values.some((v) => contains(output, v, options));
}

/** Compiles a user's pattern; a bad one is the user's to fix, so it is INVALID_INPUT with the reason. */
export function compilePattern(pattern: string, flags = ''): RegExp {
  try {
    return new RegExp(pattern, flags.replace(/[gy]/g, ''));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Invalid regular expression /${pattern}/${flags}: ${(error as Error).message}`);
  }
}

/** Does the output match the pattern anywhere? (Sticky and global flags are dropped: they make `test` stateful.) */
export function matchesRegex(output: string, pattern: string | RegExp, flags = ''): boolean {
  const regex = typeof pattern === 'string' ? compilePattern(pattern, flags) : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return regex.test(output);
}

export interface JsonValidity {
  valid: boolean;
  /** Why not: the parse error, or one line per schema violation ("path: message"). */
  errors: string[];
  value?: unknown;
}

// Models often wrap JSON in a Markdown fence; the content is what was meant.
const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i;

/** Parses the output as JSON (a single ```json fence around it is allowed). */
export function parseJsonOutput(output: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = output.trim();
  const body = fenced.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
}

/** Turns a JSON Schema into a validator once; an unsupported or malformed schema is INVALID_INPUT. */
export function compileJsonSchema(schema: unknown): z.ZodType {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The JSON schema cannot be used: ${(error as Error).message}`);
  }
}

/** Is the output JSON, and (with a schema) does it satisfy the schema? */
export function jsonValidity(output: string, schema?: unknown): JsonValidity {
  const parsed = parseJsonOutput(output);
  if (!parsed.ok) return { valid: false, errors: [parsed.error] };
  if (schema === undefined) return { valid: true, errors: [], value: parsed.value };
  const validator = schema instanceof z.ZodType ? schema : compileJsonSchema(schema);
  const result = validator.safeParse(parsed.value);
  if (result.success) return { valid: true, errors: [], value: parsed.value };
  return { valid: false, errors: result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`), value: parsed.value };
}
