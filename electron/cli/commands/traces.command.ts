import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/contract/errors.js';
import type { TraceDetail, TraceRow } from '../../core/contract/traces.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const options = {
  since: { type: 'string' },
  until: { type: 'string' },
  user: { type: 'string' },
  model: { type: 'string' },
  prompt: { type: 'string' },
  collection: { type: 'string' },
  operation: { type: 'string' },
  status: { type: 'string' },
  'min-latency': { type: 'string' },
  'max-latency': { type: 'string' },
  feedback: { type: 'string' },
  'min-score': { type: 'string' },
  'max-score': { type: 'string' },
  text: { type: 'string' },
  limit: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  days: { type: 'string' },
  comment: { type: 'string' },
  correction: { type: 'string' },
} as const;

type Values = { [K in keyof typeof options]?: string };

/**
 * `enclave traces list [filters] [--json]`, `traces show ID`, `traces export --format otlp-json --out FILE [filters]`,
 * `traces feedback ID up|down [--comment T] [--correction T]`, `traces purge [--days N]`, `traces retention [--days N]`.
 */
export async function tracesCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'list': {
      const page = await cli.call<{ traces: TraceRow[]; nextCursor: string | null }>('traces.list', { ...filtersOf(values), limit: numberFlag(values.limit, 'limit') ?? 50 });
      return cli.out.result(page, (p: typeof page) => p.traces.length === 0 ? '(no traces match)' : table(p.traces.map((t) => ({
        id: t.id, started: t.startedAt.replace('T', ' ').slice(0, 19), operation: t.operation, user: t.user, model: t.model, status: t.errorCode ?? t.status,
        ms: Math.round(t.durationMs), tokens: `${t.inputTokens}/${t.outputTokens}`, feedback: t.feedback === null ? '' : t.feedback > 0 ? 'up' : 'down',
        input: t.input.replace(/\s+/g, ' ').slice(0, 60),
      })), ['id', 'started', 'operation', 'user', 'model', 'status', 'ms', 'tokens', 'feedback', 'input']));
    }
    case 'show': {
      const detail = await cli.call<TraceDetail>('traces.get', { traceId: requirePositional(rest, 0, 'a trace id') });
      return cli.out.result(detail, showText);
    }
    case 'export': {
      const format = values.format ?? 'otlp-json';
      if (format !== 'otlp-json') throw new AppError('INVALID_INPUT', `--format must be otlp-json, got "${format}"`);
      const out = values.out;
      if (!out) throw new AppError('INVALID_INPUT', 'Missing --out FILE: where to write the OTLP/JSON file');
      const result = await cli.call<{ count: number; document: unknown }>('traces.export', { ...filtersOf(values), format, limit: numberFlag(values.limit, 'limit') ?? 10_000 });
      const file = path.resolve(out);
      writeFileSync(file, `${JSON.stringify(result.document)}\n`, { mode: 0o600 });
      return cli.out.result({ count: result.count, path: file }, (r: { count: number; path: string }) => `Exported ${r.count} traces (OTLP/JSON) to ${r.path}`);
    }
    case 'feedback': {
      const traceId = requirePositional(rest, 0, 'a trace id');
      const rating = requirePositional(rest, 1, 'a rating (up or down)');
      if (rating !== 'up' && rating !== 'down') throw new AppError('INVALID_INPUT', `The rating is up or down, got "${rating}"`);
      const result = await cli.call('traces.feedback', { traceId, rating, comment: values.comment, correction: values.correction });
      return cli.out.result(result, () => `Recorded thumbs ${rating} on trace ${traceId}`);
    }
    case 'purge': {
      const result = await cli.call<{ deleted: number; before: string }>('traces.purge', { olderThanDays: numberFlag(values.days, 'days') });
      return cli.out.result(result, (r: typeof result) => `Deleted ${r.deleted} traces started before ${r.before}`);
    }
    case 'retention': {
      const days = numberFlag(values.days, 'days');
      const result = await cli.call<{ days: number; purgedAt: string | null }>(days === undefined ? 'traces.retention.get' : 'traces.retention.set', days === undefined ? {} : { days });
      return cli.out.result(result, (r: typeof result) => `Traces are kept ${r.days} days (last purge: ${r.purgedAt ?? 'never'})`);
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "traces ${verb ?? ''}"; use list, show, export, feedback, purge or retention`);
  }
}

/** `enclave datasets add-from-trace TRACE --dataset NAME [--note T]`: the trace as a golden case in a new dataset version. */
export async function addFromTraceCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { dataset: { type: 'string' }, note: { type: 'string' } } as const);
  const traceId = requirePositional(positionals, 1, 'a trace id (see `enclave traces list`)');
  if (!values.dataset) throw new AppError('INVALID_INPUT', 'Name the dataset with --dataset NAME (created when it does not exist)');
  const result = await cli.call<{ dataset: string; version: number; caseKey: string; cases: number; reused: boolean }>('traces.toDataset', { traceId, dataset: values.dataset, note: values.note });
  cli.out.result(result, (r: typeof result) => r.reused ? `${r.dataset}@${r.version} already holds case ${r.caseKey} as it is` : `Added case ${r.caseKey} to ${r.dataset}: version ${r.version} (${r.cases} cases)`);
}

function filtersOf(values: Values): Record<string, unknown> {
  const status = values.status;
  if (status !== undefined && status !== 'ok' && status !== 'error') throw new AppError('INVALID_INPUT', `--status is ok or error, got "${status}"`);
  return {
    from: values.since, to: values.until, user: values.user, model: values.model, prompt: values.prompt, collection: values.collection,
    operation: values.operation, status, minLatencyMs: numberFlag(values['min-latency'], 'min-latency'), maxLatencyMs: numberFlag(values['max-latency'], 'max-latency'),
    feedback: values.feedback, minScore: numberFlag(values['min-score'], 'min-score'), maxScore: numberFlag(values['max-score'], 'max-score'), text: values.text,
  };
}

function showText(d: TraceDetail): string {
  const lines = [
    `Trace ${d.id} — ${d.operation} by ${d.user} at ${d.startedAt}: ${d.status}${d.errorCode ? ` (${d.errorCode})` : ''}, ${Math.round(d.durationMs)} ms` +
      `${d.ttftMs !== null ? `, first token ${Math.round(d.ttftMs)} ms` : ''}, tokens ${d.inputTokens} in / ${d.outputTokens} out${d.model ? `, model ${d.model}` : ''}${d.prompt ? `, prompt ${d.prompt}` : ''}`,
    '', 'Spans:',
  ];
  const depth = new Map<string, number>();
  for (const span of d.spans) {
    const level = span.parentId === null ? 0 : (depth.get(span.parentId) ?? 0) + 1;
    depth.set(span.spanId, level);
    lines.push(`${'  '.repeat(level + 1)}${span.name}  +${Math.round(span.offsetMs)} ms, ${Math.round(span.durationMs)} ms${span.errorCode ? `  ${span.errorCode}` : ''}`);
  }
  lines.push('', `Input:\n${d.input}`, '', `Output:\n${d.output}`);
  for (const f of d.feedbackEntries) lines.push('', `Feedback (${f.user}, ${f.createdAt}): thumbs ${f.rating}${f.comment ? ` — ${f.comment}` : ''}${f.correction ? `\n  corrected: ${f.correction}` : ''}`);
  return lines.join('\n');
}
