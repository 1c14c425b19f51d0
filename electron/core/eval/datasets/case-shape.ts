import type { HumanLabel } from '../../contract/eval.api.js';

/** A case as imported, before it has a row id. */
export interface NewCase {
  key: string | null;
  vars: Record<string, unknown>;
  expected: string | null;
  references: string[];
  contexts: string[];
  tags: string[];
  human: HumanLabel | null;
  assert: Array<Record<string, unknown>>;
}

/** Fields with a meaning of their own; every other field of a flat row is a template variable. */
const RESERVED = new Set(['id', 'key', 'vars', 'expected', 'reference', 'references', 'context', 'contexts', 'tags', 'human', 'assert', 'description',
  'human_score', 'human_pass', 'human_preference']);

/** Thrown with a message that completes "row N: …". */
export class RowProblem extends Error {}

function stringList(value: unknown, field: string, split?: RegExp): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === 'string')) throw new RowProblem(`"${field}" must be a list of strings`);
    return value as string[];
  }
  if (typeof value === 'string') {
    // CSV cells hold lists as JSON arrays (or, for tags, comma-separated).
    if (value.trim().startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        throw new RowProblem(`"${field}" looks like a JSON list but does not parse: ${(error as Error).message}`);
      }
      return stringList(parsed, field);
    }
    return split ? value.split(split).map((s) => s.trim()).filter(Boolean) : [value];
  }
  throw new RowProblem(`"${field}" must be a string or a list of strings`);
}

function humanLabel(row: Record<string, unknown>): HumanLabel | null {
  const nested = row.human;
  if (nested !== undefined && nested !== null && (typeof nested !== 'object' || Array.isArray(nested))) throw new RowProblem('"human" must be an object like {"score": 4}');
  const source = (nested ?? {}) as Record<string, unknown>;
  const score = source.score ?? row.human_score;
  const pass = source.pass ?? row.human_pass;
  const preference = source.preference ?? row.human_preference;
  const label: HumanLabel = {};
  if (score !== undefined && score !== '') {
    const n = Number(score);
    if (!Number.isInteger(n) || n < 1 || n > 5) throw new RowProblem(`human score must be a whole number from 1 to 5, got ${JSON.stringify(score)}`);
    label.score = n;
  }
  if (pass !== undefined && pass !== '') {
    if (pass !== true && pass !== false && pass !== 'true' && pass !== 'false') throw new RowProblem(`human pass must be true or false, got ${JSON.stringify(pass)}`);
    label.pass = pass === true || pass === 'true';
  }
  if (preference !== undefined && preference !== '') {
    if (preference !== 'A' && preference !== 'B' && preference !== 'tie') throw new RowProblem(`human preference must be A, B or tie, got ${JSON.stringify(preference)}`);
    label.preference = preference;
  }
  return Object.keys(label).length > 0 ? label : null;
}

/** One row of JSONL, CSV or a suite's `tests`: `{ vars: {...}, expected, ... }` or a flat object of variables. */
export function caseFromObject(row: Record<string, unknown>): NewCase {
  let vars: Record<string, unknown>;
  if (row.vars !== undefined) {
    if (row.vars === null || typeof row.vars !== 'object' || Array.isArray(row.vars)) throw new RowProblem('"vars" must be an object of variable values');
    vars = { ...(row.vars as Record<string, unknown>) };
  } else {
    vars = {};
    for (const [key, value] of Object.entries(row)) {
      // CSV columns may be written vars.name.
      if (key.startsWith('vars.')) vars[key.slice(5)] = value;
      else if (!RESERVED.has(key)) vars[key] = value;
    }
  }
  const expected = row.expected;
  if (expected !== undefined && expected !== null && typeof expected !== 'string') throw new RowProblem('"expected" must be a string');
  const id = row.id ?? row.key;
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') throw new RowProblem('"id" must be a string or a number');
  const assert = row.assert ?? [];
  if (!Array.isArray(assert) || !assert.every((a) => a && typeof a === 'object' && !Array.isArray(a))) throw new RowProblem('"assert" must be a list of assertions');
  const references = stringList(row.references ?? row.reference, 'references');
  return {
    key: id === undefined || id === null || id === '' ? null : String(id),
    vars,
    expected: typeof expected === 'string' && expected !== '' ? expected : (references[0] ?? null),
    references: references.length > 0 ? references : typeof expected === 'string' && expected !== '' ? [expected] : [],
    contexts: stringList(row.contexts ?? row.context, 'contexts'),
    tags: stringList(row.tags, 'tags', /[,;]/),
    human: humanLabel(row),
    assert: assert as Array<Record<string, unknown>>,
  };
}
