import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { newTokenForm, tokenParams, toggled, type CreatedToken, type TokenForm } from './access-form.js';

/** A new API token for the caller: a name, some of the caller's own permissions, and how many days it lasts. */
export function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: CreatedToken) => void; onCancel: () => void }) {
  const createToken = useAccess((state) => state.createToken);
  // A token can do at most what its creator may do: the boxes offered are the caller's permissions.
  const held = useAuth((state) => state.me?.permissions ?? []);
  const [form, setForm] = useState<TokenForm>(newTokenForm);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    void createToken(tokenParams(form, held)).then((outcome) => {
      setBusy(false);
      if (outcome.ok) onCreated(outcome.value);
      else setError(outcome.error);
    });
  };

  return (
    <form className="panel access-form" onSubmit={submit} aria-label="New API token" data-testid="token-create-form">
      <div className="panel-header">
        <span className="panel-label">New API token</span>
      </div>
      <div className="access-form-row">
        <label className="param">
          <span className="param-label">Name</span>
          <input
            className="input"
            autoFocus
            spellCheck={false}
            placeholder="e.g. ci-nightly-eval"
            value={form.name}
            onChange={(event) => setForm({ ...form, name: event.target.value })}
            data-testid="token-name"
          />
        </label>
        <label className="param">
          <span className="param-label">Expires after (days)</span>
          <input
            className="input param-narrow"
            type="number"
            min={1}
            max={3650}
            step={1}
            placeholder="never"
            value={form.days}
            onChange={(event) => setForm({ ...form, days: event.target.value })}
            data-testid="token-days"
          />
        </label>
      </div>
      <fieldset className="access-choices" disabled={busy}>
        <legend className="param-label">
          Permissions (yours: a token cannot do more than you may){' '}
          <button type="button" className="link-button" onClick={() => setForm({ ...form, permissions: [...held] })}>
            all
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setForm({ ...form, permissions: [] })}>
            none
          </button>
        </legend>
        <div className="access-permission-grid">
          {held.map((permission) => (
            <label key={permission} className="checkbox access-permission">
              <input
                type="checkbox"
                checked={form.permissions.includes(permission)}
                onChange={(event) => setForm({ ...form, permissions: toggled(held, form.permissions, permission, event.target.checked) })}
                data-testid={`token-permission-${permission}`}
              />
              {permission}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="hint">Leave the days empty for a token that does not expire. Every call it makes is on the audit trail as yours.</p>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="token-create-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="token-create-submit">
          {busy ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
