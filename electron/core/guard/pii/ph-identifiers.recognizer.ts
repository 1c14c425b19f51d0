import type { Recognizer } from '../types.js';
import { weightedSum } from './checksums.js';
import { createIdRecognizer, digitsOf, token } from './id-patterns.js';

// Philippine Taxpayer Identification Number (BIR): 9 digits, optionally a 3-digit branch code.

/** TIN check digit: weights 9…2 on the first 8 digits, the sum mod 11 is the 9th (a remainder of 10 is never issued). */
export function phTinValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 9 && d.length !== 12) return false;
  return weightedSum(d.slice(0, 8), [9, 8, 7, 6, 5, 4, 3, 2]) % 11 === Number(d.charAt(8));
}

export function createPhIdentifiersRecognizer(): Recognizer {
  const context = /\b(?:tin|bir|rdo)\b|taxpayer|tax\s+id|revenue\s+district/i;
  return createIdRecognizer('ph-identifiers', [
    { entity: 'PH_TIN', score: 0.3, context, pattern: token('\\d{3}-\\d{3}-\\d{3}(?:-\\d{3})?'), check: (m) => phTinValid(m[0]) },
    { entity: 'PH_TIN', score: 0.1, context, pattern: token('\\d{9}|\\d{12}'), check: (m) => phTinValid(m[0]) },
  ]);
}
