import { useEffect, useMemo } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { RANGES, useDashboard, type GroupBy, type Summary } from './dashboard.store.js';
import { DriftPanel } from './DriftPanel.js';
import { SiemPanel } from './SiemPanel.js';
import { TimeChart, type ChartSeries } from './TimeChart.js';
import './dashboard.css';

const REFRESH_MS = 30_000;

export function DashboardScreen() {
  const { range, groupBy, summary, error, loading } = useDashboard();
  const setRange = useDashboard((s) => s.setRange);
  const setGroupBy = useDashboard((s) => s.setGroupBy);

  // Live: the rollups are read again every half minute while the screen is open.
  useEffect(() => {
    void useDashboard.getState().load();
    const timer = setInterval(() => void useDashboard.getState().load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <section className="screen" aria-labelledby="dashboard-title">
      <div className="screen-header">
        <h1 id="dashboard-title" className="screen-title">Dashboard</h1>
        <span className="screen-subtitle">Requests, errors, latency, first token, tokens, cost and feedback from the per-minute rollups</span>
      </div>
      <div className="toolbar">
        <div className="range-picker" role="group" aria-label="Time range" data-testid="dashboard-range">
          {RANGES.map(([value, label]) => (
            <button key={value} type="button" className={value === range ? 'button button-primary' : 'button'} aria-pressed={value === range} onClick={() => setRange(value)}>{label}</button>
          ))}
        </div>
        <label className="panel-label" htmlFor="dashboard-group">Break down by</label>
        <select id="dashboard-group" className="select" value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
          <option value="">Nothing</option><option value="model">Model</option><option value="prompt">Prompt</option><option value="collection">Collection</option>
          <option value="user">User</option><option value="endpoint">Endpoint</option><option value="operation">Operation</option>
        </select>
        {loading && <span className="screen-subtitle">Updating…</span>}
      </div>
      {error && <ErrorMessage error={error} testId="dashboard-error" />}
      {summary && <DashboardBody summary={summary} />}
      <DriftPanel />
      <SiemPanel />
    </section>
  );
}

function DashboardBody({ summary }: { summary: Summary }) {
  const t = summary.totals;
  const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)} ms`);
  const cards: Array<[string, string]> = [
    ['Requests', String(t.requests)], ['Error rate', `${(t.errorRate * 100).toFixed(1)}%`],
    ['Latency P50 / P95 / P99', `${ms(t.latencyMs.p50)} / ${ms(t.latencyMs.p95)} / ${ms(t.latencyMs.p99)}`],
    ['First token P50 / P95', `${ms(t.ttftMs.p50)} / ${ms(t.ttftMs.p95)}`], ['Tokens in / out', `${t.inputTokens} / ${t.outputTokens}`],
    ['Tokens per second', t.tokensPerSecond === null ? '—' : String(t.tokensPerSecond)], ['Cost', String(t.cost)],
    ['Thumbs up', t.feedback.ratio === null ? '—' : `${Math.round(t.feedback.ratio * 100)}% of ${t.feedback.up + t.feedback.down}`],
    ['Judge score', t.judge.mean === null ? '—' : `${t.judge.mean} (${t.judge.count})`], ['Cache hit rate', t.cacheHitRate === null ? '—' : `${Math.round(t.cacheHitRate * 100)}%`],
  ];
  const charts = useMemo(() => chartsOf(summary), [summary]);
  return (
    <>
      <div className="metric-cards" data-testid="dashboard-totals">
        {cards.map(([label, value]) => <div key={label} className="metric-card panel"><div className="panel-label">{label}</div><div className="metric-value">{value}</div></div>)}
      </div>
      {Object.keys(t.errorsByCode).length > 0 && (
        <p className="dashboard-errors" data-testid="dashboard-error-codes">Errors by code: {Object.entries(t.errorsByCode).map(([c, n]) => `${c} ${n}`).join(', ')}</p>
      )}
      <div className="chart-grid">
        {charts.map((c) => <TimeChart key={c.title} title={c.title} times={c.times} series={c.series} unit={c.unit} testId={`chart-${c.id}`} />)}
      </div>
      {summary.groups.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="dashboard-groups">
            <thead><tr><th>Key</th><th>Requests</th><th>Errors</th><th>P50</th><th>P95</th><th>P99</th><th>TTFT P95</th><th>Tokens in/out</th><th>Thumbs up</th></tr></thead>
            <tbody>
              {summary.groups.map((g) => (
                <tr key={g.key}><td>{g.key || '(none)'}</td><td>{g.requests}</td><td>{g.errors}</td><td>{ms(g.latencyMs.p50)}</td><td>{ms(g.latencyMs.p95)}</td><td>{ms(g.latencyMs.p99)}</td>
                  <td>{ms(g.ttftMs.p95)}</td><td>{g.inputTokens}/{g.outputTokens}</td><td>{g.feedback.ratio === null ? '—' : `${Math.round(g.feedback.ratio * 100)}%`}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

interface ChartSpec { id: string; title: string; times: number[]; series: ChartSeries[]; unit: string }

function chartsOf(summary: Summary): ChartSpec[] {
  const s = summary.series;
  const times = s.map((p) => p.t);
  const quiet = (v: number | null, p: { requests: number }): number | null => (p.requests === 0 ? null : v);
  return [
    { id: 'requests', title: 'Requests and errors', unit: '', times, series: [
      { label: 'requests', values: s.map((p) => p.requests), color: '#1f6feb' }, { label: 'errors', values: s.map((p) => p.errors), color: '#c0362c' }] },
    { id: 'latency', title: 'Latency (P50, P95, P99)', unit: ' ms', times, series: [
      { label: 'P50', values: s.map((p) => quiet(p.latencyMs.p50, p)), color: '#1a7f37' }, { label: 'P95', values: s.map((p) => quiet(p.latencyMs.p95, p)), color: '#9a6700' },
      { label: 'P99', values: s.map((p) => quiet(p.latencyMs.p99, p)), color: '#c0362c' }] },
    { id: 'ttft', title: 'Time to first token (P50, P95)', unit: ' ms', times, series: [
      { label: 'P50', values: s.map((p) => quiet(p.ttftMs.p50, p)), color: '#1a7f37' }, { label: 'P95', values: s.map((p) => quiet(p.ttftMs.p95, p)), color: '#9a6700' }] },
    { id: 'tokens', title: 'Tokens', unit: '', times, series: [
      { label: 'in', values: s.map((p) => p.inputTokens), color: '#6e40c9' }, { label: 'out', values: s.map((p) => p.outputTokens), color: '#1f6feb' }] },
    { id: 'cost', title: 'Cost', unit: '', times, series: [{ label: 'cost', values: s.map((p) => p.cost), color: '#5f6b78' }] },
    { id: 'quality', title: 'Feedback and judge score', unit: '', times, series: [
      { label: 'thumbs up', values: s.map((p) => p.feedbackUp), color: '#1a7f37' }, { label: 'thumbs down', values: s.map((p) => p.feedbackDown), color: '#c0362c' },
      { label: 'judge mean', values: s.map((p) => p.judgeMean), color: '#6e40c9' }] },
  ];
}
