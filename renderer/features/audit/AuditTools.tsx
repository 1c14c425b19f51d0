import { useRef, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { downloadText } from '../datasets/download.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

type Format = 'jsonl' | 'cef';

/** Export the trail (JSON lines or CEF for a SIEM) and show the key that verifies its signatures. */
export function AuditTools() {
  const [exporting, setExporting] = useState<Format | null>(null);
  const [exported, setExported] = useState<Output<'audit.export'> | null>(null);
  const [publicKey, setPublicKey] = useState<Output<'audit.publicKey'> | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const pemArea = useRef<HTMLTextAreaElement>(null);

  async function exportAs(format: Format) {
    setExporting(format);
    setError(null);
    try {
      const result = await call('audit.export', { format, withContent: true });
      // The file is also kept on the server; the browser saves its own copy where its user keeps downloads.
      if (result.content !== undefined) downloadText(result.path.split(/[\\/]/).pop() ?? `audit.${format}`, result.content, format === 'jsonl' ? 'application/x-ndjson' : 'text/plain');
      setExported(result);
    } catch (failure) {
      setError(toClientError(failure));
    } finally {
      setExporting(null);
    }
  }

  async function togglePublicKey() {
    if (publicKey) return setPublicKey(null);
    setError(null);
    setCopied(false);
    try {
      setPublicKey(await call('audit.publicKey', {}));
    } catch (failure) {
      setError(toClientError(failure));
    }
  }

  async function copy() {
    if (!publicKey) return;
    try {
      await navigator.clipboard.writeText(publicKey.pem);
      setCopied(true);
    } catch {
      // No clipboard access (an insecure origin): select the text so Ctrl+C copies it.
      pemArea.current?.select();
    }
  }

  return (
    <div className="panel audit-tools">
      <div className="toolbar">
        <span className="panel-label">Export</span>
        <button type="button" className="button" onClick={() => void exportAs('jsonl')} disabled={exporting !== null} data-testid="audit-export-jsonl">
          {exporting === 'jsonl' ? 'Exporting…' : 'JSONL'}
        </button>
        <button type="button" className="button" onClick={() => void exportAs('cef')} disabled={exporting !== null} data-testid="audit-export-cef">
          {exporting === 'cef' ? 'Exporting…' : 'CEF'}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void togglePublicKey()} aria-expanded={publicKey !== null} data-testid="audit-public-key">
          {publicKey ? 'Hide public key' : 'Public key'}
        </button>
      </div>
      {exported && (
        <p className="hint audit-export-result" data-testid="audit-export-result" data-path={exported.path}>
          {exported.entries.toLocaleString('en-US')} entries and {exported.checkpoints.toLocaleString('en-US')} checkpoints ({exported.format.toUpperCase()},{' '}
          {exported.bytes.toLocaleString('en-US')} bytes) downloaded, and kept on the server in <code className="audit-path">{exported.path}</code>
        </p>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="audit-tools-error" />}
      {publicKey && (
        <div className="stacked">
          <span className="hint">
            {publicKey.algorithm} key {publicKey.keyId}: give it to whoever verifies an export, so they need nothing from this machine.
          </span>
          <textarea ref={pemArea} className="textarea audit-pem" readOnly value={publicKey.pem} rows={4} data-testid="audit-public-key-pem" />
          <div className="actions">
            <button type="button" className="button button-small" onClick={() => void copy()} data-testid="audit-public-key-copy">
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
