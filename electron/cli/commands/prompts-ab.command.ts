import { AppError } from '../../core/contract/errors.js';
import { abArms, type AbTest } from '../../core/contract/prompts.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const abOptions = {
  control: { type: 'string' },
  candidate: { type: 'string' },
  percent: { type: 'string' },
  metric: { type: 'string' },
  threshold: { type: 'string' },
  'min-samples': { type: 'string' },
  name: { type: 'string' },
  subject: { type: 'string' },
  arm: { type: 'string' },
  value: { type: 'string' },
  reason: { type: 'string' },
} as const;

export const promptsAbUsage = `  prompts ab create <name> --control LABEL --candidate LABEL --percent P [--metric feedback|judge|latencyMs|NAME]
                 [--threshold T] [--min-samples N] [--name N]     splits callers of the control label; below T the test rolls back
  prompts ab list [<name>] | show <testId>
  prompts ab record <testId> --metric M --value V (--subject S | --arm control|candidate)
  prompts ab promote <testId>         the control label moves to the candidate's version; the test ends
  prompts ab rollback <testId> [--reason R]   the test ends; everyone gets the control label again`;

/** A metric with as many decimals as its size deserves; no outcomes yet is a dash. */
function metric(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  const size = Math.abs(value);
  return value.toFixed(size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3);
}

function significanceLine(test: AbTest): string {
  const s = test.significance;
  if (!s) return `${test.monitor.metric}: no significance yet (each arm needs at least two outcomes)`;
  const sign = s.difference > 0 ? '+' : s.difference < 0 ? '-' : '±';
  const p = s.pValue < 0.001 ? 'p < 0.001' : `p = ${s.pValue.toFixed(3)}`;
  return `${s.metric}: candidate ${sign}${metric(Math.abs(s.difference))} vs control (t = ${s.t.toFixed(2)}, df = ${s.df.toFixed(1)}, ${p}): ${s.significant ? 'significant' : 'not significant'}`;
}

/** A test as a person reads it: what it compares, a table of the arms, the t-test and the decision once ended. */
export function renderAbTest(test: AbTest): string {
  const { monitor } = test;
  const rollback = monitor.threshold === null ? 'no automatic rollback' : `rolls back below ${monitor.threshold} after ${monitor.minSamples} outcomes`;
  const arms = test.arms.map((a) => ({ arm: a.arm, label: a.label, version: a.version, n: a.n, mean: metric(a.mean), sd: metric(a.sd) }));
  const lines = [
    `${test.prompt}: ${test.name} [${test.status.replace('_', ' ')}]  ${test.id}`,
    `${test.candidatePercent}% to the candidate; watching ${monitor.metric}, ${rollback}`,
    '',
    table(arms, ['arm', 'label', 'version', 'n', 'mean', 'sd']) + (test.status === 'running' ? '' : '\n(versions: those the arms ran when the test ended)'),
    '',
    significanceLine(test),
  ];
  if (test.decision) {
    const entries = Object.entries(test.decision).filter(([key, value]) => key !== 'significance' && value !== null && value !== undefined);
    lines.push(`decision: ${entries.map(([key, value]) => `${key} ${typeof value === 'number' ? Number(value.toPrecision(4)) : typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ')}`);
  }
  return lines.join('\n');
}

function requireFlag(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value.trim() === '') throw new AppError('INVALID_INPUT', `Give --${flag} ${what}`);
  return value;
}

/** `--percent`, `--threshold`, `--min-samples`: checked here so the message names the flag. */
function createInput(prompt: string, values: ReturnType<typeof parse<typeof abOptions>>['values']) {
  const candidatePercent = numberFlag(requireFlag(values.percent, 'percent', 'P (the share of subjects the candidate gets, 0 to 100)'), 'percent')!;
  if (candidatePercent < 0 || candidatePercent > 100) throw new AppError('INVALID_INPUT', `--percent must be from 0 to 100, got ${values.percent}`);
  const minSamples = numberFlag(values['min-samples'], 'min-samples');
  if (minSamples !== undefined && (!Number.isInteger(minSamples) || minSamples < 1)) throw new AppError('INVALID_INPUT', `--min-samples must be a whole number of at least 1, got ${values['min-samples']}`);
  return {
    prompt,
    name: values.name,
    controlLabel: requireFlag(values.control, 'control', 'LABEL (the label callers get today, e.g. production)'),
    candidateLabel: requireFlag(values.candidate, 'candidate', 'LABEL (the label under test, e.g. staging)'),
    candidatePercent,
    monitor: { metric: values.metric, threshold: numberFlag(values.threshold, 'threshold') ?? null, minSamples },
  };
}

/** `enclave prompts ab …`: argv still starts with `ab`. */
export async function promptsAbCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, abOptions);
  const [verb, ...rest] = positionals.slice(1);
  switch (verb) {
    case 'create': {
      const test = await cli.call<AbTest>('prompts.ab.create', createInput(requirePositional(rest, 0, 'a prompt name'), values));
      cli.out.result(test, (t: AbTest) => `Started A/B test ${t.id}\n\n${renderAbTest(t)}`);
      return;
    }
    case 'list': {
      const tests = await cli.call<AbTest[]>('prompts.ab.list', rest[0] === undefined ? {} : { prompt: rest[0] });
      const rows = (list: AbTest[]) =>
        list.map((t) => ({
          id: t.id, prompt: t.prompt, name: t.name, status: t.status, split: `${t.controlLabel} ${100 - t.candidatePercent}% / ${t.candidateLabel} ${t.candidatePercent}%`,
          metric: t.monitor.metric, outcomes: t.arms.map((a) => a.n).join(' / '),
        }));
      cli.out.result(tests, (list: AbTest[]) => table(rows(list), ['id', 'prompt', 'name', 'status', 'split', 'metric', 'outcomes']));
      return;
    }
    case 'show':
      cli.out.result(await cli.call<AbTest>('prompts.ab.get', { testId: requirePositional(rest, 0, 'a test id (`enclave prompts ab list` shows them)') }), renderAbTest);
      return;
    case 'record': {
      const testId = requirePositional(rest, 0, 'a test id');
      if ((values.subject === undefined) === (values.arm === undefined)) throw new AppError('INVALID_INPUT', 'Give --subject S (its arm is looked up) or --arm control|candidate, one of the two');
      if (values.arm !== undefined && !(abArms as readonly string[]).includes(values.arm)) throw new AppError('INVALID_INPUT', `--arm must be control or candidate, got "${values.arm}"`);
      const value = numberFlag(requireFlag(values.value, 'value', 'V (the outcome, a number)'), 'value');
      const result = await cli.call<{ recorded: boolean; test: AbTest; autoRolledBack: boolean }>('prompts.ab.record', {
        testId, subject: values.subject, arm: values.arm, metric: requireFlag(values.metric, 'metric', 'M (e.g. feedback)'), value,
      });
      cli.out.result(result, (r: typeof result) => {
        if (!r.recorded) return `Not recorded: the test already ended (${r.test.status.replace('_', ' ')})`;
        const rolledBack = r.autoRolledBack ? `\nThe candidate's mean ${r.test.monitor.metric} fell below ${r.test.monitor.threshold}: the test rolled back by itself` : '';
        return `Recorded ${values.metric} = ${value} (${values.arm ?? `subject ${values.subject}`})${rolledBack}`;
      });
      return;
    }
    case 'promote': {
      const testId = requirePositional(rest, 0, 'a test id');
      const before = await cli.call<AbTest>('prompts.ab.get', { testId });
      const test = await cli.call<AbTest>('prompts.ab.promote', { testId });
      const from = before.arms.find((a) => a.arm === 'control')?.version;
      cli.out.result(test, (t: AbTest) => `Promoted: ${t.controlLabel} ${from} → ${String(t.decision?.version)}; the test ended\n\n${renderAbTest(t)}`);
      return;
    }
    case 'rollback': {
      const test = await cli.call<AbTest>('prompts.ab.rollback', { testId: requirePositional(rest, 0, 'a test id'), reason: values.reason });
      cli.out.result(test, (t: AbTest) => `Rolled back: everyone gets ${t.controlLabel} again; no label moved\n\n${renderAbTest(t)}`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "prompts ab ${verb ?? ''}"; use create, list, show, record, promote or rollback`);
  }
}
