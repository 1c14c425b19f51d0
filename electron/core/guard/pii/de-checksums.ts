// Check rules of German identifiers. Each says whether a candidate can be a real number; a random string of
// the right shape fails most of them.

import { icaoCheckDigit, iso7064Mod11x10 } from './checksums.js';

const letterValue = (letter: string): string => String(letter.toUpperCase().charCodeAt(0) - 64).padStart(2, '0');
const crossSum = (n: number): number => Math.floor(n / 10) + (n % 10);

/**
 * Steueridentifikationsnummer: 11 digits, no leading zero, ISO 7064 MOD 11,10 check digit, and in the first
 * ten digits no digit more than three times. The BZSt's rule is stricter (one digit must repeat, twice or
 * since 2016 three times), but Presidio accepts ten distinct digits (its test number 12345678903); that lets
 * through 0.04 % more random numbers, a price worth not missing the example numbers people paste.
 */
export function deTaxIdValid(value: string): boolean {
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  const counts = new Map<string, number>();
  for (const d of value.slice(0, 10)) counts.set(d, (counts.get(d) ?? 0) + 1);
  if ([...counts.values()].some((n) => n > 3)) return false;
  return iso7064Mod11x10(value.slice(0, 10)) === Number(value.charAt(10));
}

/** USt-IdNr.: "DE" + 9 digits, the last an ISO 7064 MOD 11,10 check digit over the first eight. */
export function deVatIdValid(digits: string): boolean {
  return /^\d{9}$/.test(digits) && iso7064Mod11x10(digits.slice(0, 8)) === Number(digits.charAt(8));
}

/**
 * Krankenversichertennummer (§ 290 SGB V): a letter and 9 digits. The letter becomes its two-digit
 * position (A=01), then with the next 8 digits weights 1,2,1,2…, products reduced to their cross sum; the
 * sum mod 10 is the last digit.
 */
export function deHealthInsuranceValid(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[A-Z]\d{9}$/.test(v)) return false;
  const effective = letterValue(v.charAt(0)) + v.slice(1, 9);
  const sum = [...effective].reduce((s, c, i) => s + crossSum(Number(c) * (i % 2 === 0 ? 1 : 2)), 0);
  return sum % 10 === Number(v.charAt(9));
}

/**
 * Rentenversicherungsnummer (VKVV § 4): area (2 digits), birth day (01-31, +50 for a second holder), month,
 * year, surname initial, serial (2 digits), check digit. The letter becomes its two-digit position, weights
 * 2,1,2,5,7,1,2,1,2,1,2,1 with cross sums; the sum mod 10 is the check digit.
 */
export function deSocialSecurityValid(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^\d{8}[A-Z]\d{3}$/.test(v)) return false;
  const day = Number(v.slice(2, 4));
  const month = Number(v.slice(4, 6));
  if (!((day >= 1 && day <= 31) || (day >= 51 && day <= 81)) || month < 1 || month > 12) return false;
  const effective = v.slice(0, 8) + letterValue(v.charAt(8)) + v.slice(9, 11);
  const weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  const sum = [...effective].reduce((s, c, i) => s + crossSum(Number(c) * (weights[i] ?? 0)), 0);
  return sum % 10 === Number(v.charAt(11));
}

/** Lebenslange Arztnummer: six digits, a check digit (weights 4,9 alternating, 10 − sum mod 10), two digits of specialty. */
export function deLanrValid(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  const sum = [...value.slice(0, 6)].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 4 : 9), 0);
  return (10 - (sum % 10)) % 10 === Number(value.charAt(6));
}

/** Kassenärztliche Vereinigung region codes that open a Betriebsstättennummer (KBV Arztnummern-Richtlinie). */
export const kvRegions = new Set(['01', '02', '03', '17', '20', '35', '38', '46', '51', '52', '71', '72', '73', '74', '78', '83', '88', '93', '98']);

/**
 * Passport and ID card numbers are 9 characters of the ICAO set (digits and consonants, no vowels, B, D, Q
 * or S); in the machine-readable zone a 10th character, the ICAO check digit, follows them. Presidio treats
 * the 9th character as that check digit, which rejects the specimen numbers of both documents (C01X00T47,
 * L01X00T47); we check a digit only where there is a 10th character.
 */
export function deDocumentNumberValid(value: string): boolean {
  const v = value.toUpperCase();
  if (v.length === 9) return /\d.*\d/.test(v);
  return v.length === 10 && icaoCheckDigit(v.slice(0, 9)) === Number(v.charAt(9));
}
