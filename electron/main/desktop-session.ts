import type { PermissionName } from '../core/contract/auth.api.js';
import type { CallContext } from '../core/contract/context.js';
import type { Result } from '../core/contract/errors.js';
import type { CoreEvent } from '../core/contract/events.js';
import { visibleTo, wireEvent, type EventViewer } from '../core/events/event-audience.js';
import type { CoreHandle } from '../core/host/core-handle.js';

/** What the window sees of a session token: the main process keeps the real one. */
export const KEPT_BY_THE_APP = '(kept by the desktop app)';

/**
 * Who the desktop window acts as. On a single-user machine that is the OS account; on a shared workstation (the
 * core refuses the OS account there) it is whoever signed in with a password, and the session token stays here in
 * the main process, out of the renderer's reach. Events go to the window only when the signed-in user may see them.
 * Nothing here imports Electron, so the tests run it against a real core in plain Node.
 */
export class DesktopSession {
  private session: string | undefined;
  private viewer: EventViewer | null = null;

  constructor(private readonly core: Pick<CoreHandle, 'dispatch'>, private readonly osUser: string) {}

  caller(): CallContext {
    const base: CallContext = { shell: 'electron', user: this.osUser, groups: [], roles: [], source: 'local' };
    return this.session ? { ...base, credential: { kind: 'bearer', token: this.session } } : { ...base, credential: { kind: 'os', user: this.osUser } };
  }

  async call(method: string, params: unknown): Promise<Result<unknown>> {
    const result = await this.core.dispatch(method, params, this.caller());
    if (method === 'auth.signIn' && result.ok) {
      const signedIn = result.value as { sessionToken: string };
      this.session = signedIn.sessionToken;
      await this.refreshViewer();
      return { ok: true, value: { ...signedIn, sessionToken: KEPT_BY_THE_APP } };
    }
    if (method === 'auth.signOut' && result.ok) this.session = undefined;
    if (!result.ok && result.error.code === 'UNAUTHORIZED') this.session = undefined;
    // Anything that can change who is signed in or what they may do refreshes the event filter.
    if (method.startsWith('auth.') || method.startsWith('users.') || this.viewer === null) await this.refreshViewer();
    return result;
  }

  /** The event as the window may receive it, or null when it belongs to someone else. */
  deliverable(event: CoreEvent): Omit<CoreEvent, 'audience'> | null {
    return this.viewer && visibleTo(event, this.viewer) ? wireEvent(event) : null;
  }

  async refreshViewer(): Promise<void> {
    const me = await this.core.dispatch('auth.me', {}, this.caller());
    const value = me.ok ? (me.value as { user: { name: string }; permissions: PermissionName[] }) : null;
    this.viewer = value ? { user: value.user.name, permissions: value.permissions } : null;
  }
}
