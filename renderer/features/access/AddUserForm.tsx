import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { parseGroups, passwordProblem, type RoleName } from './access-form.js';
import { PasswordFields } from './PasswordFields.js';
import { RolePicker } from './RolePicker.js';

/** A new account: name, password (typed twice, or none for an OS-only account), roles and groups. */
export function AddUserForm({ onDone }: { onDone: () => void }) {
  const addUser = useAccess((state) => state.addUser);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [roles, setRoles] = useState<RoleName[]>(['viewer']);
  const [groups, setGroups] = useState('');
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const osOnly = password === '' && again === '';
  const ready = name.trim() !== '' && roles.length > 0 && (osOnly || passwordProblem(password, again) === null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    // The password's strength and the name's spelling are the core's to judge: its message says what to fix.
    void addUser({ name: name.trim(), roles, groups: parseGroups(groups), ...(osOnly ? {} : { password }) }).then((outcome) => {
      setBusy(false);
      if (outcome.ok) onDone();
      else setError(outcome.error);
    });
  };

  return (
    <form className="panel access-form" onSubmit={submit} aria-label="Add a user" data-testid="user-add-form">
      <div className="panel-header">
        <span className="panel-label">New user</span>
      </div>
      <div className="access-form-row">
        <label className="param">
          <span className="param-label">Name</span>
          <input
            className="input"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. ana"
            value={name}
            onChange={(event) => setName(event.target.value)}
            data-testid="user-add-name"
          />
        </label>
        <PasswordFields
          password={password}
          again={again}
          onChange={(p, a) => {
            setPassword(p);
            setAgain(a);
          }}
          disabled={busy}
          testId="user-add-password"
        />
        <label className="param access-groups">
          <span className="param-label">Groups (comma list)</span>
          <input
            className="input"
            spellCheck={false}
            placeholder="e.g. ops, finance"
            value={groups}
            onChange={(event) => setGroups(event.target.value)}
            data-testid="user-add-groups"
          />
        </label>
      </div>
      <RolePicker value={roles} onChange={setRoles} disabled={busy} testId="user-add-role" />
      <p className="hint">
        {osOnly
          ? 'Without a password the account signs in only as the OS user of the same name (CLI, desktop app).'
          : 'Groups decide which documents the account may read (access lists name `group:<name>`).'}
      </p>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="user-add-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || !ready} data-testid="user-add-submit">
          {busy ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
