import { useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { reportError } from '../shell/notices.store.js';

type Scan = Output<'guard.scan'>;

/** Largest upload read into the box: the core scans at most 1,000,000 characters. */
const MAX_FILE_BYTES = 1_000_000;

/** Scan a pasted or uploaded text with the guardrails: PII and secrets (and the text redacted), prompt injection. */
export function GuardScreen() {
  const [text, setText] = useState('');
  const [source, setSource] = useState<'user' | 'document'>('user');
  const [redact, setRedact] = useState<'tag' | 'mask'>('tag');
  const [busy, setBusy] = useState(false);
  const [scan, setScan] = useState<{ text: string; result: Scan } | null>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      reportError(new Error(`${file.name} is ${Math.round(file.size / 1000)} kB; the scan takes at most 1 MB of text. Scan a part of it.`));
      return;
    }
    setText(await file.text());
    // A file is usually content from elsewhere: judge it as a document unless the person says otherwise.
    setSource('document');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setScan({ text, result: await call('guard.scan', { text, source, redact }) });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen" aria-labelledby="guard-title">
      <div className="screen-header">
        <h1 id="guard-title" className="screen-title">
          Guard
        </h1>
        <span className="screen-subtitle">Check a text for personal data, secrets and prompt injection before it goes anywhere</span>
      </div>
      <form className="panel guard-form" onSubmit={(event) => void submit(event)} aria-label="Scan a text">
        <label className="stacked">
          <span className="panel-label">Text</span>
          <textarea className="textarea textarea-tall" value={text} onChange={(e) => setText(e.target.value)} placeholder="Paste a prompt, an answer or a document" data-testid="guard-text" />
        </label>
        <div className="toolbar">
          <label className="stacked">
            <span className="guard-caption">Or upload a text file</span>
            <input type="file" accept=".txt,.md,.csv,.json,.jsonl,.log,.html,.xml,text/*" onChange={(e) => void upload(e.target.files?.[0])} data-testid="guard-file" />
          </label>
          <label className="stacked">
            <span className="guard-caption">The text is</span>
            <select className="select" value={source} onChange={(e) => setSource(e.target.value as 'user' | 'document')} data-testid="guard-source">
              <option value="user">a user's message (direct injection)</option>
              <option value="document">a document or retrieved passage (indirect injection)</option>
            </select>
          </label>
          <label className="stacked">
            <span className="guard-caption">Redact as</span>
            <select className="select" value={redact} onChange={(e) => setRedact(e.target.value as 'tag' | 'mask')} data-testid="guard-redact">
              <option value="tag">type tags (&lt;EMAIL_ADDRESS&gt;)</option>
              <option value="mask">masks (****)</option>
            </select>
          </label>
          <span className="spacer" />
          <button type="submit" className="button button-primary" disabled={busy || text.trim() === ''} data-testid="guard-scan">
            {busy ? 'Scanning…' : 'Scan'}
          </button>
        </div>
      </form>
      {scan && <ScanResult text={scan.text} result={scan.result} />}
    </section>
  );
}

function ScanResult({ text, result }: { text: string; result: Scan }) {
  const { injection, findings } = result;
  return (
    <section className="panel guard-result" aria-label="Scan result" data-testid="guard-result">
      <div className="guard-verdicts">
        <span className={injection.detected ? 'tag verdict-bad' : 'tag verdict-ok'} data-testid="guard-injection" data-detected={injection.detected}>
          {injection.detected ? 'Prompt injection' : 'No prompt injection'} · score {injection.score.toFixed(2)}
        </span>
        <span className={findings.length > 0 ? 'tag verdict-warn' : 'tag verdict-ok'} data-testid="guard-findings-count">
          {findings.length === 0 ? 'No personal data or secrets' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`}
        </span>
      </div>
      {injection.reasons.length > 0 && (
        <ul className="guard-reasons" data-testid="guard-reasons">
          {injection.reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      )}
      {findings.length > 0 && (
        <table className="table" data-testid="guard-findings">
          <thead>
            <tr><th>Type</th><th>Found</th><th>Where</th><th>Score</th></tr>
          </thead>
          <tbody>
            {findings.map((f, index) => (
              <tr key={index} data-testid="guard-finding" data-type={f.type}>
                <td>{f.type}</td>
                <td className="guard-match">{text.slice(f.start, f.end)}</td>
                <td>characters {f.start}–{f.end}</td>
                <td>{f.score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <span className="panel-label">Redacted</span>
      <pre className="guard-redacted" data-testid="guard-redacted">{result.redacted}</pre>
    </section>
  );
}
