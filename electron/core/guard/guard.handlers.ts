import type { GuardMethod } from '../contract/guard.api.js';
import { AppError } from '../contract/errors.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { TextScanner } from './guard-scan.js';
import { DocumentScanner } from './injection/document-scanner.js';
import { pseudonymsIn, restore } from './redactor.js';

/** Guardrail methods: scanning a text, and restoring pseudonymised values for a caller allowed to see them. */
export function createGuardHandlers(s: Pick<CoreServices, 'guard'>): HandlersFor<GuardMethod> {
  const documents = new DocumentScanner();
  return {
    'guard.scan': ({ text, source, redact, entities, minScore }) => {
      const scan = new TextScanner({ mode: redact, ...(entities ? { entities } : {}), ...(minScore !== undefined ? { minScore } : {}) }).scan(text);
      if (source === 'user') return { ...scan, injection: { ...scan.injection, reasons: [] } };
      // Retrieved or ingested content: the indirect-injection scanner decides, with its reasons (as the CLI's --source document).
      const verdict = documents.scan(text);
      return { ...scan, injection: { detected: verdict.flagged, score: verdict.score, reasons: verdict.reasons } };
    },
    'guard.restore': async ({ scope, text }) => {
      const pseudonyms = s.guard.pseudonyms;
      if (!pseudonyms) throw new AppError('VAULT_KEY_INVALID', 'This core has no pseudonym vault; pseudonyms cannot be restored here');
      const found = pseudonymsIn(text).length;
      const restored = await restore(text, { ...pseudonyms, scope });
      const unknown = pseudonymsIn(restored).length;
      return { text: restored, restored: found - unknown, unknown };
    },
  };
}
