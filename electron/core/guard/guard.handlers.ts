import type { GuardMethod } from '../contract/guard.api.js';
import { AppError } from '../contract/errors.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { pseudonymsIn, restore } from './redactor.js';

/** Guardrail methods: restoring pseudonymised values for a caller allowed to see them. */
export function createGuardHandlers(s: Pick<CoreServices, 'guard'>): HandlersFor<GuardMethod> {
  return {
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
