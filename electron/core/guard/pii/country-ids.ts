import type { Recognizer } from '../types.js';
import { createAuIdentifiersRecognizer } from './au-identifiers.recognizer.js';
import { createDeIdentifiersRecognizer } from './de-identifiers.recognizer.js';
import { createEsIdentifiersRecognizer } from './es-identifiers.recognizer.js';
import { createInIdentifiersRecognizer } from './in-identifiers.recognizer.js';
import { createItIdentifiersRecognizer } from './it-identifiers.recognizer.js';
import { createKrIdentifiersRecognizer } from './kr-identifiers.recognizer.js';
import { createNgIdentifiersRecognizer } from './ng-identifiers.recognizer.js';
import { createPhIdentifiersRecognizer } from './ph-identifiers.recognizer.js';
import { createSgIdentifiersRecognizer } from './sg-identifiers.recognizer.js';
import { createTrIdentifiersRecognizer } from './tr-identifiers.recognizer.js';
import { createUkIdentifiersRecognizer } from './uk-identifiers.recognizer.js';
import { createUsHealthIdentifiersRecognizer } from './us-health-identifiers.recognizer.js';

// The country-specific recognizers, one per country, in one list: the analyzer registers them and the
// guard configuration can name their entities.

export function countryIdRecognizers(): Recognizer[] {
  return [
    createAuIdentifiersRecognizer(), createDeIdentifiersRecognizer(), createEsIdentifiersRecognizer(), createInIdentifiersRecognizer(),
    createItIdentifiersRecognizer(), createKrIdentifiersRecognizer(), createNgIdentifiersRecognizer(), createPhIdentifiersRecognizer(),
    createSgIdentifiersRecognizer(), createTrIdentifiersRecognizer(), createUkIdentifiersRecognizer(), createUsHealthIdentifiersRecognizer(),
  ];
}

/** Every entity type the country recognizers emit (AU_ABN … US_MBI). */
export const countryIdEntities: readonly string[] = countryIdRecognizers().flatMap((r) => r.entities);
