import { useState } from 'react';
import type { ClientError } from '../../api/client.js';
import { useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { canShareWorkstation } from './access-form.js';

/** The shared-workstation switch (auth.configure): on, the OS account no longer stands for one person. */
export function WorkstationPanel() {
  const shared = useAccess((state) => state.sharedWorkstation);
  const loadError = useAccess((state) => state.workstationError);
  const users = useAccess((state) => state.users);
  const setShared = useAccess((state) => state.setSharedWorkstation);
  const via = useAuth((state) => state.me?.via);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  // Turned on with no administrator able to sign in by password, nobody could turn it off again.
  const blocked = shared === false && !canShareWorkstation(users);

  const apply = (next: boolean) => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    void setShared(next).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) setError(outcome.error);
    });
  };
  const toggle = (next: boolean) => (next && via === 'os' ? setConfirming(true) : apply(next));

  return (
    <section className="panel access-form" aria-labelledby="access-workstation-title" data-testid="workstation-panel">
      <h2 id="access-workstation-title" className="panel-label">
        Workstation
      </h2>
      <label className="checkbox access-switch">
        <input
          type="checkbox"
          role="switch"
          checked={shared === true}
          disabled={shared === null || busy || confirming || blocked}
          onChange={(event) => toggle(event.target.checked)}
          data-testid="workstation-shared"
        />
        Shared workstation
        <span className={shared ? 'access-state access-state-on' : 'muted'} data-testid="workstation-state">
          {shared === null ? '' : shared ? 'on' : 'off'}
        </span>
      </label>
      <p className="hint">When on, this computer’s OS account is no longer signed in automatically: everyone signs in with a password.</p>
      {blocked && (
        <p className="hint hint-warn" data-testid="workstation-blocked">
          Give an enabled administrator a password first (Users → Set password): otherwise nobody could sign in to turn this off again.
        </p>
      )}
      {confirming && (
        <div className="access-confirm" role="group" aria-label="Turn the shared workstation on">
          <span>You are signed in as this computer’s OS user: turning this on signs you out here, and you sign in again with an account’s password.</span>
          <button type="button" className="button button-small button-danger" onClick={() => apply(true)} data-testid="workstation-confirm">
            Turn on
          </button>
          <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {(error ?? loadError) && <ErrorMessage error={(error ?? loadError) as ClientError} onDismiss={error ? () => setError(null) : undefined} testId="workstation-error" />}
    </section>
  );
}
