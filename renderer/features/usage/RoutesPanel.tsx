import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { reportError, reportInfo } from '../shell/notices.store.js';

type Route = Output<'routes.list'>[number];

const ruleText = (r: Route['rules'][number]) =>
  [r.maxPromptTokens !== undefined && `≤ ${r.maxPromptTokens} tokens`, r.maxPromptChars !== undefined && `≤ ${r.maxPromptChars} chars`,
    r.maxComplexity !== undefined && `complexity ≤ ${r.maxComplexity}`, r.minComplexity !== undefined && `complexity ≥ ${r.minComplexity}`,
    r.tags?.length && `tags ${r.tags.join('+')}`].filter(Boolean).join(', ') || 'always';

/**
 * Routes (virtual models such as `auto`): a simple route sends short, simple prompts to a small model and the rest to
 * a large one, with a fallback chain. Richer rules (tags, several targets) are set with `enclave routes add`.
 */
export function RoutesPanel() {
  const [routes, setRoutes] = useState<Route[]>([]);
  const [form, setForm] = useState({ name: 'auto', small: '', maxTokens: '200', maxComplexity: '0.3', large: '', fallback: '' });
  const load = useCallback(() => void call('routes.list', {}).then(setRoutes, reportError), []);
  useEffect(load, [load]);
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const route = await call('routes.set', {
        name: form.name.trim(), defaultTarget: form.large.trim(),
        rules: form.small.trim() ? [{ target: form.small.trim(), maxPromptTokens: Number(form.maxTokens), maxComplexity: Number(form.maxComplexity) }] : [],
        fallback: form.fallback.split(',').map((m) => m.trim()).filter(Boolean),
      });
      reportInfo(`Route ${route.name} saved: name it wherever a model is asked for.`);
      load();
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <div className="panel" data-testid="routes-panel">
      <span className="panel-label">Routes</span>
      <table className="table usage-policy-list">
        <thead><tr>{['Route', 'Rules', 'Otherwise', 'Fallback', 'Timeout', ''].map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {routes.length === 0 && <tr><td colSpan={6} className="hint">No routes: requests name models directly.</td></tr>}
          {routes.map((r) => (
            <tr key={r.name} data-testid="route-row">
              <td className="cell-name">{r.name}</td>
              <td>{r.rules.map((rule, i) => <div key={i}>{rule.target}: {ruleText(rule)}</div>)}</td>
              <td>{r.defaultTarget}</td>
              <td>{r.fallback.join(' → ') || '—'}</td>
              <td>{r.timeoutMs / 1000} s, {r.retries} retries</td>
              <td><button type="button" className="row-action row-action-danger" onClick={() => void call('routes.remove', { name: r.name }).then(load, reportError)}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="usage-form" onSubmit={(e) => void submit(e)} data-testid="route-form">
        <label className="param"><span className="param-label">Route name</span><input className="input" required {...field('name')} data-testid="route-name" /></label>
        <label className="param"><span className="param-label">Small model</span><input className="input" {...field('small')} placeholder="model name" data-testid="route-small" /></label>
        <label className="param"><span className="param-label">up to tokens</span><input className="input" inputMode="numeric" {...field('maxTokens')} /></label>
        <label className="param"><span className="param-label">up to complexity</span><input className="input" inputMode="decimal" {...field('maxComplexity')} /></label>
        <label className="param"><span className="param-label">Large model</span><input className="input" required {...field('large')} placeholder="model name" data-testid="route-large" /></label>
        <label className="param"><span className="param-label">Fallback</span><input className="input" {...field('fallback')} placeholder="m1, m2" data-testid="route-fallback" /></label>
        <button type="submit" className="button button-primary" data-testid="route-save">Save route</button>
      </form>
    </div>
  );
}
