import type { Recognizer } from '../types.js';
import { validDate, weightedSum } from './checksums.js';
import { createIdRecognizer, digitsOf, digitsToken, type IdPattern } from './id-patterns.js';

// South Korean identifiers. Resident and foreigner registration numbers open with a birth date; those issued
// before October 2020 end in a check digit, later ones in random digits, so a failed check only lowers the
// score. Business numbers always carry a check digit; licences and passports have none.

const rrnWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/** YYMMDD followed by the gender-and-century digit (1-4 residents, 5-8 foreigners; 9/0 for the 1800s). */
function birthDateValid(d: string): boolean {
  const century = ({ 1: 1900, 2: 1900, 5: 1900, 6: 1900, 3: 2000, 4: 2000, 7: 2000, 8: 2000 } as Record<string, number>)[d.charAt(6)] ?? 1800;
  return validDate(century + Number(d.slice(0, 2)), Number(d.slice(2, 4)), Number(d.slice(4, 6)));
}

/** Resident registration number (pre-2020 issue): 11 − weighted sum mod 11, mod 10, over 12 digits. */
export function krRrnChecksumValid(value: string): boolean {
  const d = digitsOf(value);
  return d.length === 13 && (11 - (weightedSum(d.slice(0, 12), rrnWeights) % 11)) % 10 === Number(d.charAt(12));
}

/** Foreigner registration number (pre-2020 issue): as the RRN but 13 − sum mod 11. */
export function krFrnChecksumValid(value: string): boolean {
  const d = digitsOf(value);
  return d.length === 13 && (13 - (weightedSum(d.slice(0, 12), rrnWeights) % 11)) % 10 === Number(d.charAt(12));
}

/** Business registration number: weights 1,3,7,1,3,7,1,3,5, the last product's tens digit added once more. */
export function krBrnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 10) return false;
  const last = Number(d.charAt(8)) * 5;
  const sum = weightedSum(d.slice(0, 8), [1, 3, 7, 1, 3, 7, 1, 3]) + last + Math.floor(last / 10);
  return (10 - (sum % 10)) % 10 === Number(d.charAt(9));
}

// Licence issuing regions (Seoul 11 … Jeju 28; 27 is not used).
const licenceRegions = new Set(['11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '28']);

const registration = (genders: string): string => `\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])-?[${genders}]\\d{6}`;

const patterns: IdPattern[] = [
  {
    entity: 'KR_RRN', score: 0.7, weakScore: 0.3, context: /\brrn\b|resident\s+registration|주민등록/i,
    pattern: digitsToken(registration('1-4')),
    check: (m) => birthDateValid(digitsOf(m[0])) && (krRrnChecksumValid(m[0]) || 'weak'),
  },
  {
    entity: 'KR_FRN', score: 0.7, weakScore: 0.3, context: /\bfrn\b|foreigner\s+registration|외국인(?:등록)?번호/i,
    pattern: digitsToken(registration('5-8')),
    check: (m) => birthDateValid(digitsOf(m[0])) && (krFrnChecksumValid(m[0]) || 'weak'),
  },
  {
    entity: 'KR_BRN', score: 0.3, context: /\bbrn\b|business\s+(?:registration\s+)?number|사업자/i,
    pattern: digitsToken('\\d{3}-\\d{2}-\\d{5}|\\d{10}'), check: (m) => krBrnValid(m[0]),
  },
  {
    entity: 'KR_DRIVER_LICENSE', score: 0.1, context: /driver'?s?\s+licen[cs]e|운전면허|면허번호/i,
    pattern: digitsToken('\\d{2}([- ]?)\\d{2}\\1\\d{6}\\1\\d{2}'), check: (m) => licenceRegions.has(m[0].slice(0, 2)),
  },
  // Current passports: M/S/R/O/D, 3 digits, a letter, 4 digits; older ones: the letter and 8 digits.
  // Hangul may touch the number ("M789C1234입니다"), so only Latin letters and digits bound it.
  {
    entity: 'KR_PASSPORT', score: 0.1, context: /passport|여권/i,
    pattern: /(?<![A-Za-z0-9])[MSROD]\d{3}[A-Z]\d{4}(?![A-Za-z0-9])/gi,
  },
  {
    entity: 'KR_PASSPORT', score: 0.05, context: /passport|여권/i,
    pattern: /(?<![A-Za-z0-9])[MSROD]\d{8}(?![A-Za-z0-9])/gi,
  },
];

export function createKrIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('kr-identifiers', patterns);
}
