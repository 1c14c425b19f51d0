import { useState } from 'react';
import { call } from '../../api/client.js';
import type { IntegrityReport } from '../../api/contract.types.js';
import { reportError } from '../shell/notices.store.js';

const SHOWN_PROBLEMS = 8;

/**
 * Verify an exported audit file (JSONL) held outside this installation — as `enclave audit verify --file` does —
 * by uploading it; the trail's public key file is optional (this installation's key is used without one).
 */
export function VerifyExportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ name: string; report: IntegrityReport } | null>(null);

  const verify = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const content = await file.text();
      const publicKey = key ? await key.text() : undefined;
      setResult({ name: file.name, report: await call('audit.verifyExport', { content, ...(publicKey ? { publicKey } : {}) }) });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const report = result?.report;
  return (
    <section className="panel audit-verify-file" aria-labelledby="audit-verify-title">
      <div className="panel-header">
        <span id="audit-verify-title" className="panel-label">Verify an exported file</span>
        <span className="hint">Hashes, links, order, signed checkpoints and the signed end of a JSONL export</span>
      </div>
      <div className="toolbar">
        <label className="stacked">
          <span className="hint">Exported file (.jsonl)</span>
          <input type="file" accept=".jsonl,application/x-ndjson,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="audit-verify-file" />
        </label>
        <label className="stacked">
          <span className="hint">Public key (.pem, optional: this installation's key otherwise)</span>
          <input type="file" accept=".pem,.key,text/plain" onChange={(e) => setKey(e.target.files?.[0] ?? null)} data-testid="audit-verify-key" />
        </label>
        <button type="button" className="button" disabled={!file || busy} onClick={() => void verify()} data-testid="audit-verify-submit">
          {busy ? 'Verifying…' : 'Verify file'}
        </button>
      </div>
      {result && report && (
        <div className={`integrity integrity-${report.ok ? 'intact' : 'broken'}`} role="status" data-testid="audit-verify-result" data-ok={String(report.ok)}>
          <div className="integrity-body">
            <span>
              <strong>{report.ok ? `${result.name} is intact:` : `${result.name} does not verify:`}</strong> {report.entries.toLocaleString('en-US')} entries,{' '}
              {report.checkpoints.toLocaleString('en-US')} signed checkpoints, key {report.keyId ?? '—'}
            </span>
            {!report.ok && (
              <ul className="integrity-problems" data-testid="audit-verify-problems">
                {report.problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                  <li key={index}>{problem.reason}</li>
                ))}
                {report.problems.length - SHOWN_PROBLEMS + report.truncatedProblems > 0 && (
                  <li>and {report.problems.length - SHOWN_PROBLEMS + report.truncatedProblems} more</li>
                )}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
