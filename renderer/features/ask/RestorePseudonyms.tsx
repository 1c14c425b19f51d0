import { useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

/** Pseudonyms such as <PERSON_3f9a1c0b2e>, as the guard's pseudonym mode writes them. */
const PSEUDONYM = /<[A-Z][A-Z0-9_]*_[0-9a-f]{10}>/;

/**
 * For a caller allowed to restore personal data: the answer with its pseudonyms replaced by the original values.
 * The restored text is shown here only, never stored; the core records that it was restored, not what.
 */
export function RestorePseudonyms({ traceId, text }: { traceId: string; text: string }) {
  const me = useAuth((state) => state.me);
  const [restored, setRestored] = useState<string | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!PSEUDONYM.test(text) || !holds(me, 'guard.restore')) return null;

  const restore = async () => {
    setBusy(true);
    try {
      setRestored((await call('guard.restore', { scope: traceId, text })).text);
      setError(null);
    } catch (failure) {
      setError(toClientError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="restore-pseudonyms" data-testid="restore-pseudonyms">
      {restored === null ? (
        <button type="button" className="button button-small" disabled={busy} onClick={() => void restore()} data-testid="restore-pseudonyms-button">
          Show the personal data behind the pseudonyms (recorded on the audit trail)
        </button>
      ) : (
        <>
          <span className="panel-label">Restored view</span>
          <p className="restored-text" data-testid="restored-text">
            {restored}
          </p>
          <button type="button" className="button button-small" onClick={() => setRestored(null)}>
            Hide
          </button>
        </>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
