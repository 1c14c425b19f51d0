import type { Recognizer } from '../types.js';
import { createIdRecognizer, token, type IdPattern } from './id-patterns.js';

// Indian identifiers other than Aadhaar (national-ids.recognizer.ts): PAN, GSTIN, passport, voter ID (EPIC)
// and vehicle registration. Only the GSTIN has a published check character; the others rest on layout.

const base36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** GSTIN check character: Luhn mod 36 over the first 14 characters (factors 1, 2 alternating from the left). */
export function gstinCheckValid(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[0-9A-Z]{15}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = base36.indexOf(v.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return base36.charAt((36 - (sum % 36)) % 36) === v.charAt(14);
}

/**
 * State codes 01-37 stand on the layout (the check character of example numbers rarely fits); Ladakh's 38
 * (since 2020) and the special codes 97 and 99 only with a check character that fits.
 */
function gstinVerdict(value: string): boolean | 'weak' {
  const state = Number(value.slice(0, 2));
  if (gstinCheckValid(value)) return (state >= 1 && state <= 38) || state === 97 || state === 99;
  return state >= 1 && state <= 37 ? 'weak' : false;
}

// The PAN's 4th letter says who holds it: P person, C company, H Hindu undivided family, F firm, A, B, G, J, L, T.
const panHolders = 'ABCFGHJLPT';
// The EPIC's 2nd letter comes from a restricted set.
const epicSecond = 'ABCDGHJKMNPRSY';

// Registration prefixes: states and union territories, with the codes still on older plates.
const regions = new Set([
  'AN', 'AP', 'AR', 'AS', 'BR', 'CG', 'CH', 'CT', 'DD', 'DL', 'DN', 'GA', 'GJ', 'HP', 'HR', 'JH', 'JK', 'KA', 'KL', 'LA', 'LD',
  'MH', 'ML', 'MN', 'MP', 'MZ', 'NL', 'OD', 'OR', 'PB', 'PY', 'RJ', 'SK', 'TN', 'TR', 'TS', 'UA', 'UK', 'UL', 'UP', 'UT', 'WB',
]);
const vehicle = /\b(?:rto|vehicle|registration|plate)\b/i;

const patterns: IdPattern[] = [
  {
    entity: 'IN_PAN', score: 0.3, weakScore: 0.05, context: /\bpan\b|permanent\s+account\s+number/i,
    pattern: token('[A-Z]{5}\\d{4}[A-Z]', 'giu'), check: (m) => panHolders.includes(m[0].charAt(3).toUpperCase()) || 'weak',
  },
  {
    entity: 'IN_GSTIN', score: 0.9, weakScore: 0.3, context: /\bgst(?:in)?\b|goods\s+and\s+services\s+tax|tax\s+identification/i,
    pattern: token('\\d{2}[A-Z]{5}\\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]', 'giu'), check: (m) => gstinVerdict(m[0]),
  },
  { entity: 'IN_PASSPORT', score: 0.1, context: /passport/i, pattern: token('[A-Z][1-9]\\d ?\\d{4}[1-9]') },
  {
    entity: 'IN_VOTER', score: 0.3, weakScore: 0.1, context: /\b(?:voter|epic|elector)/i,
    pattern: token('[A-Z]{3}\\d{7}', 'giu'), check: (m) => epicSecond.includes(m[0].charAt(1).toUpperCase()) || 'weak',
  },
  // Current plates: region, district (1-2 digits), series (1-3 letters), number 0001-9999 (KA 53 ME 3456).
  {
    entity: 'IN_VEHICLE_REGISTRATION', score: 0.3, context: vehicle,
    pattern: token('[A-Z]{2}\\d{1,2}[A-Z]{1,3}\\d{4}'), check: (m) => regions.has(m[0].slice(0, 2)) && !m[0].endsWith('0000'),
  },
  // Bharat series (22 BH 1234 AA), armed forces (15 B 123456 K), diplomatic (77 CD 123).
  { entity: 'IN_VEHICLE_REGISTRATION', score: 0.5, context: vehicle, pattern: token('[2-9]\\dBH\\d{4}[A-HJ-NP-Z]{2}') },
  { entity: 'IN_VEHICLE_REGISTRATION', score: 0.2, context: vehicle, pattern: token('\\d{2}[ABCDEFHKPRX]\\d{6}[A-Z]') },
  { entity: 'IN_VEHICLE_REGISTRATION', score: 0.2, context: vehicle, pattern: token('\\d{1,3}(?:CD|CC|UN)[1-9]\\d{1,3}') },
  // Old plates (MN 2412, MCX 1243, I 15432) look like any product code: reported, redacted only in context.
  {
    entity: 'IN_VEHICLE_REGISTRATION', score: 0.02, context: vehicle,
    pattern: token('[A-Z]{2}\\d{4}'), check: (m) => regions.has(m[0].slice(0, 2)) && !m[0].endsWith('0000'),
  },
  { entity: 'IN_VEHICLE_REGISTRATION', score: 0.02, context: vehicle, pattern: token('[A-Z]{3}\\d{4}'), check: (m) => !m[0].endsWith('0000') },
  { entity: 'IN_VEHICLE_REGISTRATION', score: 0.02, context: vehicle, pattern: token('I\\d{5}'), check: (m) => m[0] !== 'I00000' },
];

export function createInIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('in-identifiers', patterns);
}
