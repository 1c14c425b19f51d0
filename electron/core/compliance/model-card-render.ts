import type { ModelCard } from '../contract/compliance.api.js';

/** A card as Markdown: the sections regulators and reviewers look for, in a fixed order. */
export function cardMarkdown(card: ModelCard, version: number): string {
  const m = card.model;
  const lines = [
    `# Model card: ${m.name} (version ${version})`,
    '',
    '## Model details',
    row('Name in the GGUF', m.metadataName), row('Architecture', m.architecture), row('Parameters', m.parameterCount?.toLocaleString('en-US') ?? null),
    row('Quantization', m.quantization), row('Context length', m.contextLength?.toLocaleString('en-US') ?? null), row('Licence', m.license ?? 'not stated'),
    row('Role', m.role), row('Approval', m.approval + (m.retiredAt ? ` (retired ${m.retiredAt})` : '')),
    '',
    '## Provenance',
    row('SHA-256', `\`${m.sha256}\``), row('Size', `${m.sizeBytes.toLocaleString('en-US')} bytes`), row('Source', m.source), row('Imported', m.importedAt),
    ...Object.entries(card.ggufMetadata).map(([k, v]) => row(`\`${k}\``, typeof v === 'string' ? v : JSON.stringify(v))),
    '',
    '## Intended use',
    card.intendedUse,
    '',
    '## Limitations',
    ...card.limitations.map((l) => `- ${l}`),
    '',
    '## Risks',
    ...card.risks.map((r) => `- ${r}`),
    '',
    '## Approval history',
    ...(card.approvalHistory.length ? card.approvalHistory.map((h) => `- ${h.at} — ${h.action} by ${h.actor}${h.reason ? `: ${h.reason}` : ''}`) : ['- none recorded']),
    '',
    '## Evaluation results',
    ...(card.evaluations.length ? card.evaluations.map((e) => `- ${e.createdAt} — ${e.name} (${e.status}${e.gatePassed === null ? '' : e.gatePassed ? ', gate passed' : ', gate failed'}) run ${e.runId}`) : ['- no evaluation run has used this model yet']),
    '',
    '## Red-team results',
    ...(card.redTeam.length ? card.redTeam.map((r) => `- ${r.createdAt} — ${r.name} run ${r.runId}`) : ['- none recorded']),
    '',
    '## Bias audits',
    ...(card.biasAudits.length ? card.biasAudits.map((b) => `- ${b.createdAt} — ${b.attributes.join(', ')}: ${b.summary} (audit ${b.id})`) : ['- none recorded']),
    '',
  ];
  return lines.filter((l) => l !== null).join('\n');
}

/** A self-contained HTML page (no scripts, no external resources) of the same content. */
export function cardHtml(card: ModelCard, version: number): string {
  const body = cardMarkdown(card, version)
    .split('\n')
    .map((line) => {
      if (line.startsWith('# ')) return `<h1>${inline(line.slice(2))}</h1>`;
      if (line.startsWith('## ')) return `<h2>${inline(line.slice(3))}</h2>`;
      if (line.startsWith('- ')) return `<li>${inline(line.slice(2))}</li>`;
      return line ? `<p>${inline(line)}</p>` : '';
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Model card: ${escape(card.model.name)}</title><style>body{font:14px/1.5 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em}code{font-size:12px}h2{border-bottom:1px solid #ddd}</style></head>
<body>
${body}
</body></html>
`;
}

function row(label: string, value: string | null): string {
  return `- ${label}: ${value ?? 'not stated'}`;
}

function inline(text: string): string {
  return escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
