// `enclave metrics score --file pairs.jsonl [--metrics bleu,chrf,...] [--stem] [--strict] [--json]`
// Scores hypothesis/reference pairs with the reference metrics. Needs no core: it reads the file and
// scores it in process. Broken lines are reported (by line number) and the rest scored; --strict
// turns the first broken line into the command's error instead.
import { readFileSync } from 'node:fs';
import { AppError } from '../../core/contract/errors.js';
import { defaultMetrics, metricNames, parseMetricList, scoreFile as scoreLines, type MetricName, type ScoreFileOptions, type ScoreFileResult } from '../../core/eval/metrics/score-file.js';
import { parse } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

export type { ScoreFileResult } from '../../core/eval/metrics/score-file.js';

const metricsOptions = {
  file: { type: 'string', short: 'f' },
  metrics: { type: 'string', short: 'm' },
  stem: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
} as const;

export const metricsUsage = `  metrics score --file pairs.jsonl [--metrics ${defaultMetrics.join(',')}] [--stem] [--strict]
                                     each line {"id", "hypothesis", "references": [...]}; metrics: ${metricNames.join(', ')}`;

/** Pure scoring of a file's lines (see core/eval/metrics/score-file.ts), for tests without a process. */
export function scoreFile(lines: readonly string[], options: ScoreFileOptions): ScoreFileResult {
  return scoreLines(lines, options);
}

/** Needs no core: scoring reads the file and computes, nothing is stored. */
export async function metricsCommand(cli: Pick<CliContext, 'out'>, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, metricsOptions);
  if (positionals[0] !== 'score' || positionals.length > 1) {
    throw new AppError('INVALID_INPUT', 'Usage: enclave metrics score --file pairs.jsonl [--metrics bleu,chrf,...] [--stem] [--json]');
  }
  if (!values.file) throw new AppError('INVALID_INPUT', 'Name the pairs file with --file pairs.jsonl');
  const metrics = values.metrics === undefined ? defaultMetrics : parseMetricList(values.metrics);
  const result = scoreFile(readLines(values.file), { metrics, stem: values.stem });
  const [firstError] = result.errors;
  if (values.strict && firstError) throw new AppError('INVALID_INPUT', `${values.file} ${firstError.message}`, { errors: result.errors });
  cli.out.result(result, render);
  if (!cli.out.json) for (const error of result.errors) process.stderr.write(`enclave: ${values.file} ${error.message} (skipped)\n`);
}

function readLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `${file} does not exist`);
    throw new AppError('INVALID_INPUT', `${file} cannot be read: ${(error as Error).message}`);
  }
  return text.split(/\r?\n/);
}

function format(metric: MetricName, value: number | undefined): string {
  if (value === undefined) return '';
  // 0–100 metrics read best with two decimals (as sacreBLEU prints them), 0–1 metrics with four.
  return ['bleu', 'chrf', 'chrf++', 'ter'].includes(metric) ? value.toFixed(2) : value.toFixed(4);
}

function render(result: ScoreFileResult): string {
  const rows = result.lines.map((l) => ({ line: l.line, id: l.id, ...Object.fromEntries(result.metrics.map((m) => [m, format(m, l.scores[m])])) }));
  const mean = { line: '', id: 'mean', ...Object.fromEntries(result.metrics.map((m) => [m, format(m, result.mean[m])])) };
  const corpusEntries = Object.entries(result.corpus) as Array<[MetricName, number]>;
  const corpus = corpusEntries.length > 0 ? `\ncorpus (sacreBLEU): ${corpusEntries.map(([m, v]) => `${m} ${format(m, v)}`).join(', ')}` : '';
  const broken = result.errors.length > 0 ? `\n${result.errors.length} broken line(s) skipped` : '';
  return `${table([...rows, mean], ['line', 'id', ...result.metrics])}${corpus}${broken}`;
}
