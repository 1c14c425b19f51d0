import type { Recognizer } from '../types.js';
import { weightedSum } from './checksums.js';
import { createIdRecognizer, digitsOf, token, type IdPattern } from './id-patterns.js';

// Australian business and tax numbers and the Medicare card number. All are digits with a check digit, so
// like the other digit-only IDs they need a context word ("ABN", "TFN", "Medicare") to be redacted.

/** ABN: subtract 1 from the first digit, weights 10,1,3,…,19, the sum divisible by 89 (ABR's rule). */
export function abnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || d.startsWith('0')) return false;
  const first = Number(d.charAt(0)) - 1;
  return (first * 10 + weightedSum(d.slice(1), [1, 3, 5, 7, 9, 11, 13, 15, 17, 19])) % 89 === 0;
}

/** ACN: weights 8…1 on eight digits; the ninth is the complement of the sum mod 10 (10 counts as 0). */
export function acnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 9) return false;
  return (10 - (weightedSum(d.slice(0, 8), [8, 7, 6, 5, 4, 3, 2, 1]) % 10)) % 10 === Number(d.charAt(8));
}

/** TFN (9 digits): weights 1,4,3,7,5,8,6,9,10, the sum divisible by 11. */
export function tfnValid(value: string): boolean {
  const d = digitsOf(value);
  return d.length === 9 && weightedSum(d, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0;
}

/** Medicare card: first digit 2-6, weights 1,3,7,9 twice, the ninth digit is the sum mod 10; the tenth is the issue number. */
export function medicareValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 10 || !/^[2-6]/.test(d)) return false;
  return weightedSum(d.slice(0, 8), [1, 3, 7, 9, 1, 3, 7, 9]) % 10 === Number(d.charAt(8));
}

const nine = (): RegExp => token('\\d{3} \\d{3} \\d{3}|\\d{9}');

const patterns: IdPattern[] = [
  {
    entity: 'AU_ABN', score: 0.3, context: /\b(?:abn|australian\s+business\s+number)\b/i,
    pattern: token('\\d{2} \\d{3} \\d{3} \\d{3}|\\d{11}'), check: (m) => abnValid(m[0]),
  },
  { entity: 'AU_ACN', score: 0.2, context: /\b(?:acn|australian\s+company\s+number)\b/i, pattern: nine(), check: (m) => acnValid(m[0]) },
  { entity: 'AU_TFN', score: 0.2, context: /\b(?:tfn|tax\s+file\s+number)\b/i, pattern: nine(), check: (m) => tfnValid(m[0]) },
  {
    entity: 'AU_MEDICARE', score: 0.2, context: /\bmedicare\b/i,
    pattern: token('[2-6]\\d{3} \\d{5} \\d|[2-6]\\d{9}'), check: (m) => medicareValid(m[0]),
  },
];

export function createAuIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('au-identifiers', patterns);
}
