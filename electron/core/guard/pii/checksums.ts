// Check-digit algorithms of national identifiers. Each takes digits (or the ID's characters) and says
// whether the check digit fits; a random number of the right shape fails most of them.

import { luhnValid } from './credit-card.recognizer.js';

export { luhnValid };

const digitsOf = (value: string): number[] => [...value].map((c) => c.charCodeAt(0) - 48);

/** Σ digit × weight; used by most of the schemes below. */
export function weightedSum(value: string, weights: readonly number[]): number {
  return digitsOf(value).reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0);
}

/** A calendar date that exists (29 February only in leap years). */
export function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (days[month - 1] ?? 0);
}

const verhoeffD = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const verhoeffP = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff's dihedral-group check (Aadhaar). */
export function verhoeffValid(value: string): boolean {
  let c = 0;
  digitsOf(value).reverse().forEach((d, i) => {
    c = verhoeffD[c]?.[verhoeffP[i % 8]?.[d] ?? 0] ?? 0;
  });
  return c === 0;
}

/** Spanish DNI/NIF and NIE control letter: number mod 23. */
export function spanishLetterValid(number: string, letter: string): boolean {
  return 'TRWAGMYFPDXBNJZSQVHLCKE'.charAt(Number(number) % 23) === letter.toUpperCase();
}

/** Finnish henkilötunnus: DDMMYY + century sign + individual number + mod-31 check character. */
export function finnishIdValid(value: string): boolean {
  const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(value);
  if (!match) return false;
  const [, dd, mm, yy, sign = '-', individual, check] = match;
  const century = sign === '+' ? 1800 : 'ABCDEF'.includes(sign) ? 2000 : 1900;
  if (!validDate(century + Number(yy), Number(mm), Number(dd))) return false;
  return '0123456789ABCDEFHJKLMNPRSTUVWXY'.charAt(Number(`${dd}${mm}${yy}${individual}`) % 31) === check;
}

/** Polish PESEL: the month carries the century; weights 1-3-7-9. */
export function peselValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11) return false;
  const rawMonth = (d[2] ?? 0) * 10 + (d[3] ?? 0);
  const centuries: Record<number, number> = { 0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800 };
  const year = (centuries[Math.floor(rawMonth / 10)] ?? 1900) + (d[0] ?? 0) * 10 + (d[1] ?? 0);
  if (!validDate(year, rawMonth % 20, (d[4] ?? 0) * 10 + (d[5] ?? 0))) return false;
  return (10 - (weightedSum(value.slice(0, 10), [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10 === d[10];
}

/** Turkish T.C. Kimlik No: two check digits. */
export function turkishIdValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || d[0] === 0) return false;
  const odd = (d[0] ?? 0) + (d[2] ?? 0) + (d[4] ?? 0) + (d[6] ?? 0) + (d[8] ?? 0);
  const even = (d[1] ?? 0) + (d[3] ?? 0) + (d[5] ?? 0) + (d[7] ?? 0);
  if ((((odd * 7 - even) % 10) + 10) % 10 !== d[9]) return false;
  return d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10];
}

/** Thai national ID: mod-11 check digit, first digit 1-8, a real province code. */
export function thaiIdValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 13 || (d[0] ?? 0) < 1 || (d[0] ?? 0) > 8) return false;
  const province = (d[1] ?? 0) * 10 + (d[2] ?? 0);
  const provinces = [[10, 27], [30, 49], [50, 58], [60, 67], [70, 77], [80, 86], [90, 96]];
  if (!provinces.some(([lo = 0, hi = 0]) => province >= lo && province <= hi)) return false;
  const sum = weightedSum(value.slice(0, 12), [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return (11 - (sum % 11)) % 10 === d[12];
}

/** UK NHS number: mod-11 with weights 10..2 (a remainder giving 10 is never issued). */
export function nhsValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 10) return false;
  const check = 11 - (weightedSum(value.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return check !== 10 && (check === 11 ? 0 : check) === d[9];
}

/** ABA routing number: 3-7-1 weights, and a Federal Reserve prefix. */
export function abaValid(value: string): boolean {
  if (!/^(?:0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80)/.test(value) || value.length !== 9) return false;
  return weightedSum(value, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0;
}

/** ISO 7064 MOD 11,10 check digit of a digit string (German Steuer-ID and USt-IdNr.). */
export function iso7064Mod11x10(value: string): number {
  let product = 10;
  for (const d of digitsOf(value)) product = (((d + product) % 10 || 10) * 2) % 11;
  return (11 - product) % 10;
}

const icaoWeights = [7, 3, 1];

/** ICAO 9303 check digit of a machine-readable travel document field: weights 7-3-1, A=10 … Z=35, '<' = 0. */
export function icaoCheckDigit(value: string): number {
  let sum = 0;
  [...value.toUpperCase()].forEach((c, i) => {
    const code = c.charCodeAt(0);
    const v = code >= 48 && code <= 57 ? code - 48 : code >= 65 && code <= 90 ? code - 55 : 0;
    sum += v * (icaoWeights[i % 3] ?? 0);
  });
  return sum % 10;
}
