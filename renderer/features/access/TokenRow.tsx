import { useState } from 'react';
import type { ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess } from './access.store.js';
import { tokenState, whenText, type ApiToken } from './access-form.js';

export function TokenRow({ token, now, columns }: { token: ApiToken; now: number; columns: number }) {
  const revokeToken = useAccess((state) => state.revokeToken);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const state = tokenState(token, now);

  const revoke = () => {
    setBusy(true);
    setError(null);
    void revokeToken(token.id).then((outcome) => {
      setBusy(false);
      setConfirming(false);
      if (!outcome.ok) setError(outcome.error);
    });
  };

  return (
    <>
      <tr data-testid="token-row" data-token-name={token.name} data-token-id={token.id}>
        <td className="cell-name">{token.name}</td>
        <td>{token.user}</td>
        <td className="access-wrap" data-testid="token-permissions">
          {token.permissions.map((permission) => (
            <span key={permission} className="access-chip">
              {permission}
            </span>
          ))}
        </td>
        <td>{whenText(token.createdAt)}</td>
        <td>{whenText(token.expiresAt)}</td>
        <td>{whenText(token.lastUsedAt)}</td>
        <td data-testid="token-state">
          <span className={state === 'active' ? 'access-state access-state-on' : 'access-state access-state-off'} title={token.revokedAt ? `Revoked ${whenText(token.revokedAt)}` : undefined}>
            {state}
          </span>
        </td>
        <td className="cell-actions">
          {state !== 'active' ? null : confirming ? (
            <span className="confirm">
              Revoke?
              <button type="button" className="button button-small button-danger" disabled={busy} onClick={revoke} data-testid="token-revoke-confirm">
                Yes
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                No
              </button>
            </span>
          ) : (
            <button type="button" className="row-action row-action-danger" onClick={() => setConfirming(true)} data-testid="token-revoke">
              Revoke
            </button>
          )}
        </td>
      </tr>
      {error && (
        <tr className="access-beneath">
          <td colSpan={columns}>
            <ErrorMessage error={error} onDismiss={() => setError(null)} testId="token-row-error" />
          </td>
        </tr>
      )}
    </>
  );
}
