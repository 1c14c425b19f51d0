import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError, reportInfo } from '../shell/notices.store.js';
import { AddEndpointForm } from './AddEndpointForm.js';

type Endpoint = Output<'endpoints.list'>[number];
type Health = Endpoint['health'];

function healthCell(health: Health) {
  if (!health) return <span className="hint">not tested</span>;
  if (health.ok) return <span className="status-ok" title={`Tested ${new Date(health.at).toLocaleString()}`}>ok · {health.latencyMs} ms</span>;
  return <span className="approval-rejected" title={health.error?.message}>failing · {health.error?.code}</span>;
}

function tlsText(e: Endpoint): string {
  if (!e.baseUrl.startsWith('https:')) return 'plain HTTP';
  if (!e.rejectUnauthorized) return 'NOT VERIFIED';
  return e.hasCa ? 'private CA' : 'system CAs';
}

function limitsText(e: Endpoint): string {
  return [`${e.maxConcurrency} at once`, e.tpm && `${e.tpm.toLocaleString('en-US')} TPM`, e.rpm && `${e.rpm.toLocaleString('en-US')} RPM`, `${e.timeoutMs / 1000} s timeout`].filter(Boolean).join(' · ');
}

/** Remote endpoints: their health and latency, adding one (the key typed once), discovering models, removing one. */
export function EndpointsScreen() {
  const me = useAuth((state) => state.me);
  const canManage = holds(me, 'endpoints.manage');
  const [endpoints, setEndpoints] = useState<Endpoint[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(() => void call('endpoints.list', {}).then(setEndpoints, reportError), []);
  useEffect(load, [load]);

  const act = async (name: string, what: string, run: () => Promise<void>) => {
    setBusy(`${what}:${name}`);
    try {
      await run();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
      load();
    }
  };
  const test = (name: string) => act(name, 'test', async () => {
    const health = await call('endpoints.test', { name });
    if (health.ok) reportInfo(`${name} answered in ${health.latencyMs} ms with ${health.models.length} model(s): ${health.models.join(', ')}`);
    else reportError({ code: health.error?.code ?? 'ENDPOINT_UNREACHABLE', message: health.error?.message ?? 'failing' });
  });
  const discover = (name: string) => act(name, 'discover', async () => {
    const found = await call('endpoints.discover', { name });
    reportInfo(found.added.length > 0 ? `New models from ${name}, pending approval on the Models screen: ${found.added.map((m) => m.name).join(', ')}` : `No new models on ${name}`,
      found.gone.length > 0 ? [`No longer listed by ${name}: ${found.gone.join(', ')}`] : []);
  });
  const remove = (name: string) => act(name, 'remove', async () => {
    setConfirming(null);
    const removed = await call('endpoints.remove', { name });
    reportInfo(`Endpoint ${name} removed; Enclave no longer connects to it.`, removed.modelsRemoved.length > 0 ? [`Its models left the library: ${removed.modelsRemoved.join(', ')}`] : []);
  });

  return (
    <section className="screen" aria-labelledby="endpoints-title">
      <div className="screen-header">
        <h1 id="endpoints-title" className="screen-title">
          Endpoints
        </h1>
        <span className="screen-subtitle">Remote OpenAI-compatible servers whose models run through the gateway</span>
      </div>
      <div className="table-scroll">
        <table className="table" data-testid="endpoint-table">
          <thead>
            <tr>
              {['Name', 'URL', 'API key', 'TLS', 'Models', 'Health', 'Limits', 'Actions'].map((c) => (
                <th key={c} className={c === 'Models' ? 'cell-number' : undefined}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {endpoints?.length === 0 && (
              <tr>
                <td colSpan={8} className="hint">No endpoints: Enclave runs local models only and connects to nothing outside this machine.</td>
              </tr>
            )}
            {endpoints?.map((e) => (
              <tr key={e.id} data-testid="endpoint-row" data-endpoint-name={e.name}>
                <td className="cell-name">{e.name}</td>
                <td className="cell-mono">{e.baseUrl}</td>
                <td>{e.hasApiKey ? 'sealed' : 'none'}</td>
                <td>{tlsText(e)}</td>
                <td className="cell-number">{e.models}</td>
                <td data-testid="endpoint-health">{healthCell(e.health)}</td>
                <td className="hint">{limitsText(e)}</td>
                <td className="cell-actions">
                  <button type="button" className="button" disabled={busy !== null} onClick={() => void test(e.name)} data-testid="endpoint-test">
                    {busy === `test:${e.name}` ? 'Testing…' : 'Test'}
                  </button>
                  {canManage && (
                    <button type="button" className="button" disabled={busy !== null} onClick={() => void discover(e.name)} data-testid="endpoint-discover">
                      {busy === `discover:${e.name}` ? 'Discovering…' : 'Discover'}
                    </button>
                  )}
                  {canManage && (confirming === e.name ? (
                    <span className="confirm">
                      <button type="button" className="button button-danger" onClick={() => void remove(e.name)} data-testid="endpoint-remove-confirm">Remove {e.name}</button>
                      <button type="button" className="button" onClick={() => setConfirming(null)}>Keep</button>
                    </span>
                  ) : (
                    <button type="button" className="button" disabled={busy !== null} onClick={() => setConfirming(e.name)} data-testid="endpoint-remove">Remove</button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && <AddEndpointForm onAdded={load} />}
    </section>
  );
}
