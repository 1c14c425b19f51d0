import type { PermissionName } from '../contract/auth.api.js';
import type { CallContext } from '../contract/context.js';

/**
 * What a shell presents for the caller; dispatch turns it into user, groups, roles and permissions before any
 * handler runs. `bearer`: a session or API token (HTTP, a CLI signed in with `enclave login`); `os`: a local shell
 * (CLI, desktop) vouches for the operating-system account it runs as.
 */
export type Credential = { kind: 'bearer'; token: string } | { kind: 'os'; user: string };

/** How a resolved caller was authenticated; `trusted`: a local shell or test built the context itself. */
export type AuthenticatedBy =
  | { method: 'session'; id: string; expiresAt: string }
  | { method: 'apiToken'; id: string; name: string; expiresAt: string | null }
  | { method: 'os' }
  | { method: 'setup' }
  | { method: 'trusted' };

/**
 * The fields this area proposes for `CallContext` (contract/context.ts). Until they are added there, auth code reads
 * them through this type; afterwards `AuthCallContext` is simply `CallContext`.
 */
export interface AuthFields {
  credential?: Credential;
  /** Where the call came from (`127.0.0.1`, `local`): failed sign-ins are throttled per account and per source. */
  source?: string;
  /** Set by dispatch: an API token's scope. Absent: everything the roles grant. */
  permissions?: readonly PermissionName[];
  /** Set by dispatch once the caller is resolved. */
  authenticatedBy?: AuthenticatedBy;
}

export type AuthCallContext = CallContext & AuthFields;

export function authFields(ctx: CallContext): AuthCallContext {
  return ctx as AuthCallContext;
}

/** The caller's name for audit entries; never empty. */
export function actorOf(ctx: CallContext): string {
  return ctx.user || 'anonymous';
}

export function sourceOf(ctx: CallContext): string {
  return authFields(ctx).source ?? (ctx.shell === 'http' ? 'http' : 'local');
}
