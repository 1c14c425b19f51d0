import { useState, type ChangeEvent, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { reportError, reportInfo } from '../shell/notices.store.js';

type Added = Output<'endpoints.add'>;

interface AddEndpointFormProps {
  onAdded: (added: Added) => void;
}

const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/**
 * Registers an OpenAI-compatible endpoint. The API key is typed here once: it is sent with the add call, sealed by
 * the core at once, and never comes back (the list shows only "sealed"); the field is cleared after saving.
 */
export function AddEndpointForm({ onAdded }: AddEndpointFormProps) {
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [caPem, setCaPem] = useState<{ file: string; pem: string } | null>(null);
  const [timeoutMs, setTimeoutMs] = useState('');
  const [concurrency, setConcurrency] = useState('');
  const [tpm, setTpm] = useState('');
  const [rpm, setRpm] = useState('');
  const [discover, setDiscover] = useState(true);
  const [busy, setBusy] = useState(false);

  const readCa = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return setCaPem(null);
    void file.text().then((pem) => setCaPem({ file: file.name, pem }), reportError);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const added = await call('endpoints.add', {
        name: name.trim(), baseUrl: baseUrl.trim(), discover,
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
        ...(caPem ? { caPem: caPem.pem } : {}),
        ...(numberOrUndefined(timeoutMs) !== undefined ? { timeoutMs: numberOrUndefined(timeoutMs) } : {}),
        ...(numberOrUndefined(concurrency) !== undefined ? { maxConcurrency: numberOrUndefined(concurrency) } : {}),
        ...(numberOrUndefined(tpm) !== undefined ? { tpm: numberOrUndefined(tpm) } : {}),
        ...(numberOrUndefined(rpm) !== undefined ? { rpm: numberOrUndefined(rpm) } : {}),
      });
      setApiKey('');
      setName('');
      setBaseUrl('');
      setCaPem(null);
      const found = added.discovered ?? [];
      reportInfo(
        `Endpoint ${added.endpoint.name} added${added.endpoint.hasApiKey ? '; its API key is sealed and will not be shown again' : ''}.`,
        found.length > 0 ? [`New models, pending approval on the Models screen: ${found.map((m) => m.name).join(', ')}`] : [],
      );
      onAdded(added);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel settings-panel" onSubmit={(event) => void submit(event)} data-testid="endpoint-add-form">
      <span className="panel-label">Add an endpoint</span>
      <p className="hint">
        An OpenAI-compatible server on your own network (vLLM, llama.cpp&apos;s llama-server, TGI). Enclave connects to it — and to no other host
        or port — once it is added; its models appear as <code>NAME/MODEL</code> and wait for approval like imported ones.
      </p>
      <div className="param-grid">
        <label className="param">
          <span className="param-label">Name</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="cluster" required data-testid="endpoint-name" />
        </label>
        <label className="param">
          <span className="param-label">URL</span>
          <input className="input" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://llm.cluster.lan:8443" required data-testid="endpoint-url" />
        </label>
        <label className="param" title="Shown only while you type it: sealed at rest when saved, never returned, logged or audited">
          <span className="param-label">API key (optional)</span>
          <input className="input" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} data-testid="endpoint-api-key" />
        </label>
        <label className="param" title="A private certificate authority (PEM) that signed the server's certificate">
          <span className="param-label">CA certificate (optional)</span>
          <input type="file" accept=".pem,.crt,.cer" onChange={readCa} data-testid="endpoint-ca" />
        </label>
        <label className="param" title="The longest the server may stay silent, in milliseconds (default 60000)">
          <span className="param-label">Timeout (ms)</span>
          <input className="input input-small" value={timeoutMs} onChange={(e) => setTimeoutMs(e.target.value)} placeholder="60000" data-testid="endpoint-timeout" />
        </label>
        <label className="param" title="Requests sent at once (default 4)">
          <span className="param-label">Concurrency</span>
          <input className="input input-small" value={concurrency} onChange={(e) => setConcurrency(e.target.value)} placeholder="4" data-testid="endpoint-concurrency" />
        </label>
        <label className="param" title="Tokens per minute the gateway allows this endpoint (empty: no limit)">
          <span className="param-label">TPM</span>
          <input className="input input-small" value={tpm} onChange={(e) => setTpm(e.target.value)} data-testid="endpoint-tpm" />
        </label>
        <label className="param" title="Requests per minute the gateway allows this endpoint (empty: no limit)">
          <span className="param-label">RPM</span>
          <input className="input input-small" value={rpm} onChange={(e) => setRpm(e.target.value)} data-testid="endpoint-rpm" />
        </label>
        <label className="param">
          <span className="param-label">Discover its models now</span>
          <input type="checkbox" checked={discover} onChange={(e) => setDiscover(e.target.checked)} data-testid="endpoint-discover-now" />
        </label>
      </div>
      {caPem && <p className="hint">CA: {caPem.file}</p>}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="endpoint-add">
          {busy ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
    </form>
  );
}
