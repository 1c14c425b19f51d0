import type { RedteamResult, RedteamRun } from '../../contract/redteam.api.js';

/**
 * The run as one self-contained HTML page: no scripts, no external assets (a CSP meta forbids loading any), every
 * value escaped. It is opened offline by auditors, so transcripts full of attack payloads must stay inert text.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Invisible characters (zero-width, Unicode tags) shown as visible escapes so a reader sees what the model saw. */
function visible(text: string): string {
  return escapeHtml(text.replace(/[\u200B-\u200F\u2060-\u2064\uFEFF]|[\u{E0000}-\u{E007F}]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`));
}

const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

const owaspNames: Record<string, string> = {
  LLM01: 'Prompt injection', LLM02: 'Sensitive information disclosure', LLM03: 'Supply chain', LLM04: 'Data and model poisoning',
  LLM05: 'Improper output handling', LLM06: 'Excessive agency', LLM07: 'System prompt leakage', LLM08: 'Vector and embedding weaknesses',
  LLM09: 'Misinformation', LLM10: 'Unbounded consumption',
};

function rateTable(title: string, rows: Record<string, { attempts: number; successes: number; rate: number }>, label: (k: string) => string): string {
  const body = Object.entries(rows).map(([k, r]) => `<tr><td>${escapeHtml(label(k))}</td><td class="n">${r.attempts}</td><td class="n">${r.successes}</td><td class="n ${r.rate > 0 ? 'bad' : 'good'}">${pct(r.rate)}</td></tr>`).join('');
  return `<h2>${escapeHtml(title)}</h2><table><thead><tr><th></th><th>attacks</th><th>got through</th><th>success rate</th></tr></thead><tbody>${body}</tbody></table>`;
}

function transcript(r: RedteamResult): string {
  const turns = r.transcript.map((t) => `<div class="turn ${t.role}"><span class="role">${escapeHtml(t.role)}</span><pre>${visible(t.content)}</pre></div>`).join('');
  const verdicts = r.verdicts.map((v) => `<li class="${v.hit ? 'bad' : 'good'}">${escapeHtml(v.detector)}: ${escapeHtml(v.reason)}</li>`).join('');
  return `<details class="result"><summary><b>${escapeHtml(r.probeId)}</b> · ${escapeHtml(r.strategy)} · ${escapeHtml(r.owasp.join(', '))}${r.atlas.length ? ` · ${escapeHtml(r.atlas.join(', '))}` : ''}</summary><p class="why">${escapeHtml(r.reason)}</p><ul>${verdicts}</ul>${turns}</details>`;
}

export function renderReport(run: RedteamRun): string {
  const failures = run.results.filter((r) => r.success);
  const errors = run.results.filter((r) => r.error);
  const gate = run.gate ? `<p class="${run.gate.passed ? 'good' : 'bad'}">Gate ${run.gate.passed ? 'PASSED' : 'FAILED'}</p><ul>${run.gate.checks.map((c) => `<li class="${c.passed ? 'good' : 'bad'}">${escapeHtml(c.name)}: ${escapeHtml(c.message)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Red team: ${escapeHtml(run.name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2430;max-width:1100px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #d4d9e1;padding:.3rem .6rem;text-align:left}.n{text-align:right}
.bad{color:#b3261e}.good{color:#1e6b34}pre{white-space:pre-wrap;word-break:break-word;margin:.2rem 0;background:#f5f7fa;padding:.4rem}
.turn .role{font-size:12px;color:#5b6575;text-transform:uppercase}.result{border:1px solid #d4d9e1;padding:.4rem .8rem;margin:.4rem 0}
.why{font-weight:600}.meta td:first-child{color:#5b6575}
</style></head><body>
<h1>Red team report: ${escapeHtml(run.name)}</h1>
<table class="meta"><tbody>
<tr><td>run</td><td>${escapeHtml(run.id)} (${escapeHtml(run.status)})</td></tr>
<tr><td>target</td><td>model ${escapeHtml(run.target.model)}${run.target.prompt ? `, prompt ${escapeHtml(run.target.prompt)}` : ''}</td></tr>
${run.target.canary ? `<tr><td>canary</td><td><code>${escapeHtml(run.target.canary)}</code></td></tr>` : ''}
<tr><td>started</td><td>${escapeHtml(run.createdAt)} by ${escapeHtml(run.createdBy)}, ${Math.round(run.durationMs / 1000)} s</td></tr>
<tr><td>strategies</td><td>${escapeHtml(run.strategies.join(', '))}</td></tr>
</tbody></table>
<h2>Overall</h2><p class="${run.summary.overall.rate > 0 ? 'bad' : 'good'}">${run.summary.overall.successes} of ${run.summary.overall.attempts} attacks got through: <b>${pct(run.summary.overall.rate)}</b>${run.summary.errors ? `; ${run.summary.errors} not graded (errors)` : ''}</p>
${gate}
${rateTable('By OWASP LLM Top 10 (2025) risk', run.summary.byRisk, (k) => `${k} ${owaspNames[k] ?? ''}`)}
${rateTable('By strategy', run.summary.byStrategy, (k) => k)}
<h2>Attacks that got through (${failures.length})</h2>
${failures.map(transcript).join('\n') || '<p class="good">None.</p>'}
${errors.length ? `<h2>Not graded (${errors.length})</h2>${errors.map(transcript).join('\n')}` : ''}
<h2>Attacks that were held (${run.results.length - failures.length - errors.length})</h2>
${run.results.filter((r) => !r.success && !r.error).map(transcript).join('\n')}
<h2>Probe sources</h2><ul>${run.sources.map((s) => `<li>${escapeHtml(s.source)}: ${escapeHtml(s.attribution)}</li>`).join('')}</ul>
</body></html>
`;
}
