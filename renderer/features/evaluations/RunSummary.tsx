import { formatCount, formatMetric, formatMs, formatRate } from './eval-format.js';
import type { Agreement, EvalRun, GateReport, GroupSummary, RunSummary } from './eval-types.js';
import { GateBadge } from './RunsTable.js';
import { ModelName } from './ModelName.js';

type Row = Omit<GroupSummary, 'prompt' | 'model'> & { prompt: string; model: string; total?: boolean };

function groupRows(summary: RunSummary): Row[] {
  const rows: Row[] = summary.groups.map((g) => ({ ...g }));
  if (summary.groups.length > 1) rows.push({ ...summary, prompt: 'All', model: '', total: true });
  return rows;
}

/** Metric names across the groups, in order, without `pass` (the pass rate column says it). */
export function metricNames(summary: RunSummary): string[] {
  return [...new Set([...Object.keys(summary.metrics), ...summary.groups.flatMap((g) => Object.keys(g.metrics))])].filter((m) => m !== 'pass').sort();
}

function GroupsTable({ summary }: { summary: RunSummary }) {
  const rows = groupRows(summary);
  const metrics = metricNames(summary);
  return (
    <div className="table-scroll">
      <table className="table eval-groups" data-testid="eval-groups">
        <thead>
          <tr>
            <th>Prompt</th>
            <th>Model</th>
            <th className="cell-number">Items</th>
            <th className="cell-number">Errors</th>
            <th className="cell-number">Pass rate</th>
            {metrics.map((m) => (
              <th key={m} className="cell-number" title={`Mean of ${m}`}>
                {m}
              </th>
            ))}
            <th className="cell-number">Latency p50</th>
            <th className="cell-number">p95</th>
            <th className="cell-number">Tokens in / out</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.prompt}\u0000${row.model}`} className={row.total ? 'eval-total-row' : undefined} data-testid="eval-group-row" data-prompt={row.prompt} data-model={row.model}>
              <td className="cell-name">{row.prompt}</td>
              <td className="eval-clip">
                <ModelName value={row.model} />
              </td>
              <td className="cell-number">{formatCount(row.items)}</td>
              <td className={row.errors > 0 ? 'cell-number eval-bad' : 'cell-number'}>{formatCount(row.errors)}</td>
              <td className="cell-number">{formatRate(row.passRate)}</td>
              {metrics.map((m) => (
                <td key={m} className="cell-number" title={row.metrics[m] ? `n = ${row.metrics[m].n}` : undefined}>
                  {formatMetric(row.metrics[m]?.mean)}
                </td>
              ))}
              <td className="cell-number">{formatMs(row.latencyMs.p50)}</td>
              <td className="cell-number">{formatMs(row.latencyMs.p95)}</td>
              <td className="cell-number">
                {formatCount(row.tokens.prompt)} / {formatCount(row.tokens.completion)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function agreementText(a: Agreement | null): string {
  if (a === null) return '—';
  return `${formatRate(a.accuracy)} agree, κ ${formatMetric(a.kappa)} (n = ${formatCount(a.n)})`;
}

function Extras({ summary }: { summary: RunSummary }) {
  const { agreement } = summary;
  const fields: [string, string][] = [];
  if (agreement.score) fields.push(['Judge vs human score', agreementText(agreement.score)]);
  if (agreement.pass) fields.push(['Pass vs human pass', agreementText(agreement.pass)]);
  if (agreement.preference) fields.push(['Pairwise vs human', agreementText(agreement.preference)]);
  if (summary.hallucinationRate !== null) fields.push(['Hallucination rate', formatRate(summary.hallucinationRate)]);
  if (fields.length === 0) return null;
  return (
    <dl className="fields" data-testid="eval-agreement">
      {fields.map(([label, value]) => (
        <div key={label} className="field">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function GateChecks({ gate }: { gate: GateReport }) {
  return (
    <div className="stacked" data-testid="eval-gate" data-passed={String(gate.passed)}>
      <h3 className="inspector-subtitle">
        Gate <GateBadge gate={gate} />
      </h3>
      <ul className="eval-checks eval-gate-checks">
        {gate.checks.map((check, index) => (
          <li key={index} className={check.passed ? 'eval-check eval-check-pass' : 'eval-check eval-check-fail'} data-testid="eval-gate-check">
            <span className="eval-check-mark">{check.passed ? '✓' : '✗'}</span>
            <span className="eval-check-name">{check.name}</span>
            <span className="cell-number">{formatMetric(check.actual)}</span>
            <span className="muted">expected {check.expected}</span>
            <span>{check.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Per prompt × model: pass rate, metric means, latency, tokens; agreement with human labels; the gate's checks. */
export function RunSummaryPanel({ run }: { run: EvalRun }) {
  const summary = run.summary;
  return (
    <div className="panel eval-summary" data-testid="eval-summary">
      <span className="panel-label">Summary</span>
      {summary ? (
        <>
          <GroupsTable summary={summary} />
          <Extras summary={summary} />
        </>
      ) : (
        <p className="hint">{run.status === 'running' ? 'The summary is written when the run finishes.' : 'No summary: the run stopped before it finished; resume it to finish it.'}</p>
      )}
      {run.gate && <GateChecks gate={run.gate} />}
    </div>
  );
}
