import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

/** What came from other installations: each object with its source, bundle and time. */
export function ProvenancePanel({ version }: { version: number }) {
  const [rows, setRows] = useState<Output<'transfer.provenance'>>([]);
  const [error, setError] = useState<ClientError | null>(null);
  useEffect(() => {
    call('transfer.provenance', { limit: 200 }).then(setRows, (failure: unknown) => setError(toClientError(failure)));
  }, [version]);
  return (
    <div className="panel" data-testid="transfers-provenance">
      <div className="panel-header">
        <span className="panel-label">Imported objects</span>
        <span className="hint">Where each came from; result slices of runs are not listed.</span>
      </div>
      <div className="table-scroll">
        <table className="table">
          <thead><tr><th>Object</th><th>From</th><th>Bundle</th><th>Imported</th></tr></thead>
          <tbody>
            {rows.length === 0 && <tr><td colSpan={4} className="muted">Nothing imported yet.</td></tr>}
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.key}</td><td>{r.sourceName}</td><td><code>{r.bundleId.slice(0, 8)}</code></td><td>{r.importedBy}, {r.importedAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
