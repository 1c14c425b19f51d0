import { useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

/** One click turns the trace into a golden case (input, contexts, output; the correction as expected) in a new dataset version. */
export function ToDatasetForm({ traceId }: { traceId: string }) {
  const [dataset, setDataset] = useState('from-traces');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  async function add(): Promise<void> {
    setError(null);
    try {
      const r = await call('traces.toDataset', { traceId, dataset: dataset.trim() });
      setDone(r.reused ? `${r.dataset}@${r.version} already holds this case` : `Added as case ${r.caseKey} in ${r.dataset}@${r.version}`);
    } catch (e) {
      setError(toClientError(e));
    }
  }
  return (
    <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void add(); }} data-testid="to-dataset">
      <label className="panel-label" htmlFor={`to-dataset-${traceId}`}>Golden case in dataset</label>
      <input id={`to-dataset-${traceId}`} className="input" value={dataset} onChange={(e) => setDataset(e.target.value)} data-testid="to-dataset-name" />
      <button type="submit" className="button" disabled={dataset.trim() === ''} data-testid="to-dataset-add">Add to dataset</button>
      {done && <span className="feedback-saved" data-testid="to-dataset-done">{done}</span>}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </form>
  );
}
