import type { z } from 'zod';
import type { authApi, AuthMethod, User } from '../contract/auth.api.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import type { CoreServices } from '../services/core-services.js';
import { AccountsService } from './accounts.service.js';
import { authFields } from './auth-context.js';
import { authServiceFor } from './auth-gate.js';
import { grantedPermissions } from './permissions.js';
import { isRole } from './roles.js';

type AuthApi = typeof authApi;
/** The same shape as `HandlersFor<AuthMethod>` (host/services.ts), usable before `authApi` joins `api`. */
export type AuthHandlers = {
  [M in AuthMethod]: (input: z.output<AuthApi[M]['input']>, ctx: CallContext) => Promise<z.output<AuthApi[M]['output']>> | z.output<AuthApi[M]['output']>;
};

/**
 * One line per method: dispatch has validated the input and authorized the caller (electron/core/auth/permissions.ts);
 * the services check what only they can know (passwords, ownership, the last administrator) and audit every change.
 */
export function createAuthHandlers(services: Pick<CoreServices, 'db' | 'audit' | 'log'>): AuthHandlers {
  const auth = authServiceFor(services);
  const accounts = new AccountsService(auth);
  return {
    'auth.status': () => ({ needsSetup: auth.needsSetup(), sharedWorkstation: auth.workstation.isShared() }),
    'auth.configure': ({ sharedWorkstation }) => {
      // Shared means nobody signs in without a password: without an administrator who has one, nobody could undo it.
      if (sharedWorkstation && !auth.users.list().some((u) => !u.disabled && u.roles.includes('admin') && u.passwordHash)) {
        throw new AppError('INVALID_INPUT', 'No enabled administrator has a password: on a shared workstation nobody could sign in to manage it. Set an administrator\'s password first (`enclave users passwd NAME`)');
      }
      auth.workstation.setShared(sharedWorkstation);
      return { sharedWorkstation };
    },
    'auth.setup': (input, ctx) => auth.setup(input, ctx),
    'auth.signIn': (input, ctx) => auth.signIn(input, ctx),
    'auth.signOut': (_input, ctx) => auth.signOut(ctx),
    'auth.me': (_input, ctx) => {
      const by = authFields(ctx).authenticatedBy;
      const via = by?.method === 'session' || by?.method === 'apiToken' || by?.method === 'os' ? by.method : 'trusted';
      const expiresAt = by?.method === 'session' || by?.method === 'apiToken' ? by.expiresAt : null;
      // A trusted local context may name a user without an account (tests, shells not yet signing in).
      const user = via === 'trusted' && !auth.users.byName(ctx.user) ? contextUser(ctx) : auth.accountOf(ctx).user;
      return { user, permissions: [...grantedPermissions(ctx)].sort(), via, expiresAt };
    },
    'auth.changePassword': (input, ctx) => auth.changePassword(input, ctx),

    'users.add': (input, ctx) => accounts.add(input, ctx),
    'users.list': () => accounts.list(),
    'users.setRoles': ({ name, roles }, ctx) => accounts.setRoles(name, roles, ctx),
    'users.setGroups': ({ name, groups }, ctx) => accounts.setGroups(name, groups, ctx),
    'users.disable': ({ name }, ctx) => accounts.setDisabled(name, true, ctx),
    'users.enable': ({ name }, ctx) => accounts.setDisabled(name, false, ctx),
    'users.setPassword': ({ name, password }, ctx) => accounts.setPassword(name, password, ctx),

    'tokens.create': (input, ctx) => accounts.createToken(input, ctx),
    'tokens.list': ({ user }, ctx) => accounts.listTokens(user, ctx),
    'tokens.revoke': ({ id }, ctx) => accounts.revokeToken(id, ctx),
  };
}

function contextUser(ctx: CallContext): User {
  return { name: ctx.user, roles: ctx.roles.filter(isRole), groups: ctx.groups, disabled: false, hasPassword: false, createdAt: '', updatedAt: '', lastSignInAt: null };
}
