import type { Recognizer } from '../types.js';
import { createIdRecognizer, token, type IdPattern } from './id-patterns.js';

// US health identifiers: the Medicare Beneficiary Identifier and the DEA registration number that
// Presidio reports as MEDICAL_LICENSE. The SSN, NPI and others are in their own recognizers.

/** DEA number: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), its last digit is d7. */
export function deaValid(value: string): boolean {
  const d = value.slice(2);
  if (!/^\d{7}$/.test(d)) return false;
  const n = (i: number): number => Number(d.charAt(i));
  return (n(0) + n(2) + n(4) + 2 * (n(1) + n(3) + n(5))) % 10 === n(6);
}

// MBI letters: A-Z without S, L, O, I, B and Z. Positions: 1 digit 1-9, 2/5/8/9 letters, 3/6 letter or
// digit, 4/7/10/11 digits; no check digit (CMS).
const a = '[AC-HJKMNP-RT-Y]';
const an = '[0-9AC-HJKMNP-RT-Y]';
const mbi = /\b(?:mbi|medicare|medicaid|beneficiary|cms|hicn?)\b/i;

const patterns: IdPattern[] = [
  { entity: 'US_MBI', score: 0.3, context: mbi, pattern: token(`[1-9]${a}${an}\\d${a}${an}\\d${a}{2}\\d{2}`, 'giu') },
  { entity: 'US_MBI', score: 0.5, context: mbi, pattern: token(`[1-9]${a}${an}\\d-${a}${an}\\d-${a}{2}\\d{2}`, 'giu') },
  // Registrant type letter, the registrant's initial (or 9 for business activities), 7 digits with a check.
  {
    entity: 'MEDICAL_LICENSE', score: 0.3, context: /\bdea\b|medical|certificate|licen[cs]e|prescriber/i,
    pattern: token('[A-HJ-MPR-UX][A-Z9]\\d{7}', 'giu'), check: (m) => deaValid(m[0]),
  },
];

export function createUsHealthIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('us-health-identifiers', patterns);
}
