import { useState } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useAccess, type TokenScope } from './access.store.js';
import type { CreatedToken } from './access-form.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { TokenRow } from './TokenRow.js';
import { TokenSecret } from './TokenSecret.js';

const COLUMNS = 8;

/** API tokens for scripts and CI: the caller's own, or with `users.manage` every account's; created, listed, revoked. */
export function TokensPanel({ manage }: { manage: boolean }) {
  const tokens = useAccess((state) => state.tokens);
  const loaded = useAccess((state) => state.tokensLoaded);
  const error = useAccess((state) => state.tokensError);
  const scope = useAccess((state) => state.tokenScope);
  const loadTokens = useAccess((state) => state.loadTokens);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const now = Date.now();

  return (
    <section className="access-section" aria-labelledby="access-tokens-title">
      <div className="panel-header">
        <h2 id="access-tokens-title" className="panel-label">
          API tokens
        </h2>
        <span className="toolbar">
          {manage && (
            <select
              className="select select-small"
              aria-label="Whose tokens"
              value={scope}
              onChange={(event) => void loadTokens(event.target.value as TokenScope)}
              data-testid="token-scope"
            >
              <option value="mine">Mine</option>
              <option value="all">All accounts</option>
            </select>
          )}
          {!creating && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
              data-testid="token-new"
            >
              New token
            </button>
          )}
        </span>
      </div>
      {creating && (
        <CreateTokenForm
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {created && <TokenSecret created={created} onDone={() => setCreated(null)} />}
      {error && <ErrorMessage error={error} testId="tokens-error" />}
      {loaded && !error && tokens.length === 0 && (
        <p className="empty" data-testid="tokens-empty">
          {scope === 'mine' ? 'You have no API tokens.' : 'No account has an API token.'}
        </p>
      )}
      {tokens.length > 0 && !error && (
        <div className="table-scroll">
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>User</th>
                <th>Permissions</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th>State</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <TokenRow key={token.id} token={token} now={now} columns={COLUMNS} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
