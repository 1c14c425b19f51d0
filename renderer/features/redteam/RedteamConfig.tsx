import type { FormEvent } from 'react';
import { RISKS, STRATEGIES, useRedteam } from './redteam.store.js';

function toggle(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** What to attack and how: a registry prompt (a canary is planted in its system prompt), a bare model, or a RAG collection. */
export function RedteamConfig() {
  const form = useRedteam((s) => s.form);
  const setForm = useRedteam((s) => s.setForm);
  const status = useRedteam((s) => s.status);
  const progress = useRedteam((s) => s.progress);
  const message = useRedteam((s) => s.message);
  const start = useRedteam((s) => s.start);
  const stop = useRedteam((s) => s.stop);
  const running = status === 'running' || status === 'stopping';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start();
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="redteam-config">
      <div className="panel-header">
        <span className="panel-label">New red-team run</span>
      </div>
      <div className="toolbar">
        <select className="select" value={form.targetKind} onChange={(e) => setForm({ targetKind: e.target.value as 'prompt' | 'model' | 'collection' })} aria-label="Target kind" data-testid="redteam-target-kind">
          <option value="prompt">Registry prompt</option>
          <option value="model">Model</option>
          <option value="collection">RAG collection (poisoned documents)</option>
        </select>
        <input className="input" placeholder={form.targetKind === 'prompt' ? 'prompt name, name@label or name@1.0.0' : form.targetKind === 'collection' ? 'collection name' : 'model name'} value={form.target} onChange={(e) => setForm({ target: e.target.value })} aria-label="Target" data-testid="redteam-target" />
        {form.targetKind !== 'model' && <input className="input" placeholder={form.targetKind === 'prompt' ? "model (default: the prompt's)" : "model (default: the collection's)"} value={form.model} onChange={(e) => setForm({ model: e.target.value })} aria-label="Model" />}
        <input className="input input-small" value={form.limit} onChange={(e) => setForm({ limit: e.target.value })} aria-label="Probe limit" title="At most this many probes (every risk kept)" placeholder="probes" />
        <input className="input input-small" value={form.maxAsr} onChange={(e) => setForm({ maxAsr: e.target.value })} aria-label="Gate: max success rate %" title="Gate: the run fails above this attack success rate (%)" placeholder="gate %" />
      </div>
      <fieldset className="fields" data-testid="redteam-risks">
        <legend className="hint">OWASP LLM Top 10 (2025) risks</legend>
        {RISKS.map((risk) => (
          <label key={risk} className="checkbox">
            <input type="checkbox" checked={form.risks.includes(risk)} onChange={() => setForm({ risks: toggle(form.risks, risk) })} /> {risk}
          </label>
        ))}
      </fieldset>
      <fieldset className="fields" data-testid="redteam-strategies">
        <legend className="hint">Strategies</legend>
        {STRATEGIES.map((strategy) => (
          <label key={strategy} className="checkbox">
            <input type="checkbox" checked={form.strategies.includes(strategy)} onChange={() => setForm({ strategies: toggle(form.strategies, strategy) })} /> {strategy}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="hint">Extra probes (JSONL: one {'{'}"id", "text", "owasp": ["LLM07"], "atlas": ["AML.T0056"]{'}'} per line)</span>
        <textarea className="textarea input-mono" rows={3} value={form.probes} onChange={(e) => setForm({ probes: e.target.value })} aria-label="Extra probes" data-testid="redteam-probes" />
      </label>
      <div className="toolbar">
        <button type="submit" className="button button-primary" disabled={running || form.target.trim() === '' || form.risks.length === 0 || form.strategies.length === 0} data-testid="redteam-start">
          Run attacks
        </button>
        {running && (
          <button type="button" className="button button-danger" onClick={() => void stop()} data-testid="redteam-stop">
            {status === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        )}
        {status !== 'idle' && (
          <span className="task" data-testid="redteam-progress" data-status={status}>
            <progress className="task-progress" max={1} value={progress ?? 0} />
            <span className="task-message">{status === 'stopped' ? 'Stopped' : status === 'failed' ? 'Failed' : message ?? (status === 'done' ? 'Finished' : 'Starting…')}</span>
          </span>
        )}
      </div>
    </form>
  );
}
