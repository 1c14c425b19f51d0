import { useCallback, useEffect, useState } from 'react';
import { call, toClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { formatBytes } from './model-format.js';

type HostStatus = Output<'inference.status'>;

/** Read again while the screen is open: models load on first use by any screen, job or API client. */
const REFRESH_MS = 5_000;

/**
 * What the inference host holds in memory now: per model its threads, sequences, context, the weights and the
 * contexts' KV cache and buffers. Unloading frees the memory; the next call that names the model loads it again.
 */
export function LoadedModels() {
  const canManage = holds(useAuth((state) => state.me), 'models.manage');
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [error, setError] = useState<ReturnType<typeof toClientError> | null>(null);
  const [unloading, setUnloading] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await call('inference.status', {}));
      setError(null);
    } catch (caught) {
      setError(toClientError(caught));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const unload = async (modelId: string): Promise<void> => {
    setUnloading(modelId);
    try {
      await call('inference.unload', { model: modelId });
      await refresh();
    } catch (caught) {
      setError(toClientError(caught));
    } finally {
      setUnloading(null);
    }
  };

  const loaded = status?.loadedModels ?? [];
  const total = loaded.reduce((sum, m) => sum + m.weightsBytes + m.contextBytes, 0);
  return (
    <section className="panel" aria-labelledby="loaded-models-title" data-testid="loaded-models">
      <div className="panel-header">
        <h2 id="loaded-models-title" className="panel-label">In memory</h2>
        {loaded.length > 0 && <span className="screen-subtitle">{formatBytes(total)} in all · {status?.gpu === 'cpu' ? 'CPU' : status?.gpu}</span>}
      </div>
      {error && <ErrorMessage error={error} />}
      {status && loaded.length === 0 && <p className="empty">No model is loaded. A model loads on its first use and stays until unloaded or the app closes.</p>}
      {loaded.length > 0 && (
        <table className="table">
          <thead>
            <tr><th>Model</th><th>Threads</th><th>Sequences</th><th>Context</th><th>Weights</th><th>KV cache and buffers</th>{canManage && <th><span className="visually-hidden">Actions</span></th>}</tr>
          </thead>
          <tbody>
            {loaded.map((m) => (
              <tr key={m.modelId} data-testid="loaded-model">
                <td>{m.name}</td>
                <td>{m.threads}</td>
                <td>{m.sequences}</td>
                <td>{m.contextSize.toLocaleString()} tokens</td>
                <td>{formatBytes(m.weightsBytes)}</td>
                <td>{formatBytes(m.contextBytes)}</td>
                {canManage && (
                  <td>
                    <button type="button" className="button" disabled={unloading === m.modelId} onClick={() => void unload(m.modelId)}>
                      {unloading === m.modelId ? 'Unloading…' : 'Unload'}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
