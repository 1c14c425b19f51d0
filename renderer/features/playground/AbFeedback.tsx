import { useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

/**
 * User feedback for an A/B arm: the outcome the test's monitor watches by default ('feedback', 1 good / 0 bad).
 * The core may roll the test back on it; the reply says so.
 */
export function AbFeedback({ testId, arm }: { testId: string; arm: 'control' | 'candidate' }) {
  const [sent, setSent] = useState<{ value: number; rolledBack: boolean } | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (value: number) => {
    setBusy(true);
    try {
      const reply = await call('prompts.ab.record', { testId, arm, metric: 'feedback', value });
      setSent({ value, rolledBack: reply.autoRolledBack });
      setError(null);
    } catch (failure) {
      setError(toClientError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ab-feedback" data-testid="ab-feedback">
      {sent === null ? (
        <>
          <span className="muted">Was this answer good? Your vote counts for the {arm} arm.</span>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void send(1)} data-testid="ab-feedback-good">
            Good
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void send(0)} data-testid="ab-feedback-bad">
            Not good
          </button>
        </>
      ) : (
        <span className="muted" data-testid="ab-feedback-sent">
          Recorded ({sent.value === 1 ? 'good' : 'not good'}) for the {arm} arm.
          {sent.rolledBack ? ' The arm fell below its threshold: the test was rolled back automatically.' : ''}
        </span>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
