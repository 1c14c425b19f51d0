import { create } from 'zustand';
import { call, ClientError, onSessionEnded, reconnectEvents, toClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';

export type Me = Output<'auth.me'>;

interface AuthState {
  /** checking: asking the core who we are; signedOut: the sign-in screen; unreachable: the core did not answer. */
  status: 'checking' | 'signedIn' | 'signedOut' | 'unreachable';
  me: Me | null;
  sharedWorkstation: boolean;
  /** The first administrator does not exist yet (headless first run: the printed URL creates it). */
  needsSetup: boolean;
  /** Why the sign-in screen is showing (a session that ended) or why signing in failed. */
  error: ClientError | null;
  busy: boolean;
  check(): Promise<void>;
  signIn(user: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export const useAuth = create<AuthState>()((set, get) => ({
  status: 'checking',
  me: null,
  sharedWorkstation: false,
  needsSetup: false,
  error: null,
  busy: false,

  async check() {
    try {
      const me = await call('auth.me', {});
      set({ status: 'signedIn', me, error: null });
    } catch (failure) {
      const error = toClientError(failure);
      if (error.code !== 'UNAUTHORIZED') return set({ status: 'unreachable', me: null, error });
      const status = await call('auth.status', {}).catch(() => ({ needsSetup: false, sharedWorkstation: false }));
      set({ status: 'signedOut', me: null, needsSetup: status.needsSetup, sharedWorkstation: status.sharedWorkstation });
    }
  },

  async signIn(user, password) {
    set({ busy: true, error: null });
    try {
      await call('auth.signIn', { user, password });
      reconnectEvents();
      await get().check();
    } catch (failure) {
      set({ error: toClientError(failure) });
    } finally {
      set({ busy: false });
    }
  },

  async signOut() {
    set({ busy: true });
    try {
      await call('auth.signOut', {});
    } catch {
      // Signed out already (expired or revoked): the check below shows the sign-in screen either way.
    }
    reconnectEvents();
    set({ busy: false, error: null });
    await get().check();
  },
}));

// A call refused mid-session (expired, revoked, workstation made shared) brings the sign-in screen back.
onSessionEnded((reason) => {
  const { status } = useAuth.getState();
  if (status === 'signedIn') useAuth.setState({ status: 'signedOut', me: null, error: new ClientError({ code: 'UNAUTHORIZED', message: reason }) });
});

/** Whether the signed-in caller holds a permission (screens hide what would only answer FORBIDDEN). */
export function holds(me: Me | null, permission: Me['permissions'][number]): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** Signing out means something only for a password session or token; the OS account signs in by itself. */
export function canSignOut(me: Me | null): boolean {
  return me?.via === 'session';
}
