import { canSignOut, useAuth } from './auth.store.js';

/** Who is signed in, how, and the way out. */
export function AccountMenu() {
  const me = useAuth((state) => state.me);
  const busy = useAuth((state) => state.busy);
  const signOut = useAuth((state) => state.signOut);
  if (!me) return null;
  const how = me.via === 'os' ? 'signed in as this computer’s user' : me.via === 'session' ? `session until ${new Date(me.expiresAt ?? '').toLocaleString()}` : me.via;
  return (
    <span className="account" data-testid="account">
      <span className="account-name" title={`${me.user.roles.join(', ')} — ${how}`} data-testid="account-name">
        {me.user.name}
      </span>
      <span className="account-roles">{me.user.roles.join(', ')}</span>
      {canSignOut(me) && (
        <button type="button" className="button button-small" disabled={busy} onClick={() => void signOut()} data-testid="sign-out">
          Sign out
        </button>
      )}
    </span>
  );
}
