import { useState, type FormEvent } from 'react';
import { transportKind } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAuth } from './auth.store.js';

/** Seconds to wait before the next try, when the core throttled sign-ins. */
function retryAfter(details: unknown): number | null {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : null;
}

export function SignInScreen() {
  const { signIn, busy, error, sharedWorkstation, needsSetup } = useAuth();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(user.trim(), password).then(() => setPassword(''));
  };
  const wait = error?.code === 'TOO_MANY_ATTEMPTS' ? retryAfter(error.details) : null;

  return (
    <div className="sign-in-page">
      <form className="sign-in-card" onSubmit={submit} aria-label="Sign in" data-testid="sign-in-form">
        <div className="sign-in-title">
          <span className="app-name">Enclave</span>
          <span className="badge badge-offline" title="No network access: models and data stay on this machine">offline</span>
        </div>
        <p className="sign-in-hint" data-testid="sign-in-hint">
          {sharedWorkstation
            ? 'This workstation is shared: sign in with your own account.'
            : transportKind === 'http'
              ? 'Sign in with your Enclave account. Whoever started `enclave serve` can open the URL it printed instead.'
              : 'Sign in with your Enclave account.'}
        </p>
        {needsSetup && <p className="sign-in-hint">No account exists yet: open the URL printed by `enclave serve` to become the administrator.</p>}
        <label className="stacked">
          <span className="param-label">User</span>
          <input className="input" autoComplete="username" autoFocus value={user} onChange={(e) => setUser(e.target.value)} data-testid="sign-in-user" />
        </label>
        <label className="stacked">
          <span className="param-label">Password</span>
          <input className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
        </label>
        {error && <ErrorMessage error={error} />}
        {wait !== null && <p className="sign-in-hint">Too many wrong passwords: try again in {wait} s.</p>}
        <button type="submit" className="button button-primary" disabled={busy || user.trim() === '' || password === ''} data-testid="sign-in-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
