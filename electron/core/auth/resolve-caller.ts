import type { CallContext } from '../contract/context.js';
import { authFields, sourceOf, type AuthCallContext } from './auth-context.js';
import { authError } from './auth-errors.js';
import type { AuthService } from './auth.service.js';
import { requirementOf } from './permissions.js';
import type { Account } from './users.repo.js';

/** Shells that run on this machine as the OS user; only they may vouch for an OS account. */
const LOCAL_SHELLS = new Set<CallContext['shell']>(['cli', 'electron', 'system', 'test']);

/**
 * Turns what a shell presents into the caller the core authorizes: user, groups and roles from the account (never
 * from the request), an API token's permission scope, and how the caller was authenticated. The credential itself
 * is not passed on to handlers.
 *
 * - `bearer`: a session token or an API token; or, on a fresh headless server, its printed setup token.
 * - `os`: a local shell vouches for the OS account; on first run that account becomes the administrator.
 * - none: HTTP callers are anonymous (only public methods); other shells built the context themselves and are
 *   trusted with it (tests, system jobs, shells not yet signing in).
 */
export function resolveCaller(auth: AuthService, method: string, ctx: CallContext): AuthCallContext {
  const { credential, ...rest } = authFields(ctx);
  const base = { ...rest, source: sourceOf(ctx) };
  // Setup is decided by authorize (with its own message); a caller without credentials may try it like a public method.
  const required = requirementOf(method);
  const isPublic = required === 'public' || required === 'setup';
  const anonymous = (): AuthCallContext => ({ ...base, user: '', groups: [], roles: [], permissions: undefined, authenticatedBy: undefined });

  if (credential?.kind === 'bearer') {
    const session = auth.sessions.resolve(credential.token);
    if (session) {
      const account = live(auth.users.byId(session.userId), isPublic);
      if (account) return caller(base, account, { authenticatedBy: { method: 'session', id: session.id, expiresAt: session.expiresAt } });
      return anonymous();
    }
    const token = auth.tokens.resolve(credential.token);
    if (token) {
      const account = live(auth.users.byId(token.userId), isPublic);
      if (account) return caller(base, account, { permissions: token.permissions, authenticatedBy: { method: 'apiToken', id: token.id, name: token.name, expiresAt: token.expiresAt } });
      return anonymous();
    }
    if (auth.isSetupToken(credential.token)) return { ...anonymous(), authenticatedBy: { method: 'setup' } };
    // A stale cookie must not stand in the way of signing in again.
    if (isPublic) return anonymous();
    throw authError('UNAUTHORIZED', 'Your session has ended (expired, signed out or revoked); sign in again');
  }

  if (credential?.kind === 'os') {
    if (!LOCAL_SHELLS.has(ctx.shell) && credential.vouchedBy !== 'serverToken') throw authError('UNAUTHORIZED', 'Only a shell on this machine can sign in as an OS account; sign in with a password');
    if (auth.workstation.isShared()) {
      if (isPublic) return anonymous();
      throw authError('UNAUTHORIZED', 'This workstation is shared: sign in with your own account and password (the sign-in screen, or `enclave login --user NAME`)');
    }
    // First run: the OS user becomes the administrator (if another shell won that race, its account is read again).
    const account =
      auth.users.byName(credential.user) ?? auth.ensureAdminWithHash(credential.user, null, 'system', `first run: the OS user of the ${ctx.shell}`) ?? auth.users.byName(credential.user);
    if (!account) {
      if (isPublic) return anonymous();
      throw authError('UNAUTHORIZED', `There is no Enclave account for the OS user "${credential.user}": sign in with \`enclave login --user NAME\`, or ask an administrator to run \`enclave users add ${credential.user} --role viewer\``);
    }
    const enabled = live(account, isPublic);
    return enabled ? caller(base, enabled, { authenticatedBy: { method: 'os' } }) : anonymous();
  }

  if (ctx.shell === 'http') {
    if (isPublic) return anonymous();
    throw authError('UNAUTHORIZED', `Sign in to call "${method}"`);
  }
  return { ...base, authenticatedBy: rest.authenticatedBy ?? { method: 'trusted' } };
}

/** The account if it may act now; a disabled one is refused (or, for public methods, treated as signed out). */
function live(account: Account | undefined, isPublic: boolean): Account | undefined {
  if (!account) {
    if (isPublic) return undefined;
    throw authError('UNAUTHORIZED', 'The account of this session no longer exists; sign in again');
  }
  if (!account.disabled) return account;
  if (isPublic) return undefined;
  throw authError('UNAUTHORIZED', `The account "${account.name}" is disabled; ask an administrator to enable it`);
}

function caller(base: Omit<AuthCallContext, 'user' | 'groups' | 'roles'>, account: Account, extra: Pick<AuthCallContext, 'permissions' | 'authenticatedBy'>): AuthCallContext {
  return { ...base, user: account.name, groups: account.groups, roles: account.roles, permissions: extra.permissions, authenticatedBy: extra.authenticatedBy };
}
