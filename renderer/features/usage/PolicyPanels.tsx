import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { reportError, reportInfo } from '../shell/notices.store.js';

type Quota = Output<'quotas.list'>[number];
type Price = Output<'prices.list'>[number];

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const shown = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'));

/** Quotas per user, group or API token: tokens and cost per day and month, per-request tokens, requests per minute. */
export function QuotasPanel({ canManage }: { canManage: boolean }) {
  const [quotas, setQuotas] = useState<Quota[]>([]);
  const [form, setForm] = useState({ subject: 'user', name: '', tokensPerDay: '', tokensPerMonth: '', costPerDay: '', costPerMonth: '', maxRequestTokens: '', requestsPerMinute: '' });
  const load = useCallback(() => void call('quotas.list', {}).then(setQuotas, reportError), []);
  useEffect(load, [load]);
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await call('quotas.set', {
        subject: form.subject as Quota['subject'], name: form.name.trim(),
        tokensPerDay: numberOrNull(form.tokensPerDay), tokensPerMonth: numberOrNull(form.tokensPerMonth), costPerDay: numberOrNull(form.costPerDay),
        costPerMonth: numberOrNull(form.costPerMonth), maxRequestTokens: numberOrNull(form.maxRequestTokens), requestsPerMinute: numberOrNull(form.requestsPerMinute),
      });
      reportInfo(`Quota saved for ${saved.subject} ${saved.name}; requests over it are refused before any model runs.`);
      load();
    } catch (error) {
      reportError(error);
    }
  };
  const remove = (q: Quota) => void call('quotas.remove', { subject: q.subject, name: q.name }).then(load, reportError);

  return (
    <div className="panel" data-testid="quotas-panel">
      <span className="panel-label">Quotas</span>
      <table className="table usage-policy-list">
        <thead><tr>{['Who', 'Tokens/day', 'Tokens/month', 'Cost/day', 'Cost/month', 'Tokens/request', 'Requests/min', ''].map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {quotas.length === 0 && <tr><td colSpan={8} className="hint">No quotas: nobody is limited.</td></tr>}
          {quotas.map((q) => (
            <tr key={`${q.subject}:${q.name}`} data-testid="quota-row">
              <td className="cell-name">{q.subject} {q.name}</td>
              <td>{shown(q.tokensPerDay)}</td><td>{shown(q.tokensPerMonth)}</td><td>{shown(q.costPerDay)}</td><td>{shown(q.costPerMonth)}</td>
              <td>{shown(q.maxRequestTokens)}</td><td>{shown(q.requestsPerMinute)}</td>
              <td>{canManage && <button type="button" className="row-action row-action-danger" onClick={() => remove(q)}>Remove</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && (
        <form className="usage-form" onSubmit={(e) => void submit(e)} data-testid="quota-form">
          <label className="param"><span className="param-label">For</span>
            <select className="select" {...field('subject')} data-testid="quota-subject"><option value="user">user</option><option value="group">group</option><option value="token">API token id</option></select>
          </label>
          <label className="param"><span className="param-label">Name</span><input className="input" required {...field('name')} data-testid="quota-name" /></label>
          <label className="param"><span className="param-label">Tokens/day</span><input className="input" inputMode="numeric" {...field('tokensPerDay')} data-testid="quota-tokens-day" /></label>
          <label className="param"><span className="param-label">Tokens/month</span><input className="input" inputMode="numeric" {...field('tokensPerMonth')} /></label>
          <label className="param"><span className="param-label">Cost/day</span><input className="input" inputMode="decimal" {...field('costPerDay')} /></label>
          <label className="param"><span className="param-label">Cost/month</span><input className="input" inputMode="decimal" {...field('costPerMonth')} /></label>
          <label className="param"><span className="param-label">Tokens/request</span><input className="input" inputMode="numeric" {...field('maxRequestTokens')} /></label>
          <label className="param"><span className="param-label">Requests/min</span><input className="input" inputMode="numeric" {...field('requestsPerMinute')} /></label>
          <button type="submit" className="button button-primary" data-testid="quota-save">Save quota</button>
        </form>
      )}
    </div>
  );
}

/** The local price table: per 1k tokens in and out, and per compute second for models run on this machine. */
export function PricesPanel({ canManage }: { canManage: boolean }) {
  const [prices, setPrices] = useState<Price[]>([]);
  const [form, setForm] = useState({ endpoint: 'local', model: '*', per1kInput: '', per1kOutput: '', perComputeSecond: '' });
  const load = useCallback(() => void call('prices.list', {}).then(setPrices, reportError), []);
  useEffect(load, [load]);
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call('prices.set', {
        endpoint: form.endpoint.trim() || '*', model: form.model.trim() || '*',
        per1kInput: numberOrNull(form.per1kInput) ?? 0, per1kOutput: numberOrNull(form.per1kOutput) ?? 0, perComputeSecond: numberOrNull(form.perComputeSecond) ?? 0,
      });
      reportInfo(`Price saved for ${form.endpoint}/${form.model}; it applies to calls from now on.`);
      load();
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <div className="panel" data-testid="prices-panel">
      <span className="panel-label">Prices (local table; nothing is fetched)</span>
      <table className="table usage-policy-list">
        <thead><tr>{['Endpoint', 'Model', 'Per 1k in', 'Per 1k out', 'Per compute s', 'Set by', ''].map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {prices.length === 0 && <tr><td colSpan={7} className="hint">No prices: every call costs 0.</td></tr>}
          {prices.map((p) => (
            <tr key={`${p.endpoint}/${p.model}`} data-testid="price-row">
              <td>{p.endpoint}</td><td className="cell-name">{p.model}</td><td>{p.per1kInput}</td><td>{p.per1kOutput}</td><td>{p.perComputeSecond}</td><td className="hint">{p.updatedBy}</td>
              <td>{canManage && <button type="button" className="row-action row-action-danger" onClick={() => void call('prices.remove', { endpoint: p.endpoint, model: p.model }).then(load, reportError)}>Remove</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && (
        <form className="usage-form" onSubmit={(e) => void submit(e)} data-testid="price-form">
          <label className="param"><span className="param-label">Endpoint</span><input className="input" {...field('endpoint')} data-testid="price-endpoint" /></label>
          <label className="param"><span className="param-label">Model</span><input className="input" {...field('model')} data-testid="price-model" /></label>
          <label className="param"><span className="param-label">Per 1k in</span><input className="input" inputMode="decimal" {...field('per1kInput')} data-testid="price-in" /></label>
          <label className="param"><span className="param-label">Per 1k out</span><input className="input" inputMode="decimal" {...field('per1kOutput')} data-testid="price-out" /></label>
          <label className="param"><span className="param-label">Per compute s</span><input className="input" inputMode="decimal" {...field('perComputeSecond')} /></label>
          <button type="submit" className="button button-primary" data-testid="price-save">Save price</button>
        </form>
      )}
    </div>
  );
}
