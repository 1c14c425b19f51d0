import type { Recognizer } from '../types.js';
import { verhoeffValid } from './checksums.js';
import { createIdRecognizer, token, type IdPattern } from './id-patterns.js';

// Nigerian National Identification Number and vehicle registration plates.

const plate = /\b(?:plates?|vehicle|registration)\b/i;

const patterns: IdPattern[] = [
  // NIMC's NIN: 11 digits ending in a Verhoeff check digit (Presidio's reading; NIMC publishes no rule).
  // Eleven digits are also phone numbers and other IDs, so only "NIN" near makes it a redaction.
  {
    entity: 'NG_NIN', score: 0.05, context: /\b(?:nin|nimc)\b|national\s+identi(?:fication|ty)\s+number/i,
    pattern: token('\\d{11}'), check: (m) => verhoeffValid(m[0]),
  },
  // Since 2011: local government code (3 letters), serial (3 digits), year and batch letters: APP-456CV.
  { entity: 'NG_VEHICLE_REGISTRATION', score: 0.2, context: plate, pattern: token('[A-Z]{3}[- ]?\\d{3}[A-Z]{2}') },
  // Lower case only with the dash: "has 100ms" would otherwise be a plate.
  { entity: 'NG_VEHICLE_REGISTRATION', score: 0.2, context: plate, pattern: token('[A-Z]{3}-\\d{3}[A-Z]{2}', 'giu') },
];

export function createNgIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('ng-identifiers', patterns);
}
