import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Input, Output } from '../../api/contract.types.js';
import { useAuth } from '../auth/auth.store.js';
import { sortTokens, type ApiToken, type CreatedToken, type RoleName, type User } from './access-form.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ClientError };

/** Whose tokens the list shows: the caller's, or (with `users.manage`) every account's. */
export type TokenScope = 'mine' | 'all';

interface AccessState {
  users: User[];
  usersLoaded: boolean;
  usersError: ClientError | null;
  tokens: ApiToken[];
  tokenScope: TokenScope;
  tokensLoaded: boolean;
  tokensError: ClientError | null;
  /** null until auth.status answered. */
  sharedWorkstation: boolean | null;
  workstationError: ClientError | null;
  /** The last own-password change: kept here, not in the form, because a refusal can remount the screen (see below). */
  ownPassword: { changed: boolean; error: ClientError | null };
  loadUsers(): Promise<void>;
  loadTokens(scope?: TokenScope): Promise<void>;
  loadWorkstation(): Promise<void>;
  addUser(input: Input<'users.add'>): Promise<Outcome<User>>;
  /** Sends only what changed: roles, groups, or both. */
  updateUser(name: string, change: { roles?: RoleName[]; groups?: string[] }): Promise<Outcome<null>>;
  setDisabled(name: string, disabled: boolean): Promise<Outcome<User>>;
  setPassword(name: string, password: string): Promise<Outcome<Output<'users.setPassword'>>>;
  createToken(input: Input<'tokens.create'>): Promise<Outcome<CreatedToken>>;
  revokeToken(id: string): Promise<Outcome<Output<'tokens.revoke'>>>;
  setSharedWorkstation(shared: boolean): Promise<Outcome<Output<'auth.configure'>>>;
  changeOwnPassword(currentPassword: string, newPassword: string): Promise<boolean>;
  clearOwnPassword(): void;
}

/** Bumped by every token listing, so a slow answer for a scope no longer chosen is dropped. */
let tokenListing = 0;

/** A change to the caller's own account (roles, password) changes what it may do: ask the core again. */
async function refreshMeIf(name: string): Promise<void> {
  const me = useAuth.getState().me;
  if (me && me.user.name.toLowerCase() === name.toLowerCase()) await useAuth.getState().check();
}

export const useAccess = create<AccessState>()((set, get) => {
  /** Runs a change, then reloads what it touched; failures come back for the form or row that asked. */
  async function change<T>(run: () => Promise<T>, reload: () => Promise<void>): Promise<Outcome<T>> {
    try {
      const value = await run();
      await reload();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toClientError(error) };
    }
  }

  return {
    users: [],
    usersLoaded: false,
    usersError: null,
    tokens: [],
    tokenScope: 'mine',
    tokensLoaded: false,
    tokensError: null,
    sharedWorkstation: null,
    workstationError: null,
    ownPassword: { changed: false, error: null },

    async loadUsers() {
      try {
        set({ users: await call('users.list', {}), usersLoaded: true, usersError: null });
      } catch (error) {
        set({ usersLoaded: true, usersError: toClientError(error) });
      }
    },

    async loadTokens(scope = get().tokenScope) {
      const asked = ++tokenListing;
      set({ tokenScope: scope });
      try {
        let tokens: ApiToken[];
        if (scope === 'mine') tokens = await call('tokens.list', {});
        else {
          // The core lists one account's tokens per call; an administrator's overview asks for each account.
          if (!get().usersLoaded) await get().loadUsers();
          const lists = await Promise.all(get().users.map((user) => call('tokens.list', { user: user.name })));
          tokens = lists.flat();
        }
        if (asked === tokenListing) set({ tokens: sortTokens(tokens), tokensLoaded: true, tokensError: null });
      } catch (error) {
        if (asked === tokenListing) set({ tokens: [], tokensLoaded: true, tokensError: toClientError(error) });
      }
    },

    async loadWorkstation() {
      try {
        const status = await call('auth.status', {});
        set({ sharedWorkstation: status.sharedWorkstation, workstationError: null });
      } catch (error) {
        set({ workstationError: toClientError(error) });
      }
    },

    addUser: (input) => change(() => call('users.add', input), () => get().loadUsers()),

    updateUser: (name, { roles, groups }) =>
      change(
        async () => {
          try {
            if (roles) await call('users.setRoles', { name, roles });
            if (groups) await call('users.setGroups', { name, groups });
          } finally {
            // The roles may have been saved even when the groups were refused: show what is stored.
            await get().loadUsers();
          }
          return null;
        },
        () => refreshMeIf(name),
      ),

    setDisabled: (name, disabled) =>
      change(
        () => call(disabled ? 'users.disable' : 'users.enable', { name }),
        async () => {
          await get().loadUsers();
          // A disabled account's tokens stop working; the list shows them as they are stored.
          if (get().tokenScope === 'all') await get().loadTokens();
        },
      ),

    setPassword: (name, password) =>
      change(
        () => call('users.setPassword', { name, password }),
        async () => {
          await get().loadUsers();
          await refreshMeIf(name);
        },
      ),

    createToken: (input) => change(() => call('tokens.create', input), () => get().loadTokens()),

    revokeToken: (id) => change(() => call('tokens.revoke', { id }), () => get().loadTokens()),

    setSharedWorkstation: (shared) =>
      change(
        () => call('auth.configure', { sharedWorkstation: shared }),
        async () => {
          set({ sharedWorkstation: shared });
          // Signed in as the OS account, turning it on ends this visit: every further call would answer UNAUTHORIZED.
          if (shared && useAuth.getState().me?.via === 'os') useAuth.setState({ status: 'signedOut', me: null, sharedWorkstation: true, error: null });
        },
      ),

    async changeOwnPassword(currentPassword, newPassword) {
      set({ ownPassword: { changed: false, error: null } });
      try {
        await call('auth.changePassword', { currentPassword, newPassword });
        set({ ownPassword: { changed: true, error: null } });
        return true;
      } catch (failure) {
        const error = toClientError(failure);
        set({ ownPassword: { changed: false, error } });
        // A wrong current password answers UNAUTHORIZED, which the client takes for a session that ended and shows
        // the sign-in screen; asking who we are brings the app back while the session is in fact still valid.
        if (error.code === 'UNAUTHORIZED') await useAuth.getState().check();
        return false;
      }
    },

    clearOwnPassword: () => set({ ownPassword: { changed: false, error: null } }),
  };
});
