// The reference metrics (sacreBLEU, rouge-score, NLTK) are Python. Their results depend on Python's
// string semantics, which differ from JavaScript's in ways that change scores on real data:
// - `str.split()` / `str.strip()` whitespace adds \x1c-\x1f and \x85 to JS's \s and leaves out \ufeff
//   (a byte-order mark inside a WMT17 hypothesis stays part of the word in Python);
// - `re`'s \w, \d and \b are Unicode-aware, JS's are ASCII-only even with the `u` flag;
// - `len()` and slicing count code points, JS counts UTF-16 units.
// Everything that must agree with a Python tool to 1e-4 goes through these helpers.

/** Python's whitespace (`str.isspace()`, `re`'s \s), as a character-class body. */
export const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's Unicode \w (letters, numerics, underscore; not combining marks), as a class body for a `u` regex. */
export const PY_WORD = '\\p{L}\\p{N}_';
/** Python's Unicode \d (decimal digits), for a `u` regex. */
export const PY_DIGIT = '\\p{Nd}';

const wsRun = new RegExp(`[${PY_WS}]+`, 'u');
const wsRunGlobal = new RegExp(`[${PY_WS}]+`, 'gu');
const wsOnly = new RegExp(`^[${PY_WS}]*$`, 'u');
const leadingWs = new RegExp(`^[${PY_WS}]+`, 'u');
const trailingWs = new RegExp(`[${PY_WS}]+$`, 'u');

/** `s.split()` with no separator: runs of whitespace split, no empty strings at either end. */
export function pySplit(s: string): string[] {
  if (wsOnly.test(s)) return [];
  const parts = s.split(wsRun);
  if (parts[0] === '') parts.shift();
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function pyRstrip(s: string): string {
  return s.replace(trailingWs, '');
}

export function pyStrip(s: string): string {
  return s.replace(leadingWs, '').replace(trailingWs, '');
}

/** `' '.join(s.split())`: one space between words, none at the ends. */
export function pyNormalizeSpaces(s: string): string {
  return pySplit(s).join(' ');
}

/** `''.join(s.split())`: every whitespace character removed. */
export function pyRemoveSpaces(s: string): string {
  return s.replace(wsRunGlobal, '');
}

/** Code points, as Python indexes a string (astral characters count once). */
export function codePoints(s: string): string[] {
  // Fast path: without surrogates every UTF-16 unit is a code point.
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return Array.from(s);
  }
  return s.split('');
}

/** Python's `len(s)`. */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) n++;
  }
  return n;
}

/** Python's `string.punctuation`. */
export const ASCII_PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** A multiset of strings (Python's `collections.Counter`). */
export type Counter = Map<string, number>;

export function countInto(counter: Counter, key: string, by = 1): void {
  counter.set(key, (counter.get(key) ?? 0) + by);
}

export function counterTotal(counter: Counter): number {
  let total = 0;
  for (const count of counter.values()) total += count;
  return total;
}

/** `sum((a & b).values())`: the clipped overlap of two multisets. */
export function overlapCount(a: Counter, b: Counter): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let overlap = 0;
  for (const [key, count] of small) {
    const other = large.get(key);
    if (other !== undefined) overlap += Math.min(count, other);
  }
  return overlap;
}
