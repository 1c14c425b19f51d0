import { useEffect, useState, type FormEvent } from 'react';
import { useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { passwordProblem } from './access-form.js';
import { PasswordFields } from './PasswordFields.js';

/** The caller's own account: who it is, and its password (auth.changePassword: the other sessions end). */
export function MyAccountPanel({ manage }: { manage: boolean }) {
  const me = useAuth((state) => state.me);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { changed, error } = useAccess((state) => state.ownPassword);
  const changeOwnPassword = useAccess((state) => state.changeOwnPassword);
  const clear = useAccess((state) => state.clearOwnPassword);
  const [busy, setBusy] = useState(false);
  // "Changed" is news for this visit only; an error stays until dismissed (a refusal may remount this panel).
  useEffect(() => () => useAccess.setState((state) => ({ ownPassword: { ...state.ownPassword, changed: false } })), []);
  if (!me) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (current === '' || passwordProblem(password, again) !== null) return;
    setBusy(true);
    void changeOwnPassword(current, password).then((ok) => {
      setBusy(false);
      setCurrent('');
      if (!ok) return;
      setPassword('');
      setAgain('');
    });
  };

  return (
    <section className="panel access-form" aria-labelledby="access-me-title" data-testid="my-account-panel">
      <h2 id="access-me-title" className="panel-label">
        My account
      </h2>
      <p className="hint">
        <strong>{me.user.name}</strong> · {me.user.roles.join(', ')}
        {me.user.groups.length > 0 && ` · groups ${me.user.groups.join(', ')}`}
      </p>
      {me.user.hasPassword ? (
        <form className="access-form" onSubmit={submit} aria-label="Change my password" data-testid="my-password-form">
          {/* Lets password managers tie the new password to this account. */}
          <input type="text" autoComplete="username" value={me.user.name} readOnly hidden />
          <div className="access-password-grid">
            <label className="param">
              <span className="param-label">Current password</span>
              <input
                className="input"
                type="password"
                autoComplete="current-password"
                value={current}
                disabled={busy}
                onChange={(event) => setCurrent(event.target.value)}
                data-testid="my-password-current"
              />
            </label>
            <PasswordFields
              label="New password"
              password={password}
              again={again}
              onChange={(p, a) => {
                setPassword(p);
                setAgain(a);
              }}
              disabled={busy}
              testId="my-password-new"
            />
          </div>
          <p className="hint">Your other sessions are signed out; this one stays signed in.</p>
          {error && <ErrorMessage error={error} onDismiss={clear} testId="my-password-error" />}
          {changed && (
            <p className="hint access-done" role="status" data-testid="my-password-changed">
              Password changed; your other sessions were signed out.
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy || current === '' || passwordProblem(password, again) !== null} data-testid="my-password-submit">
              Change password
            </button>
          </div>
        </form>
      ) : (
        <p className="hint" data-testid="my-account-os-only">
          This account has no password: it signs in as this computer’s OS user.{' '}
          {manage ? 'Set one in the Users table (Set password) to sign in from a browser or a shared workstation.' : 'Ask an administrator to set one.'}
        </p>
      )}
    </section>
  );
}
