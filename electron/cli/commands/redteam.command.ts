import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '../../core/contract/errors.js';
import type { RedteamComparison, RedteamRun, RedteamRunInfo } from '../../core/contract/redteam.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';
import { EVAL_ERROR, EVAL_GATE_FAILED, EVAL_PASSED } from './eval.command.js';

const options = {
  model: { type: 'string' },
  prompt: { type: 'string' },
  variable: { type: 'string' },
  canary: { type: 'string' },
  collection: { type: 'string' },
  risks: { type: 'string' },
  strategies: { type: 'string' },
  probes: { type: 'string', multiple: true },
  limit: { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-asr': { type: 'string' },
  judge: { type: 'string' },
  attacker: { type: 'string' },
  'no-shared': { type: 'boolean', default: false },
  report: { type: 'string' },
  name: { type: 'string' },
  failed: { type: 'boolean', default: false },
} as const;

export const redteamUsage = `  redteam run [suite.yaml] [--model NAME] [--prompt REF] [--collection NAME] [--risks LLM01,LLM07] [--strategies none,base64,…]
              [--probes FILE.jsonl|yaml]… [--limit N] [--max-asr 0.1] [--judge MODEL] [--report FILE.html] [--json]
                                     attack a model or a registry prompt (a canary is planted in its system prompt),
                                     or a RAG collection (poisoned documents planted in a scratch copy, then asked about);
                                     exit 0 when the gate passes (or there is none), 1 when it fails, 2 on error
  redteam list | show <run-id> [--failed] [--report FILE.html] | compare <base-run> <head-run>`;

const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const list = (value: string | undefined): string[] | undefined => value?.split(',').map((v) => v.trim()).filter(Boolean);

function renderRun(run: RedteamRunInfo): string {
  const s = run.summary;
  const lines = [
    `Red-team run ${run.id} (${run.name}): ${run.status}, target ${run.target.collection ? `collection ${run.target.collection}, ` : ''}${run.target.prompt ? `${run.target.prompt} on ` : ''}${run.target.model}`,
    `attack success rate ${pct(s.overall.rate)} (${s.overall.successes} of ${s.overall.attempts})${s.errors ? `, ${s.errors} not graded` : ''}`,
    table(Object.entries(s.byRisk).map(([risk, r]) => ({ risk, attacks: r.attempts, through: r.successes, rate: pct(r.rate) })), ['risk', 'attacks', 'through', 'rate']),
    table(Object.entries(s.byStrategy).map(([strategy, r]) => ({ strategy, attacks: r.attempts, through: r.successes, rate: pct(r.rate) })), ['strategy', 'attacks', 'through', 'rate']),
  ];
  if (run.gate) lines.push(`gate ${run.gate.passed ? 'PASSED' : 'FAILED'}`, ...run.gate.checks.map((c) => `  ${c.passed ? '✓' : '✗'} ${c.name}: ${c.message}`));
  return lines.join('\n');
}

function renderComparison(c: RedteamComparison): string {
  return [
    `${c.base} → ${c.head}: overall ${pct(c.overall.base)} → ${pct(c.overall.head)}`,
    table(c.byRisk.map((r) => ({ risk: r.risk, base: pct(r.base), head: pct(r.head), delta: pct(r.delta) })), ['risk', 'base', 'head', 'delta']),
    table(c.byStrategy.map((r) => ({ strategy: r.strategy, base: pct(r.base), head: pct(r.head), delta: pct(r.delta) })), ['strategy', 'base', 'head', 'delta']),
    `${c.newFailures.length} attack(s) newly got through, ${c.fixed.length} newly held`,
  ].join('\n');
}

async function writeReport(cli: CliContext, runId: string, file: string): Promise<void> {
  const { html } = await cli.call<{ html: string }>('redteam.runs.report', { runId });
  writeFileSync(path.resolve(file), html);
  cli.out.progress('');
  if (!cli.out.json) process.stderr.write(`report written to ${path.resolve(file)}\n`);
}

async function dispatchVerb(cli: CliContext, argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, options);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'run': {
      const maxAsr = numberFlag(values['max-asr'], 'max-asr');
      const params = {
        name: values.name,
        suitePath: rest[0] ? path.resolve(rest[0]) : undefined,
        target: { model: values.model, prompt: values.prompt, variable: values.variable, canary: values.canary, collection: values.collection },
        probeFiles: (values.probes ?? []).map((f) => path.resolve(f)),
        risks: list(values.risks)?.map((r) => r.toUpperCase()),
        strategies: list(values.strategies),
        limit: numberFlag(values.limit, 'limit'),
        maxTokens: numberFlag(values['max-tokens'], 'max-tokens'),
        sharedCorpus: !values['no-shared'],
        judgeModel: values.judge,
        attackerModel: values.attacker,
        ...(maxAsr !== undefined ? { gate: { maxSuccessRate: maxAsr } } : {}),
      };
      const run = await cli.runJob<RedteamRunInfo>('redteam.runs.start', params, (event) => {
        if (event.topic === 'jobs.progressed') cli.out.progress(`redteam ${event.data.message ?? `${Math.round(event.data.progress * 100)}%`}`);
      });
      cli.out.progress('');
      if (values.report) await writeReport(cli, run.id, values.report);
      cli.out.result(run, renderRun);
      return run.gate && !run.gate.passed ? EVAL_GATE_FAILED : EVAL_PASSED;
    }
    case 'list': {
      const runs = await cli.call<RedteamRunInfo[]>('redteam.runs.list', { limit: numberFlag(values.limit, 'limit') ?? 50 });
      cli.out.result(runs, (rows: RedteamRunInfo[]) => table(rows.map((r) => ({ id: r.id, name: r.name, status: r.status, attacks: r.summary.overall.attempts, asr: pct(r.summary.overall.rate), gate: r.gate ? (r.gate.passed ? 'pass' : 'fail') : '', created: r.createdAt })), ['id', 'name', 'status', 'attacks', 'asr', 'gate', 'created']));
      return 0;
    }
    case 'show': {
      const runId = requirePositional(rest, 0, 'a red-team run id');
      const run = await cli.call<RedteamRun>('redteam.runs.get', { runId, failedOnly: values.failed });
      if (values.report) await writeReport(cli, runId, values.report);
      cli.out.result(run, (r: RedteamRun) => [renderRun(r), ...r.results.filter((x) => x.success).map((x) => `✗ ${x.probeId} [${x.strategy}] ${x.reason}`)].join('\n'));
      return 0;
    }
    case 'compare':
      cli.out.result(await cli.call<RedteamComparison>('redteam.runs.compare', { base: requirePositional(rest, 0, 'the base run id'), head: requirePositional(rest, 1, 'the head run id') }), renderComparison);
      return 0;
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "redteam ${verb ?? ''}"; use run, list, show or compare`);
  }
}

/** `enclave redteam …`: 0 ok (or gate passed), 1 gate failed, 2 any error (130 when cancelled), like `eval run`. */
export async function redteamCommand(cli: CliContext, argv: string[]): Promise<number> {
  try {
    return await dispatchVerb(cli, argv);
  } catch (error) {
    if (!isAppError(error)) throw error;
    cli.out.error(error.toShape());
    return error.code === 'CANCELLED' ? 130 : EVAL_ERROR;
  }
}
