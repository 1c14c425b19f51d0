import type { Recognizer } from '../types.js';
import { weightedSum } from './checksums.js';
import { createIdRecognizer, token, type IdPattern } from './id-patterns.js';

// Singapore's NRIC/FIN (people) and UEN (organisations), both ending in a check letter.

// Prefix: S/T citizens and residents born before/after 2000, F/G foreigners, M foreigners since 2022.
const nricTables: Record<string, { offset: number; letters: string }> = {
  S: { offset: 0, letters: 'JZIHGFEDCBA' }, T: { offset: 4, letters: 'JZIHGFEDCBA' },
  F: { offset: 0, letters: 'XWUTRQPNMLK' }, G: { offset: 4, letters: 'XWUTRQPNMLK' },
  M: { offset: 3, letters: 'XWUTRQPNJLK' },
};

/** NRIC/FIN check letter: weights 2,7,6,5,4,3,2, a prefix offset, the sum mod 11 into the prefix's table. */
export function sgNricValid(value: string): boolean {
  const v = value.toUpperCase();
  const table = nricTables[v.charAt(0)];
  if (!table || !/^[A-Z]\d{7}[A-Z]$/.test(v)) return false;
  return table.letters.charAt((weightedSum(v.slice(1, 8), [2, 7, 6, 5, 4, 3, 2]) + table.offset) % 11) === v.charAt(8);
}

const uenTypes = new Set([
  'LP', 'LL', 'FC', 'PF', 'RF', 'MQ', 'MM', 'NB', 'CC', 'CS', 'MB', 'FM', 'GS', 'DP', 'CP', 'NR', 'CM', 'CD', 'MD', 'HS',
  'VH', 'CH', 'MH', 'CL', 'XL', 'CX', 'HC', 'RP', 'TU', 'TC', 'FB', 'FN', 'PA', 'PB', 'SS', 'MC', 'SM', 'GA', 'GB',
]);
const uenAlphabet = 'ABCDEFGHJKLMNPQRSTUVWX0123456789';

/**
 * UEN (ACRA): businesses have 8 digits and a letter (format A); local companies a registration year, 5
 * digits and a letter (B); other entities T/S/R for the century, 2 year digits, an entity type, 4 digits
 * and a letter (C). Each format has its own weights and check-letter table.
 */
export function sgUenValid(value: string, thisYear = new Date().getFullYear()): boolean {
  if (/^\d{8}[A-Z]$/.test(value)) {
    return 'XMKECAWLJDB'.charAt(weightedSum(value.slice(0, 8), [10, 4, 9, 3, 8, 2, 7, 1]) % 11) === value.charAt(8);
  }
  if (/^\d{9}[A-Z]$/.test(value)) {
    if (Number(value.slice(0, 4)) > thisYear) return false;
    return 'ZKCMDNERGWH'.charAt(weightedSum(value.slice(0, 9), [10, 8, 6, 4, 9, 7, 5, 3, 1]) % 11) === value.charAt(9);
  }
  if (!/^[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]$/.test(value) || !uenTypes.has(value.slice(3, 5))) return false;
  const weights = [4, 3, 5, 3, 10, 2, 2, 5, 7];
  const sum = [...value.slice(0, 9)].reduce((s, c, i) => s + uenAlphabet.indexOf(c) * (weights[i] ?? 0), 0);
  return uenAlphabet.charAt((((sum - 5) % 11) + 11) % 11) === value.charAt(9);
}

const nric = /\b(?:nric|fin)\b|identity\s+card/i;

const patterns: IdPattern[] = [
  // A wrong check letter still leaves a likely NRIC (a typo, a made-up example): kept, below the threshold.
  {
    entity: 'SG_NRIC_FIN', score: 0.7, weakScore: 0.3, context: nric,
    pattern: token('[STFGM]\\d{7}[A-Z]', 'giu'), check: (m) => sgNricValid(m[0]) || 'weak',
  },
  // Other prefixes are not issued; Presidio still reports them, weakly.
  { entity: 'SG_NRIC_FIN', score: 0.05, context: nric, pattern: token('[A-EH-LN-RU-Z]\\d{7}[A-Z]', 'giu') },
  {
    entity: 'SG_UEN', score: 0.3, context: /\buen\b|unique\s+entity\s+number|business\s+registration|\bacra\b/i,
    pattern: token('\\d{8}[A-Z]|\\d{9}[A-Z]|[TSR]\\d{2}[A-Z]{2}\\d{4}[A-Z]'), check: (m) => sgUenValid(m[0]),
  },
];

export function createSgIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('sg-identifiers', patterns);
}
