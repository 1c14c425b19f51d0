import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../core/contract/errors.js';
import type { Output } from '../../core/contract/api.js';
import { numberFlag, parse } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const options = {
  baseline: { type: 'string' },
  current: { type: 'string' },
  threshold: { type: 'string' },
  k: { type: 'string' },
  'embedding-model': { type: 'string' },
  operation: { type: 'string' },
  sample: { type: 'string' },
  enable: { type: 'boolean' },
  disable: { type: 'boolean' },
} as const;

type Report = Output<'drift.check'>;

/**
 * `enclave drift check --baseline A --current B [--threshold 0.1] [--k N] [--embedding-model M] [--operation O] [--json]`:
 * A and B are `FROM..TO` windows of traffic (`14d..7d`, `2026-01-01..2026-01-08`) or JSONL files of {"text": …} lines.
 * Exit code 0 either way; `drifted` in the result says whether the score passed the threshold.
 */
export async function driftCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  if (positionals[0] === 'schedule') return schedule(cli, positionals[1], values);
  if (positionals[0] !== 'check') throw new AppError('INVALID_INPUT', `Unknown command "drift ${positionals[0] ?? ''}"; use check or schedule`);
  if (!values.baseline || !values.current) throw new AppError('INVALID_INPUT', 'Give --baseline and --current: FROM..TO windows (14d..7d) or JSONL files of {"text": ...} lines');
  const report = await cli.call<Report>('drift.check', {
    baseline: source(values.baseline), current: source(values.current), threshold: numberFlag(values.threshold, 'threshold'), k: numberFlag(values.k, 'k'),
    embeddingModel: values['embedding-model'], operation: values.operation, sample: numberFlag(values.sample, 'sample'),
  });
  cli.out.result(report, text);
}

/** A file that exists is read here (the core never opens a path a caller names); anything else is a window. */
function source(ref: string): { texts: string[] } | { window: string } {
  if (existsSync(ref)) return { texts: readTexts(ref) };
  if (ref.includes('..')) return { window: ref };
  throw new AppError('FILE_NOT_FOUND', `"${ref}" is neither a file nor a FROM..TO window (e.g. 14d..7d)`);
}

function readTexts(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').map((line, i) => [line.trim(), i + 1] as const).filter(([line]) => line !== '').map(([line, n]) => {
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value === 'string') return value;
      const text = (value as { text?: unknown }).text;
      if (typeof text === 'string') return text;
    } catch {
      // reported below
    }
    throw new AppError('INVALID_INPUT', `${file} line ${n}: expected a JSON object with a "text" string`);
  });
}

function text(r: Report): string {
  const lines = [
    `${r.drifted ? 'DRIFTED' : 'No drift'}: score ${r.score} (threshold ${r.threshold}; lexical ${r.views.lexical}${r.views.embedding !== null ? `, embedding ${r.views.embedding}` : ''}), ` +
      `${r.baselineCount} baseline and ${r.currentCount} current inputs in ${r.k} clusters`,
    '',
    table(r.clusters.map((c) => ({ cluster: c.id, terms: c.terms.slice(0, 4).join(' '), baseline: `${Math.round(c.baselineShare * 100)}%`, current: `${Math.round(c.currentShare * 100)}%`,
      change: `${c.change > 0 ? '+' : ''}${Math.round(c.change * 100)}%`, example: (c.examples[0] ?? '').replace(/\s+/g, ' ').slice(0, 60) })),
    ['cluster', 'terms', 'baseline', 'current', 'change', 'example']),
  ];
  return lines.join('\n');
}

/** `drift schedule` shows the weekly check and its last result; `--enable|--disable [--threshold N] [--operation O]` sets it; `run` runs it now. */
async function schedule(cli: CliContext, action: string | undefined, values: { threshold?: string | undefined; operation?: string | undefined; enable?: boolean | undefined; disable?: boolean | undefined }): Promise<void> {
  if (action === 'run') return cli.out.result(await cli.call('drift.schedule.run', {}));
  if (action !== undefined) throw new AppError('INVALID_INPUT', `Unknown command "drift schedule ${action}"; use run, or no verb to see and set it`);
  const current = await cli.call<Output<'drift.schedule.get'>>('drift.schedule.get', {});
  if (!values.enable && !values.disable && values.threshold === undefined && values.operation === undefined) return cli.out.result(current);
  cli.out.result(await cli.call('drift.schedule.set', {
    enabled: values.disable ? false : values.enable ? true : current.config.enabled,
    threshold: values.threshold === undefined ? current.config.threshold : numberFlag(values.threshold, 'threshold'),
    operation: values.operation === undefined ? current.config.operation : values.operation || null,
  }));
}
