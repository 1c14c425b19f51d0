import type { HumanLabel } from '../../contract/eval.api.js';
import type { NewCase } from './case-shape.js';
import type { StoredCase } from './datasets.repo.js';

export interface LabelChange {
  caseKey: string;
  human: HumanLabel | null;
}

/** A label with its fields in one order and `{}` as null, so that equal labels compare (and hash) equal. */
export function canonicalLabel(label: HumanLabel | null | undefined): HumanLabel | null {
  if (!label) return null;
  const out: HumanLabel = {};
  if (label.score !== undefined) out.score = label.score;
  if (label.pass !== undefined) out.pass = label.pass;
  if (label.preference !== undefined) out.preference = label.preference;
  return Object.keys(out).length > 0 ? out : null;
}

export function sameLabel(a: HumanLabel | null | undefined, b: HumanLabel | null | undefined): boolean {
  return JSON.stringify(canonicalLabel(a)) === JSON.stringify(canonicalLabel(b));
}

/**
 * The base version's cases, in their order, with the given labels replacing theirs; every other field is kept.
 * Keys the base does not have come back in `unknown` (the caller refuses the whole change); `changed` lists
 * the cases whose label actually differs.
 */
export function applyLabels(base: StoredCase[], labels: LabelChange[]): { cases: NewCase[]; changed: string[]; unknown: string[] } {
  const wanted = new Map(labels.map((l) => [l.caseKey, canonicalLabel(l.human)]));
  const known = new Set(base.map((c) => c.key));
  const unknown = labels.map((l) => l.caseKey).filter((key) => !known.has(key));
  const changed: string[] = [];
  const cases = base.map(({ id: _id, ordinal: _ordinal, ...c }): NewCase => {
    if (!wanted.has(c.key)) return c;
    const human = wanted.get(c.key) ?? null;
    if (!sameLabel(c.human, human)) changed.push(c.key);
    return { ...c, human };
  });
  return { cases, changed, unknown };
}

/** `"a", "b" and 3 more`: names in a message stay readable however many there are. */
export function quoteKeys(keys: string[], shown = 10): string {
  const quoted = keys.slice(0, shown).map((k) => JSON.stringify(k));
  return keys.length > shown ? `${quoted.join(', ')} and ${keys.length - shown} more` : quoted.join(', ');
}
