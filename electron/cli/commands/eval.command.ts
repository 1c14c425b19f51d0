import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchmarkRunResult } from '../../core/contract/benchmark.api.js';
import { AppError, isAppError } from '../../core/contract/errors.js';
import type { EvalRun, RunComparison } from '../../core/contract/eval.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const evalOptions = {
  baseline: { type: 'string' },
  name: { type: 'string' },
  concurrency: { type: 'string' },
  metrics: { type: 'string' },
  results: { type: 'boolean', default: false },
  failed: { type: 'boolean', default: false },
  limit: { type: 'string' },
  format: { type: 'string' },
  model: { type: 'string' },
} as const;

export const evalUsage = `  eval run <suite.yaml> [--baseline RUN] [--name N] [--concurrency N]
                                     exit 0 when the gate passes (or there is none), 1 when it fails, 2 on error
  eval resume <run-id>               continue a cancelled or crashed run; finished cases are kept
  eval validate <suite.yaml>         problems are reported with their line numbers
  eval list | show <run-id> [--results [--failed]] | compare <base-run> <head-run> [--metrics a,b]
  eval benchmark FILE --format hellaswag|mmlu|arc|truthfulqa-mc --model NAME [--limit N]
                                     multiple-choice accuracy by log-likelihood (accuracyNorm: per token, as llama.cpp)`;

/** Exit codes of `eval run` for a CI job. */
export const EVAL_PASSED = 0;
export const EVAL_GATE_FAILED = 1;
export const EVAL_ERROR = 2;

const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? 'n/a' : String(Math.round(v * 1000) / 1000));

function renderRun(run: EvalRun): string {
  const lines = [`Run ${run.id} (${run.name}): ${run.status}${run.interrupted ? ' (interrupted: resume it)' : ''}, ${run.doneItems}/${run.totalItems} items, dataset ${run.dataset.name}@${run.dataset.version}`];
  const s = run.summary;
  if (s) {
    lines.push(`pass rate ${pct(s.passRate)}, errors ${s.errors}, latency p50 ${num(s.latencyMs.p50)} ms, p95 ${num(s.latencyMs.p95)} ms`);
    lines.push(table(s.groups.map((g) => ({ prompt: g.prompt, model: g.model, items: g.items, pass: pct(g.passRate), ...Object.fromEntries(Object.entries(g.metrics).map(([k, m]) => [k, num(m.mean)])) })),
      ['prompt', 'model', 'items', 'pass', ...Object.keys(s.metrics)]));
  }
  if (run.gate) lines.push(`gate ${run.gate.passed ? 'PASSED' : 'FAILED'}`, ...run.gate.checks.map((c) => `  ${c.passed ? '✓' : '✗'} ${c.name}: ${c.message}`));
  if (run.error) lines.push(`error: ${run.error.message}`);
  return lines.join('\n');
}

function renderComparison(c: RunComparison): string {
  const rows = c.metrics.map((m) => ({ metric: m.metric, n: m.n, base: num(m.base), head: num(m.head), delta: num(m.delta), '95% CI': `[${num(m.ci[0])}, ${num(m.ci[1])}]`, p: num(m.pValue), significant: m.significant ? 'yes' : '' }));
  return [`${c.base} → ${c.head}: ${c.paired} paired cases, ${c.unpaired} unpaired`, table(rows, ['metric', 'n', 'base', 'head', 'delta', '95% CI', 'p', 'significant']),
    `${c.regressions.length} regression(s), ${c.improvements.length} improvement(s)`].join('\n');
}

/** Runs a suite and waits; the exit code tells a CI job whether the gate passed. */
async function runSuite(cli: CliContext, method: 'eval.runs.start' | 'eval.runs.resume', params: Record<string, unknown>): Promise<number> {
  const run = await cli.runJob<EvalRun>(method, params, (event) => {
    if (event.topic === 'jobs.progressed') cli.out.progress(`eval ${event.data.message ?? `${Math.round(event.data.progress * 100)}%`}`);
  });
  cli.out.progress('');
  cli.out.result(run, renderRun);
  return run.gate && !run.gate.passed ? EVAL_GATE_FAILED : EVAL_PASSED;
}

async function dispatchVerb(cli: CliContext, argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, evalOptions);
  const [verb, ...rest] = positionals;
  const concurrency = numberFlag(values.concurrency, 'concurrency');
  switch (verb) {
    case 'run':
      return runSuite(cli, 'eval.runs.start', { path: path.resolve(requirePositional(rest, 0, 'the path of a suite .yaml file')), baseline: values.baseline, name: values.name, concurrency });
    case 'resume':
      return runSuite(cli, 'eval.runs.resume', { runId: requirePositional(rest, 0, 'a run id'), concurrency });
    case 'validate':
      cli.out.result(await cli.call('eval.suites.validate', { path: path.resolve(requirePositional(rest, 0, 'the path of a suite .yaml file')) }));
      return 0;
    case 'list': {
      const runs = await cli.call<EvalRun[]>('eval.runs.list', { limit: numberFlag(values.limit, 'limit') ?? 50 });
      cli.out.result(runs, (list: EvalRun[]) => table(list.map((r) => ({ id: r.id, name: r.name, status: r.interrupted ? 'interrupted' : r.status, items: `${r.doneItems}/${r.totalItems}`, gate: r.gate ? (r.gate.passed ? 'pass' : 'fail') : '', created: r.createdAt })), ['id', 'name', 'status', 'items', 'gate', 'created']));
      return 0;
    }
    case 'show': {
      const runId = requirePositional(rest, 0, 'a run id');
      if (values.results) cli.out.result(await cli.call('eval.runs.results', { runId, failedOnly: values.failed, limit: numberFlag(values.limit, 'limit') ?? 100 }));
      else cli.out.result(await cli.call<EvalRun>('eval.runs.get', { runId }), renderRun);
      return 0;
    }
    case 'compare': {
      const metrics = values.metrics?.split(',').map((m) => m.trim()).filter(Boolean);
      cli.out.result(await cli.call<RunComparison>('eval.runs.compare', { base: requirePositional(rest, 0, 'the base run id'), head: requirePositional(rest, 1, 'the head run id'), metrics }), renderComparison);
      return 0;
    }
    case 'benchmark': {
      const file = requirePositional(rest, 0, 'a benchmark file');
      if (!values.model) throw new AppError('INVALID_INPUT', 'Name the model with --model NAME');
      let content: string;
      try {
        content = readFileSync(path.resolve(file), 'utf8');
      } catch {
        throw new AppError('FILE_NOT_FOUND', `${file} cannot be read; check the path`);
      }
      const result = await cli.runJob<BenchmarkRunResult>('eval.benchmark.run', { content, format: values.format ?? 'hellaswag', model: values.model, limit: numberFlag(values.limit, 'limit') }, (event) => {
        if (event.topic === 'jobs.progressed') cli.out.progress(`benchmark ${event.data.message ?? ''}`);
      });
      cli.out.progress('');
      cli.out.result(result, (r: BenchmarkRunResult) => [
        `${r.format} on ${r.model}: ${r.items} items, accuracy ${pct(r.accuracy)} [${pct(r.ci95.accuracy.low)}, ${pct(r.ci95.accuracy.high)}], accuracyNorm ${pct(r.accuracyNorm)} (per token), ${pct(r.accuracyNormChars)} (per byte)`,
        table(r.subjects.map((x) => ({ subject: x.subject, items: x.items, accuracy: pct(x.accuracy.mean), '95% CI': `[${pct(x.accuracy.low)}, ${pct(x.accuracy.high)}]`, accuracyNorm: pct(x.accuracyNorm.mean) })), ['subject', 'items', 'accuracy', '95% CI', 'accuracyNorm']),
        `stored as eval run ${r.runId} (enclave eval show ${r.runId}; compare two models with enclave eval compare)`,
      ].join('\n'));
      return 0;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "eval ${verb ?? ''}"; use run, resume, validate, list, show, compare or benchmark`);
  }
}

/** `enclave eval …`: 0 ok (or gate passed), 1 gate failed, 2 any error (130 when cancelled with Ctrl+C). */
export async function evalCommand(cli: CliContext, argv: string[]): Promise<number> {
  try {
    return await dispatchVerb(cli, argv);
  } catch (error) {
    if (!isAppError(error)) throw error;
    cli.out.error(error.toShape());
    return error.code === 'CANCELLED' ? 130 : EVAL_ERROR;
  }
}
