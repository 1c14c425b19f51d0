import type { Recognizer } from '../types.js';
import { luhnValid, validDate } from './checksums.js';
import { createIdRecognizer, digitsOf, token, type IdPattern } from './id-patterns.js';

// Italian identifiers. The codice fiscale encodes name, birth date and municipality and ends in a check
// letter; the partita IVA ends in a Luhn digit. Driving licences, identity cards and passports have no
// public check, and their shapes (two letters, seven digits) are shared with other countries' documents.

// Odd positions (1st, 3rd, …) of the codice fiscale map through this table; even ones count 0-25 (A=0, 0=0).
const oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const omocodia = 'LMNPQRSTUV'; // digits replaced by letters when two people would share a code
const months = 'ABCDEHLMPRST';

const charIndex = (c: string): number => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65);
const decodeDigits = (s: string): number => Number([...s].map((c) => (/\d/.test(c) ? c : String(omocodia.indexOf(c)))).join(''));

/** The codice fiscale's 16th character: odd and even positions weighted by two tables, the sum mod 26 as a letter. */
export function itFiscalCodeCheckValid(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[A-Z0-9]{16}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? (oddValues[charIndex(v.charAt(i))] ?? 0) : charIndex(v.charAt(i));
  return String.fromCharCode(65 + (sum % 26)) === v.charAt(15);
}

/**
 * Surname and name codes (consonants then vowels, X as filler), a real birth date (day + 40 for women) and a
 * municipality code: what makes a 16-character string a codice fiscale before its check letter is read.
 */
export function itFiscalCodeShapeValid(value: string): boolean {
  const v = value.toUpperCase();
  const names = /^(?:[B-DF-HJ-NP-TV-Z]{2}[A-Z]|[A-Z][AEIOU][AEIOUX]|[AEIOU]X{2}){2}$/;
  if (!names.test(v.slice(0, 6))) return false;
  const day = decodeDigits(v.slice(9, 11));
  return validDate(2000 + decodeDigits(v.slice(6, 8)), months.indexOf(v.charAt(8)) + 1, day > 40 ? day - 40 : day);
}

/** Partita IVA: 11 digits, a Luhn check digit, and a provincial office code (001-100, 120, 121, 888, 999) in digits 8-10. */
export function itVatCodeValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || /^0+$/.test(d)) return false;
  const office = Number(d.slice(7, 10));
  return ((office >= 1 && office <= 100) || [120, 121, 888, 999].includes(office)) && luhnValid(d);
}

const omo = '[\\dLMNP-V]';

const patterns: IdPattern[] = [
  {
    entity: 'IT_FISCAL_CODE', score: 0.9, weakScore: 0.3, context: /codice\s+fiscale|\bc\.?f\.?(?!\w)|fiscal\s+code/i,
    pattern: token(`[A-Z]{6}${omo}{2}[${months}]${omo}{2}[A-Z]${omo}{3}[A-Z]`, 'giu'),
    check: (m) => itFiscalCodeShapeValid(m[0]) && (itFiscalCodeCheckValid(m[0]) || 'weak'),
  },
  {
    entity: 'IT_VAT_CODE', score: 0.3, context: /partita\s+iva|\bp\.?\s?iva\b|\bvat\b/i,
    pattern: token('\\d(?:[ _]?\\d){10}'), check: (m) => itVatCodeValid(m[0]),
  },
  {
    entity: 'IT_DRIVER_LICENSE', score: 0.2, context: /\bpatente\b|licenza\s+di\s+guida|driv(?:ing|er'?s)\s+licen[cs]e|\blicen[cs]e\b/i,
    pattern: token('[A-Z]{2}\\d{7}[A-Z]|U1[BCDEFGHJKLMNPRSTUWXYZ0-9]{7}[A-Z]', 'giu'),
  },
  // Paper card (AA 1234567), electronic CIE 2.0 (1234567AA) and CIE 3.0 (AA12345AA).
  {
    entity: 'IT_IDENTITY_CARD', score: 0.05, context: /carta\s+d['’i]\s*identit|\bcie\b|documento\s+di\s+riconoscimento|identity\s+card/i,
    pattern: token('[A-Z]{2} ?\\d{7}|\\d{7}[A-Z]{2}|[A-Z]{2}\\d{5}[A-Z]{2}', 'giu'),
  },
  { entity: 'IT_PASSPORT', score: 0.05, context: /passaporto|passport/i, pattern: token('[A-Z]{2}\\d{7}', 'giu') },
];

export function createItIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('it-identifiers', patterns);
}
