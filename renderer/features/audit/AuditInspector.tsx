import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { formatPayload } from './audit-filter.js';
import { OutcomeBadge, auditTimeFormat } from './AuditTable.js';

type FullEntry = Output<'audit.get'>;

interface AuditInspectorProps {
  seq: number;
  onClose: () => void;
}

/** One entry with everything the trail holds on it; the payload is decrypted by the core and shown as text. */
export function AuditInspector({ seq, onClose }: AuditInspectorProps) {
  const [entry, setEntry] = useState<FullEntry | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    let live = true;
    setEntry(null);
    setError(null);
    call('audit.get', { seq }).then(
      (value) => live && setEntry(value),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [seq]);

  const fields: [string, string][] = entry
    ? [
        ['Seq', String(entry.seq)],
        ['Time', `${auditTimeFormat.format(new Date(entry.time))} (${entry.time})`],
        ['Actor', entry.actor],
        ['Action', entry.action],
        ['Target', entry.target || '—'],
        ['Input digest', entry.inputDigest ?? '—'],
        ['Output digest', entry.outputDigest ?? '—'],
        ['Payload digest', entry.payloadDigest ?? '—'],
      ]
    : [];

  return (
    <aside className="inspector audit-inspector" aria-label={`Audit entry ${seq}`} data-testid="audit-inspector" data-seq={seq}>
      <div className="inspector-header">
        <h2 className="inspector-title">
          Entry {seq}
          {entry && (
            <>
              {' '}
              <span className="audit-action">{entry.action}</span> <OutcomeBadge outcome={entry.outcome} />
            </>
          )}
        </h2>
        <button type="button" className="button button-small" onClick={onClose} data-testid="audit-inspector-close">
          Close
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {!entry && !error && <p className="hint">Loading…</p>}
      {entry && (
        <>
          <dl className="fields">
            {fields.map(([label, value]) => (
              <div key={label} className="field">
                <dt>{label}</dt>
                <dd className={label.endsWith('digest') ? 'cell-mono' : undefined}>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="stacked">
            <h3 className="inspector-subtitle">Hash chain</h3>
            <div className="hash-chain" data-testid="audit-chain">
              <span className="hash-label">previous</span>
              <code className="hash" title="The hash of the entry before this one">
                {entry.prevHash}
              </code>
              <span className="hash-arrow" aria-hidden="true">
                ↓
              </span>
              <span className="hash-label">this entry</span>
              <code className="hash" title="Covers the previous hash and every field of this entry">
                {entry.hash}
              </code>
            </div>
          </div>
          <div className="stacked">
            <h3 className="inspector-subtitle">Payload</h3>
            {entry.purged ? (
              <p className="hint" data-testid="audit-payload" data-purged="true">
                Payload purged by retention; its digest above still proves what it was.
              </p>
            ) : entry.payload === null || entry.payload === undefined ? (
              <p className="hint" data-testid="audit-payload" data-purged="false">
                This entry has no payload.
              </p>
            ) : (
              <pre className="code-block audit-payload" data-testid="audit-payload" data-purged="false">
                {formatPayload(entry.payload)}
              </pre>
            )}
          </div>
        </>
      )}
    </aside>
  );
}
