import { useEffect, useState } from 'react';
import { call, runJob, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import type { JobResult } from '../../api/contract.types.js';
import { base64ToBytes, downloadBytes } from './bundle-bytes.js';

interface Choices { prompts: string[]; datasets: string[]; runs: Array<{ id: string; name: string }> }
type Picked = Record<keyof Choices, Set<string>>;

/** Choose prompts, datasets and finished eval runs; the signed bundle downloads as one file. */
export function ExportPanel({ recipients }: { recipients: string[] }) {
  const [choices, setChoices] = useState<Choices>({ prompts: [], datasets: [], runs: [] });
  const [picked, setPicked] = useState<Picked>({ prompts: new Set(), datasets: new Set(), runs: new Set() });
  const [recipient, setRecipient] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<JobResult<'transfer.export'> | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    Promise.all([call('prompts.list', {}), call('eval.datasets.list', {}), call('eval.runs.list', { limit: 200 })]).then(
      ([prompts, datasets, runs]) => setChoices({ prompts: prompts.map((p) => p.name), datasets: datasets.map((d) => d.name), runs: runs.filter((r) => r.status !== 'running').map((r) => ({ id: r.id, name: r.name })) }),
      (failure: unknown) => setError(toClientError(failure)),
    );
  }, []);

  const toggle = (group: keyof Choices, value: string) =>
    setPicked((current) => {
      const next = new Set(current[group]);
      if (next.has(value)) next.delete(value);
      else next.add(value);
      return { ...current, [group]: next };
    });

  const nothing = picked.prompts.size + picked.datasets.size + picked.runs.size === 0;

  const exportBundle = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await runJob('transfer.export', { prompts: [...picked.prompts], datasets: [...picked.datasets], runs: [...picked.runs], ...(recipient ? { recipient } : {}) });
      downloadBytes(`enclave-${result.bundleId.slice(0, 8)}.bundle`, base64ToBytes(result.content ?? ''));
      setDone({ ...result, content: null });
    } catch (failure) {
      setError(toClientError(failure));
    } finally {
      setBusy(false);
    }
  };

  const group = (key: keyof Choices, label: string, items: Array<{ value: string; label: string }>) => (
    <fieldset className="transfers-choices" data-testid={`transfers-export-${key}`}>
      <legend>{label}</legend>
      {items.length === 0 && <span className="muted">none</span>}
      {items.map((item) => (
        <label key={item.value} className="transfers-choice">
          <input type="checkbox" checked={picked[key].has(item.value)} onChange={() => toggle(key, item.value)} /> {item.label}
        </label>
      ))}
    </fieldset>
  );

  return (
    <div className="panel transfers-export" data-testid="transfers-export">
      <div className="panel-header">
        <span className="panel-label">Export a bundle</span>
        <span className="hint">Prompts go with every version and label, datasets with every version; a run brings the dataset version and prompt versions it evaluated.</span>
      </div>
      <div className="transfers-groups">
        {group('prompts', 'Prompts', choices.prompts.map((p) => ({ value: p, label: p })))}
        {group('datasets', 'Datasets', choices.datasets.map((d) => ({ value: d, label: d })))}
        {group('runs', 'Eval runs', choices.runs.map((r) => ({ value: r.id, label: `${r.name} (${r.id.slice(0, 8)})` })))}
      </div>
      <div className="toolbar">
        <label className="param">
          <span className="param-label">Encrypt for</span>
          <select className="input" value={recipient} onChange={(e) => setRecipient(e.target.value)} data-testid="transfers-export-recipient">
            <option value="">nobody (signed, not encrypted)</option>
            {recipients.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" className="button" disabled={nothing || busy} onClick={() => void exportBundle()} data-testid="transfers-export-button">
          {busy ? 'Exporting…' : 'Export and download'}
        </button>
      </div>
      {done && <NoticeBox kind="info" lines={[]} message={`Bundle ${done.bundleId.slice(0, 8)}: ${done.objects} object(s), ${Math.ceil(done.bytes / 1024)} KiB${done.encryptedFor ? `, encrypted for ${done.encryptedFor}` : ''}.`} testId="transfers-export-done" />}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
