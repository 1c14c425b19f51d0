/** Who is calling. A single local user for now; accounts and roles arrive with governance. */
export interface CallContext {
  user: string;
  groups: string[];
  roles: string[];
  /** Which shell the call came through, for the audit trail. */
  shell: 'electron' | 'http' | 'cli' | 'test' | 'system';
}

export function localContext(shell: CallContext['shell'], user = 'local'): CallContext {
  return { user, groups: [], roles: ['admin'], shell };
}
