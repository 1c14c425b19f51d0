// Small span helpers the pattern recognizers share: boundaries and context words.

const wordChar = /[\p{L}\p{N}_]/u;

/** True when the character at `index` is a letter, digit or underscore (false outside the string). */
export function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return wordChar.test(text.charAt(index));
}

/** True when neither the character before `start` nor the one at `end` continues a word. */
export function standsAlone(text: string, start: number, end: number): boolean {
  return !isWordCharAt(text, start - 1) && !isWordCharAt(text, end);
}

/**
 * Whether one of the context words occurs shortly before (or, with `after`, after) a span. Presidio
 * raises a weak pattern's score the same way: "ssn 078051121" is far likelier an SSN than a bare number.
 */
export function hasContext(text: string, start: number, end: number, words: RegExp, window = 40, after = 0): boolean {
  const before = text.slice(Math.max(0, start - window), start);
  if (words.test(before)) return true;
  return after > 0 && words.test(text.slice(end, end + after));
}

export function boost(score: number, by: number): number {
  return Math.min(1, Math.round((score + by) * 100) / 100);
}

/** Runs a global regex and yields every match (the regex must have the `g` flag). */
export function* matchAll(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    yield match;
    if (match[0].length === 0) pattern.lastIndex++;
  }
}

export function onlyDigits(value: string): string {
  return value.replace(/\D/g, '');
}
