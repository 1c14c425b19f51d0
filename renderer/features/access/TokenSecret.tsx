import { useRef, useState } from 'react';
import type { CreatedToken } from './access-form.js';

/**
 * A new token's secret, shown this once: the core keeps only its digest. It lives in the screen's own state, so
 * leaving the screen or pressing Done forgets it for good.
 */
export function TokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copyIt = () => {
    const select = () => input.current?.select();
    if (!navigator.clipboard) {
      select();
      return setCopy('failed');
    }
    navigator.clipboard.writeText(created.token).then(
      () => setCopy('copied'),
      () => {
        select();
        setCopy('failed');
      },
    );
  };

  return (
    <div className="access-secret" role="region" aria-label={`Secret of the token ${created.name}`} data-testid="token-secret">
      <strong className="access-secret-warning">
        Copy the token “{created.name}” now: this is the only time it is shown. Enclave keeps only a digest of it; if it is lost, revoke it and create another.
      </strong>
      <div className="access-secret-line">
        <input
          ref={input}
          className="input access-secret-value"
          readOnly
          aria-label="Token secret"
          value={created.token}
          onFocus={(event) => event.target.select()}
          data-testid="token-secret-value"
        />
        <button type="button" className="button button-primary" onClick={copyIt} data-testid="token-secret-copy">
          Copy
        </button>
        <button type="button" className="button" onClick={onDone} data-testid="token-secret-done">
          Done
        </button>
      </div>
      <span className="hint" role="status" data-testid="token-secret-copy-status">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'failed'
            ? 'The clipboard is not available here: the token is selected, copy it with Ctrl+C.'
            : 'Send it as `Authorization: Bearer <token>` with POST /rpc/<method>; it may do only what its permissions allow.'}
      </span>
    </div>
  );
}
