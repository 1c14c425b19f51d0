import { useState, type ReactNode } from 'react';
import type { ClientError } from '../../api/client.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { formatGroups, whenText, type User } from './access-form.js';
import { SetPasswordForm, UserEditor } from './UserForms.js';

type Mode = 'view' | 'edit' | 'password' | 'disable';

interface UserRowProps {
  user: User;
  isMe: boolean;
  manage: boolean;
  /** The table's column count, for the rows that open beneath this one. */
  columns: number;
}

export function UserRow({ user, isMe, manage, columns }: UserRowProps) {
  const setDisabled = useAccess((state) => state.setDisabled);
  const [mode, setMode] = useState<Mode>('view');
  const [error, setError] = useState<ClientError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (next: Mode) => {
    setError(null);
    setNotice(null);
    setMode(next);
  };
  const done = (message?: string) => {
    setMode('view');
    setNotice(message ?? null);
  };
  const changeDisabled = (disabled: boolean) => {
    setBusy(true);
    setError(null);
    void setDisabled(user.name, disabled).then((outcome) => {
      setBusy(false);
      setMode('view');
      if (!outcome.ok) setError(outcome.error);
    });
  };

  const beneath = (content: ReactNode) => (
    <tr className="access-beneath">
      <td colSpan={columns}>{content}</td>
    </tr>
  );

  return (
    <>
      <tr className={mode === 'view' ? undefined : 'row-selected'} data-testid="user-row" data-user={user.name}>
        <td className="cell-name">
          {user.name}
          {isMe && <span className="tag">you</span>}
        </td>
        <td data-testid="user-roles">{user.roles.join(', ')}</td>
        <td className="access-wrap" data-testid="user-groups">
          {user.groups.length > 0 ? formatGroups(user.groups) : <span className="muted">—</span>}
        </td>
        <td data-testid="user-state">
          <span className={user.disabled ? 'access-state access-state-off' : 'access-state access-state-on'}>{user.disabled ? 'disabled' : 'enabled'}</span>
        </td>
        <td data-testid="user-password" title={user.hasPassword ? undefined : 'Signs in only as the OS user of the same name (CLI, desktop app)'}>
          {user.hasPassword ? 'yes' : <span className="muted">OS only</span>}
        </td>
        <td>{whenText(user.lastSignInAt)}</td>
        {manage && (
          <td className="cell-actions">
            <button type="button" className="row-action" onClick={() => open('edit')} data-testid="user-edit">
              Roles &amp; groups
            </button>
            <button type="button" className="row-action" onClick={() => open('password')} data-testid="user-set-password">
              Set password
            </button>
            {user.disabled ? (
              <button type="button" className="row-action" disabled={busy} onClick={() => changeDisabled(false)} data-testid="user-enable">
                Enable
              </button>
            ) : (
              <button type="button" className="row-action row-action-danger" onClick={() => open('disable')} data-testid="user-disable">
                Disable
              </button>
            )}
          </td>
        )}
      </tr>
      {mode === 'edit' && beneath(<UserEditor user={user} isMe={isMe} onDone={done} />)}
      {mode === 'password' && beneath(<SetPasswordForm user={user} isMe={isMe} onDone={done} />)}
      {mode === 'disable' &&
        beneath(
          <div className="access-confirm" role="group" aria-label={`Disable ${user.name}`}>
            <span>
              Disable <strong>{user.name}</strong>? {isMe ? 'This is your own account: you are signed out at once, and ' : 'They are signed out everywhere at once, and '}
              their API tokens stop working until the account is enabled again.
            </span>
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => changeDisabled(true)} data-testid="user-disable-confirm">
              Disable
            </button>
            <button type="button" className="button button-small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>,
        )}
      {mode === 'view' && error && beneath(<ErrorMessage error={error} onDismiss={() => setError(null)} testId="user-row-error" />)}
      {mode === 'view' && notice && beneath(<NoticeBox kind="info" message={notice} lines={[]} onDismiss={() => setNotice(null)} testId="user-row-notice" />)}
    </>
  );
}
