import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { formatGroups, parseGroups, passwordProblem, sameItems, type RoleName, type User } from './access-form.js';
import { PasswordFields } from './PasswordFields.js';
import { RolePicker } from './RolePicker.js';

interface UserFormProps {
  user: User;
  isMe: boolean;
  onDone: (notice?: string) => void;
}

/** Roles and groups of one account, edited in place; only what changed is sent. */
export function UserEditor({ user, isMe, onDone }: UserFormProps) {
  const updateUser = useAccess((state) => state.updateUser);
  const [roles, setRoles] = useState<RoleName[]>(user.roles);
  const [groups, setGroups] = useState(formatGroups(user.groups));
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nextGroups = parseGroups(groups);
    const change = {
      ...(sameItems(roles, user.roles) ? {} : { roles }),
      ...(sameItems(nextGroups, user.groups) ? {} : { groups: nextGroups }),
    };
    if (Object.keys(change).length === 0) return onDone();
    setBusy(true);
    setError(null);
    void updateUser(user.name, change).then((outcome) => {
      setBusy(false);
      if (outcome.ok) onDone();
      else setError(outcome.error);
    });
  };

  return (
    <form className="access-form" onSubmit={submit} aria-label={`Roles and groups of ${user.name}`} data-testid="user-edit-form">
      <div className="access-form-row">
        <RolePicker value={roles} onChange={setRoles} disabled={busy} testId="user-edit-role" />
        <label className="param access-groups">
          <span className="param-label">Groups (comma list)</span>
          <input className="input" spellCheck={false} value={groups} onChange={(event) => setGroups(event.target.value)} disabled={busy} data-testid="user-edit-groups" />
        </label>
      </div>
      {isMe && !roles.includes('admin') && user.roles.includes('admin') && (
        <p className="hint hint-warn">This is your own account: without the admin role you can no longer manage accounts.</p>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="user-edit-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary button-small" disabled={busy || roles.length === 0} data-testid="user-edit-save">
          Save
        </button>
        <button type="button" className="button button-small" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** An administrator sets someone's password (an OS-only account gets one); their sessions end. */
export function SetPasswordForm({ user, isMe, onDone }: UserFormProps) {
  const setPassword = useAccess((state) => state.setPassword);
  const [password, setPasswordText] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passwordProblem(password, again) !== null) return;
    setBusy(true);
    setError(null);
    void setPassword(user.name, password).then((outcome) => {
      setBusy(false);
      if (outcome.ok) onDone(isMe ? 'Password set; your other sessions were signed out.' : `Password set; ${user.name}’s sessions were signed out.`);
      else setError(outcome.error);
    });
  };

  return (
    <form className="access-form" onSubmit={submit} aria-label={`New password for ${user.name}`} data-testid="user-password-form">
      <div className="access-form-row">
        <PasswordFields
          label={`New password for ${user.name}`}
          password={password}
          again={again}
          onChange={(p, a) => {
            setPasswordText(p);
            setAgain(a);
          }}
          disabled={busy}
          testId="user-password-new"
        />
      </div>
      <p className="hint">{isMe ? 'Your other sessions are signed out.' : `${user.name} is signed out everywhere and signs in again with the new password.`}</p>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="user-password-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary button-small" disabled={busy || passwordProblem(password, again) !== null} data-testid="user-password-save">
          Set password
        </button>
        <button type="button" className="button button-small" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
