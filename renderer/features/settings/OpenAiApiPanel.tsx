import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError, reportInfo } from '../shell/notices.store.js';

type OpenAiSettings = Output<'openai.settings.get'>;

/**
 * The desktop app's OpenAI-compatible API: off by default; when on, the app serves `/v1` on 127.0.0.1 at the port
 * given, for Enclave API tokens only, from its next start. (`enclave serve` always serves `/v1` beside the UI.)
 */
export function OpenAiApiPanel() {
  const me = useAuth((state) => state.me);
  const canManage = holds(me, 'settings.manage');
  const [saved, setSaved] = useState<OpenAiSettings | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [port, setPort] = useState('');

  useEffect(() => {
    void call('openai.settings.get', {}).then((s) => (setSaved(s), setEnabled(s.enabled), setPort(String(s.port))), reportError);
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const next = await call('openai.settings.update', { enabled, ...(port.trim() === '' ? {} : { port: Number(port) }) });
      setSaved(next);
      setEnabled(next.enabled);
      setPort(String(next.port));
      reportInfo(next.enabled ? `OpenAI-compatible API on: the desktop app serves http://127.0.0.1:${next.port}/v1 from its next start.` : 'OpenAI-compatible API off from the next start.');
    } catch (error) {
      reportError(error);
    }
  };

  if (!saved) return null;
  return (
    <form className="panel settings-panel" onSubmit={(event) => void save(event)} data-testid="openai-api-panel">
      <span className="panel-label">OpenAI-compatible API</span>
      <p className="hint">
        Lets IDEs, scripts and SDKs use the approved models through OpenAI&apos;s API (<code>/v1/chat/completions</code>, <code>/v1/embeddings</code>…) with
        an Enclave API token (Access → tokens, or <code>enclave tokens create</code>). It listens on 127.0.0.1 only; every request passes approval,
        guardrails, quotas and the audit trail like a call from this window. Takes effect when the app starts.
      </p>
      <div className="param-grid">
        <label className="param">
          <span className="param-label">Serve on loopback</span>
          <input type="checkbox" checked={enabled} disabled={!canManage} onChange={(event) => setEnabled(event.target.checked)} data-testid="openai-api-enabled" />
        </label>
        <label className="param" title="A port from 1024 to 65535 on 127.0.0.1">
          <span className="param-label">Port</span>
          <input className="input input-small" value={port} disabled={!canManage} onChange={(event) => setPort(event.target.value)} data-testid="openai-api-port" />
        </label>
      </div>
      {canManage && (
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="openai-api-save">
            Save
          </button>
        </div>
      )}
    </form>
  );
}
