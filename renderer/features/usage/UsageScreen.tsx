import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import type { Input, Output } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError } from '../shell/notices.store.js';
import { PricesPanel, QuotasPanel } from './PolicyPanels.js';
import { RoutesPanel } from './RoutesPanel.js';
import './usage.css';

type Summary = Output<'usage.summary'>;
type Dimension = Input<'usage.summary'>['by'] & string;

const ranges = [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']] as const;
const dimensions: Dimension[] = ['user', 'group', 'token', 'model', 'endpoint', 'prompt', 'route'];
const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 4 });

/**
 * Usage and cost: tokens, cost and failures by a dimension over a range, the cache's hit rate, each route's shares and
 * estimated saving; administrators also keep routes, quotas and the price table here. Without usage.read a user sees
 * their own usage only (the core decides).
 */
export function UsageScreen() {
  const me = useAuth((state) => state.me);
  const canManage = holds(me, 'gateway.manage');
  const [since, setSince] = useState<string>('7d');
  const [by, setBy] = useState<Dimension>('user');
  const [summary, setSummary] = useState<Summary | null>(null);

  const load = useCallback(() => void call('usage.summary', { since, by }).then(setSummary, reportError), [since, by]);
  useEffect(load, [load]);

  return (
    <section className="screen usage-screen" aria-labelledby="usage-title">
      <div className="screen-header">
        <h1 id="usage-title" className="screen-title">Usage</h1>
        <span className="screen-subtitle">Tokens and cost of every model call, the response cache and the routes{holds(me, 'usage.read') ? '' : ' (your own calls)'}</span>
      </div>
      <div className="usage-controls">
        <label className="param">
          <span className="param-label">Range</span>
          <select className="select" value={since} onChange={(e) => setSince(e.target.value)} data-testid="usage-range">
            {ranges.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label className="param">
          <span className="param-label">By</span>
          <select className="select" value={by} onChange={(e) => setBy(e.target.value as Dimension)} data-testid="usage-by">
            {dimensions.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={load}>Refresh</button>
      </div>
      {summary && (
        <div className="usage-stats" data-testid="usage-stats">
          <Stat label="Requests" value={summary.totals.requests.toLocaleString('en-US')} />
          <Stat label="Tokens in / out" value={`${summary.totals.tokensIn.toLocaleString('en-US')} / ${summary.totals.tokensOut.toLocaleString('en-US')}`} />
          <Stat label="Cost" value={money(summary.totals.cost)} />
          <Stat label="Cache hit rate" value={percent(summary.cache.hitRate)} detail={`${summary.cache.hits + summary.cache.semanticHits} of ${summary.cache.lookups} lookups, ${summary.cache.semanticHits} semantic`} testId="usage-hit-rate" />
          <Stat label="Failures" value={summary.totals.failures.toLocaleString('en-US')} />
        </div>
      )}
      <div className="table-scroll">
        <table className="table" data-testid="usage-table">
          <thead>
            <tr>{[by, 'Requests', 'Tokens in', 'Tokens out', 'Compute s', 'Cost', 'Cache hits', 'Failures'].map((c, i) => <th key={c} className={i > 0 ? 'cell-number' : undefined}>{c}</th>)}</tr>
          </thead>
          <tbody>
            {summary?.rows.length === 0 && <tr><td colSpan={8} className="hint">No model calls in this range.</td></tr>}
            {summary?.rows.map((r) => (
              <tr key={r.key} data-testid="usage-row">
                <td className="cell-name">{r.key}</td>
                <td className="cell-number">{r.requests}</td>
                <td className="cell-number">{r.tokensIn.toLocaleString('en-US')}</td>
                <td className="cell-number">{r.tokensOut.toLocaleString('en-US')}</td>
                <td className="cell-number">{(r.computeMs / 1000).toFixed(1)}</td>
                <td className="cell-number">{money(r.cost)}</td>
                <td className="cell-number">{r.cacheHits}</td>
                <td className="cell-number">{r.failures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary && summary.routes.length > 0 && (
        <div className="panel" data-testid="usage-routes">
          <span className="panel-label">Routes: share per target and estimated saving</span>
          {summary.routes.map((r) => (
            <div key={r.route} className="usage-route" data-testid="usage-route">
              <span className="cell-name">{r.route}</span>
              <span className="usage-shares">
                {r.targets.map((t) => (
                  <span key={t.target} className="usage-share" style={{ flexGrow: Math.max(t.share, 0.05) }} title={`${t.requests} requests, cost ${money(t.cost)}`}>
                    {t.target} {percent(t.share)}
                  </span>
                ))}
              </span>
              <span className="hint">cost {money(r.cost)} vs {money(r.costIfLargest)} on the dearest target: saving {money(r.saving)}</span>
            </div>
          ))}
        </div>
      )}
      {canManage && <RoutesPanel />}
      {holds(me, 'usage.read') && <QuotasPanel canManage={canManage} />}
      <PricesPanel canManage={canManage} />
    </section>
  );
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div className="panel usage-stat" data-testid={testId}>
      <span className="panel-label">{label}</span>
      <span className="usage-stat-value">{value}</span>
      {detail && <span className="hint">{detail}</span>}
    </div>
  );
}
