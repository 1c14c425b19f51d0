import type { Db } from '../../../native/sqlite/open.js';
import type { CallContext } from '../contract/context.js';
import type { CoreServices } from '../services/core-services.js';
import type { AuthCallContext } from './auth-context.js';
import { authCodeOf } from './auth-errors.js';
import { AuthService } from './auth.service.js';
import { authorize, requirementOf } from './permissions.js';
import { resolveCaller } from './resolve-caller.js';

const services = new WeakMap<Db, AuthService>();

/** One AuthService per database, shared by the handlers and the gate without a new field in CoreServices. */
export function authServiceFor(s: Pick<CoreServices, 'db' | 'audit' | 'log'>): AuthService {
  let auth = services.get(s.db);
  if (!auth) {
    auth = new AuthService({ db: s.db, audit: s.audit, log: (message) => s.log(message) });
    services.set(s.db, auth);
  }
  return auth;
}

export interface AuthGate {
  readonly auth: AuthService;
  /**
   * Resolves the caller and authorizes `method` for it, before input validation and before any handler: returns
   * the context to run the handler with; throws UNAUTHORIZED or FORBIDDEN (refusals of signed-in callers are audited).
   */
  admit(method: string, ctx: CallContext): AuthCallContext;
}

export function createAuthGate(s: Pick<CoreServices, 'db' | 'audit' | 'log'>, options: { setupToken?: string } = {}): AuthGate {
  const auth = authServiceFor(s);
  if (options.setupToken !== undefined) auth.useSetupToken(options.setupToken);
  return {
    auth,
    admit(method, ctx) {
      const caller = resolveCaller(auth, method, ctx);
      try {
        authorize(method, caller);
      } catch (error) {
        if (authCodeOf(error) === 'FORBIDDEN' && caller.user) {
          auth.record(caller, { action: method, target: `permission:${String(requirementOf(method) ?? 'none')}`, outcome: 'denied', payload: { roles: caller.roles, via: caller.authenticatedBy?.method } });
        }
        throw error;
      }
      return caller;
    },
  };
}
