import type { Recognizer } from '../types.js';
import { createIdRecognizer, token } from './id-patterns.js';

// Spanish passport numbers (three letters, six digits). The DNI/NIF and NIE, which have a control letter,
// are in national-ids.recognizer.ts. Without a check the shape says little, so only "pasaporte" near
// lifts it over the redaction threshold.

export function createEsIdentifiersRecognizer(): Recognizer {
  return createIdRecognizer('es-identifiers', [
    { entity: 'ES_PASSPORT', score: 0.1, context: /pasaporte|passport/i, pattern: token('[A-Z]{3}\\d{6}', 'giu') },
  ]);
}
