/** Who is calling. A single local user for now; accounts and roles arrive with governance. */
export interface CallContext {
  user: string;
  groups: string[];
  roles: string[];
  /** Which shell the call came through, for the audit trail. */
  shell: 'electron' | 'http' | 'cli' | 'test' | 'system';
  /**
   * What the shell presents: a session or API token (`bearer`), or the OS account a local shell runs as (`os`).
   * Dispatch resolves it into user, groups and roles from the account before anything runs, and drops it.
   */
  credential?:
    | { kind: 'bearer'; token: string }
    /** `vouchedBy: 'serverToken'`: the headless server checked its own printed token, held only by the OS user who started it. */
    | { kind: 'os'; user: string; vouchedBy?: 'serverToken' };
  /** Where the call came from (`127.0.0.1`, `local`): failed sign-ins are throttled per account and per source. */
  source?: string;
  /** Set by dispatch: an API token's permission scope (absent: everything the roles grant). */
  permissions?: readonly string[];
  /** Set by dispatch: how the caller was authenticated. */
  authenticatedBy?:
    | { method: 'session'; id: string; expiresAt: string }
    | { method: 'apiToken'; id: string; name: string; expiresAt: string | null }
    | { method: 'os' }
    | { method: 'setup' }
    | { method: 'trusted' };
}

export function localContext(shell: CallContext['shell'], user = 'local'): CallContext {
  return { user, groups: [], roles: ['admin'], shell };
}
