import { useEffect, useState, type FormEvent } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { downloadBytes } from './bundle-bytes.js';

type Self = Output<'transfer.trust.self'>;
type Trusted = Output<'transfer.trust.list'>;

/** This installation's key (to hand to the other side) and the installations whose bundles this one accepts. */
export function TrustPanel({ canManage, onChanged }: { canManage: boolean; onChanged: () => void }) {
  const [self, setSelf] = useState<Self | null>(null);
  const [trusted, setTrusted] = useState<Trusted>([]);
  const [name, setName] = useState('');
  const [keyFile, setKeyFile] = useState<{ name: string; text: string } | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [error, setError] = useState<ClientError | null>(null);

  const refresh = async () => {
    try {
      const [me, list] = await Promise.all([call('transfer.trust.self', {}), call('transfer.trust.list', {})]);
      setSelf(me);
      setTrusted(list);
    } catch (failure) {
      setError(toClientError(failure));
    }
  };
  useEffect(() => void refresh(), []);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!keyFile) return;
    setError(null);
    try {
      await call('transfer.trust.add', { name: name.trim(), keyFile: keyFile.text, ...(fingerprint.trim() ? { expectFingerprint: fingerprint.trim() } : {}) });
      setName('');
      setKeyFile(null);
      setFingerprint('');
      await refresh();
      onChanged();
    } catch (failure) {
      setError(toClientError(failure));
    }
  };

  const remove = async (entry: string) => {
    setError(null);
    try {
      await call('transfer.trust.remove', { name: entry });
      await refresh();
      onChanged();
    } catch (failure) {
      setError(toClientError(failure));
    }
  };

  return (
    <div className="panel transfers-trust" data-testid="transfers-trust">
      <div className="panel-header">
        <span className="panel-label">Trust</span>
        <span className="hint">Bundles are merged only from installations listed here. Compare a key's fingerprint with its sender over another channel before adding it.</span>
      </div>
      {self && (
        <p className="transfers-self" data-testid="transfers-self">
          This installation ({self.name}): <code className="hash" data-testid="transfers-self-fingerprint">{self.display}</code>{' '}
          <button type="button" className="button button-small" onClick={() => downloadBytes(`${self.name}.enclave-key`, self.keyFile, 'application/json')} data-testid="transfers-self-download">
            Download key file
          </button>
        </p>
      )}
      <table className="table" data-testid="transfers-trust-table">
        <thead>
          <tr><th>Name</th><th>Fingerprint</th><th>Added</th>{canManage && <th />}</tr>
        </thead>
        <tbody>
          {trusted.length === 0 && (
            <tr><td colSpan={4} className="muted">No installation is trusted yet.</td></tr>
          )}
          {trusted.map((t) => (
            <tr key={t.name} data-testid={`transfers-trusted-${t.name}`}>
              <td>{t.name}</td>
              <td><code className="hash">{t.display}</code></td>
              <td>{t.addedBy}, {t.addedAt.slice(0, 16).replace('T', ' ')}</td>
              {canManage && <td><button type="button" className="button button-small" onClick={() => void remove(t.name)}>Remove</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && (
        <form className="toolbar" onSubmit={(e) => void add(e)} aria-label="Trust an installation">
          <input className="input" placeholder="Name (e.g. high-side)" value={name} onChange={(e) => setName(e.target.value)} data-testid="transfers-trust-name" required />
          <input type="file" aria-label="Key file of the installation" accept=".enclave-key,.json,.key,application/json" onChange={(e) => void e.target.files?.[0]?.text().then((text) => setKeyFile({ name: e.target.files?.[0]?.name ?? '', text }))} data-testid="transfers-trust-file" />
          <input className="input" placeholder="Fingerprint read out by the sender (optional)" value={fingerprint} onChange={(e) => setFingerprint(e.target.value)} />
          <button type="submit" className="button" disabled={!keyFile || name.trim() === ''} data-testid="transfers-trust-add">Trust</button>
        </form>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
