import type { Recognizer } from '../types.js';
import { validDate } from './checksums.js';
import { createIdRecognizer, token, type IdPattern } from './id-patterns.js';

// UK identifiers beside the NHS number and NINO (national-ids.recognizer.ts): driving licence, passport,
// postcode and vehicle registration. None has a public check digit; the licence encodes a birth date, the
// registration an age identifier, the postcode a strict letter layout.

/**
 * DVLA licence number: surname (5, padded with 9), decade, month (+50 for women), day, year digit, initials,
 * an arbitrary digit, two check letters. The surname must be letters then 9s, the date a real one.
 */
export function ukDrivingLicenceValid(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[A-Z]+9*$/.test(v.slice(0, 5))) return false;
  const year = Number(`${v.charAt(5)}${v.charAt(10)}`);
  const month = Number(v.slice(6, 8)) % 50;
  const day = Number(v.slice(8, 10));
  return validDate(1900 + year, month, day) || validDate(2000 + year, month, day);
}

/** Current registrations (AB51 ABC) carry an age identifier: 02-29 for March, 51-79 for September issues. */
export function ukRegistrationAgeValid(value: string): boolean {
  const age = Number(value.slice(2, 4));
  return (age >= 2 && age <= 29) || (age >= 51 && age <= 79);
}

const vehicle = /\b(?:vehicle|registration|reg|vrn|number\s+plate|licen[cs]e\s+plate|dvla|v5c|logbook|mot|car)\b/i;

// Outward code (area, district, sub-district letter) and inward code (sector digit, two unit letters), with
// the letters each position may take, as Royal Mail assigns them; GIR 0AA is the one exception.
const postcode = [
  'GIR ?0AA',
  '[A-PR-UWYZ]\\d[A-HJKPSTUW]? ?\\d[ABD-HJLNP-UW-Z]{2}',
  '[A-PR-UWYZ]\\d{2} ?\\d[ABD-HJLNP-UW-Z]{2}',
  '[A-PR-UWYZ][A-HK-Y]\\d[ABEHMNPRVWXY]? ?\\d[ABD-HJLNP-UW-Z]{2}',
  '[A-PR-UWYZ][A-HK-Y]\\d{2} ?\\d[ABD-HJLNP-UW-Z]{2}',
].join('|');

const patterns: IdPattern[] = [
  {
    entity: 'UK_DRIVING_LICENCE', score: 0.5, context: /driv(?:ing|er'?s)\s+licen[cs]e|\bdvla\b|\bdl\s+number|licen[cs]e\s+number/i,
    pattern: token('[A-Z9]{5}\\d(?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12]\\d|3[01])\\d[A-Z9]{2}\\d[A-Z]{2}', 'giu'),
    check: (m) => ukDrivingLicenceValid(m[0]),
  },
  { entity: 'UK_PASSPORT', score: 0.1, context: /passport|travel\s+document|\bhmpo\b/i, pattern: token('[A-Z]{2}\\d{7}', 'giu') },
  // Upper case only: in lower case the layout also fits words and codes ("b2 2bb").
  {
    entity: 'UK_POSTCODE', score: 0.1, context: /\b(?:post\s?code|postal\s+code|zip|address|deliver|mailing|shipping)/i,
    pattern: token(postcode),
  },
  // Since 2001: area letters, age identifier, three letters (no I or Q anywhere, no Z in the area).
  {
    entity: 'UK_VEHICLE_REGISTRATION', score: 0.3, context: vehicle,
    pattern: token('[A-HJ-PR-Y]{2}\\d{2}[ -]?[A-HJ-PR-Z]{3}', 'giu'), check: (m) => ukRegistrationAgeValid(m[0]),
  },
  // Prefix (A123 BCD, 1983-2001) and suffix (ABC 123D, 1963-1983) registrations; upper case only, since in
  // lower case "h1 tag" or "and 3 m" would fit.
  { entity: 'UK_VEHICLE_REGISTRATION', score: 0.1, context: vehicle, pattern: token('[A-HJ-NPR-TV-Y]\\d{1,3}[ -]?[A-HJ-PR-Y][A-HJ-PR-Z]{2}') },
  { entity: 'UK_VEHICLE_REGISTRATION', score: 0.1, context: vehicle, pattern: token('[A-HJ-PR-Z]{3}[ -]?\\d{1,3}[ -]?[A-HJ-NPR-TV-Y]') },
];

export function createUkIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('uk-identifiers', patterns);
}
