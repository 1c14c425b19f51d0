import { useState } from 'react';
import { call, runJob, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { fileToBase64, MAX_UPLOAD_BYTES } from './bundle-bytes.js';

type Preview = Output<'transfer.inspect'>;

/** Upload a bundle: see who signed it and what each object would do, then merge it in one go. */
export function ImportPanel({ canImport, onImported }: { canImport: boolean; onImported: () => void }) {
  const [picked, setPicked] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [merged, setMerged] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  const take = async (file: File | undefined) => {
    setError(null);
    setPreview(null);
    setMerged(null);
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) return setError(toClientError(new Error(`${file.name} is larger than 11 MiB; import it with the CLI (enclave bundle import FILE).`)));
    const content = await fileToBase64(file);
    setPicked({ name: file.name, content });
    setBusy(true);
    try {
      setPreview(await call('transfer.inspect', { content }));
    } catch (failure) {
      setError(toClientError(failure));
    } finally {
      setBusy(false);
    }
  };

  const merge = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      const result = await runJob('transfer.import', { content: picked.content, dryRun: false });
      setPreview(result);
      setMerged(result.merged);
      onImported();
    } catch (failure) {
      setError(toClientError(failure));
    } finally {
      setBusy(false);
    }
  };

  const trusted = preview?.source.trustedAs ?? null;
  const blocked = !preview || trusted === null || preview.counts.corrupt > 0 || preview.counts.new === 0;
  // A run's result slices are many and alike: listed only when something is wrong with them.
  const rows = preview?.objects.filter((o) => o.kind !== 'eval-results' || o.status !== 'new' && o.status !== 'exists') ?? [];

  return (
    <div className="panel transfers-import" data-testid="transfers-import">
      <div className="panel-header">
        <span className="panel-label">Import a bundle</span>
        <span className="hint">Every object is checked against the signed manifest before anything is shown as mergeable.</span>
      </div>
      <input type="file" aria-label="Bundle file" accept=".bundle,application/octet-stream" onChange={(e) => void take(e.target.files?.[0])} data-testid="transfers-import-file" />
      {busy && <span className="hint">Checking…</span>}
      {preview && (
        <div className="transfers-preview" data-testid="transfers-preview">
          <p>
            Signed by{' '}
            {trusted === null ? <strong className="transfers-untrusted" data-testid="transfers-untrusted">an installation you do not trust</strong> : <strong data-testid="transfers-signer">{trusted}</strong>}
            {' '}({preview.source.name || 'unnamed'}), fingerprint <code className="hash" data-testid="transfers-fingerprint">{preview.source.display}</code>
            {preview.encrypted && ', encrypted for this installation'}
          </p>
          <p data-testid="transfers-counts">
            {preview.counts.new} new · {preview.counts.exists} already here · {preview.counts.conflict} conflict(s) · {preview.counts.corrupt} corrupt
          </p>
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th>Status</th><th>Kind</th><th>Object</th><th>Why</th></tr></thead>
              <tbody>
                {rows.map((o) => (
                  <tr key={o.key} className={`transfers-status-${o.status}`} data-testid="transfers-object">
                    <td>{o.status}</td><td>{o.kind}</td><td>{o.key}</td><td className="muted">{o.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {trusted === null && <NoticeBox kind="info" lines={[]} message="Compare this fingerprint with the sender over another channel; an administrator then adds their key under Trust. Until then the bundle cannot be imported." />}
          {canImport && (
            <button type="button" className="button" disabled={blocked || busy || merged !== null} onClick={() => void merge()} data-testid="transfers-import-button">
              Import {preview.counts.new} new object(s)
            </button>
          )}
        </div>
      )}
      {merged !== null && <NoticeBox kind="info" lines={[]} message={`Imported ${merged} object(s); conflicts were left as they are.`} testId="transfers-imported" />}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="transfers-import-error" />}
    </div>
  );
}
