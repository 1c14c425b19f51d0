import type { Recognizer } from '../types.js';
import { createIdRecognizer, token, type IdPattern } from './id-patterns.js';

// Turkish licence plates: province code 01-81, 1-3 letters (the Latin ones Turkish uses: no Q, W or X),
// 2-4 digits. The national ID (T.C. Kimlik No) is in national-ids.recognizer.ts.

const province = '(?:0[1-9]|[1-7]\\d|8[01])';
const context = /\bplaka|\bplates?\b|\bkayıt/i;

const patterns: IdPattern[] = [
  { entity: 'TR_LICENSE_PLATE', score: 0.2, context, pattern: token(`${province} ?[A-PR-VYZ]{1,3} ?\\d{2,4}|${province}-[A-PR-VYZ]{1,3}-\\d{2,4}`) },
  // Written together (34abc1234) lower case is safe; spaced, "12 of 30" and "10 am 15" would be plates.
  { entity: 'TR_LICENSE_PLATE', score: 0.2, context, pattern: token(`${province}[A-PR-VYZ]{1,3}\\d{2,4}`, 'giu') },
  { entity: 'TR_LICENSE_PLATE', score: 0.2, context, needsContext: true, pattern: token(`${province}[ -][A-PR-VYZ]{1,3}[ -]\\d{2,4}`, 'giu') },
];

export function createTrIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('tr-identifiers', patterns);
}
