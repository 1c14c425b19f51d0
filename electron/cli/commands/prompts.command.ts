import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/contract/errors.js';
import type { DiffRow, PromptRunResult, PromptVariable } from '../../core/contract/prompts.api.js';
import { formatSideBySide } from '../../core/prompts/line-diff.js';
import { globalOptions, numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { guardedEcho } from '../guarded-echo.js';
import { table } from '../output.js';
import { promptsAbCommand, promptsAbUsage } from './prompts-ab.command.js';

const promptOptions = {
  system: { type: 'string' },
  user: { type: 'string' },
  'system-file': { type: 'string' },
  'user-file': { type: 'string' },
  kind: { type: 'string' },
  var: { type: 'string', multiple: true },
  model: { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  schema: { type: 'string' },
  guard: { type: 'string' },
  description: { type: 'string' },
  message: { type: 'string', short: 'm' },
  bump: { type: 'string' },
  version: { type: 'string' },
  protected: { type: 'boolean' },
  unprotected: { type: 'boolean' },
  to: { type: 'string' },
  label: { type: 'string' },
  vars: { type: 'string' },
  subject: { type: 'string' },
  seed: { type: 'string' },
} as const;

export const promptsUsage = `  prompts create <name> --user U|--user-file F [--system S|--system-file F] [--kind chat|completion]
                 [--var name:type[?][=default]]... [--model M] [--max-tokens N] [--temperature T] [--schema FILE] [--guard FILE] [-m MSG]
  prompts version <name> [same flags] -m MSG [--bump auto|major|minor|patch] [--version X.Y.Z]
  prompts diff <name> <from> <to>     versions or labels, side by side
  prompts label <name> <label> <version|label> [--protected|--unprotected]
  prompts rollback <name> <label> [--to VERSION]
  prompts list | show <name[@label|@version]> | history <name> [--label L]
  prompts render <name[@label|@version]> --vars '{"topic":"cats"}'
  prompts run <name[@label|@version]> --vars '{"topic":"cats"}' [--model M] [--subject S] [--max-tokens N] [--temperature T] [--seed N]
                 variables pass the version's guardrails; an A/B test on the label splits subjects (default: you)
${promptsAbUsage}`;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `Cannot read ${file}`);
  }
}

/** `--var topic:string`, `--var count:number?=3` (a ? makes it optional, = gives a default). */
export function parseVariable(spec: string): PromptVariable {
  const match = /^([A-Za-z_][\w.]*)(?::(string|number|boolean|json|list))?(\?)?(?:=(.*))?$/s.exec(spec.trim());
  if (!match) throw new AppError('INVALID_INPUT', `--var "${spec}" must look like name:type, name:type? or name:type=default (types: string, number, boolean, json, list)`);
  const [, name = '', type = 'string', optional, fallback] = match;
  const variable: PromptVariable = { name, type: type as PromptVariable['type'], required: optional === undefined && fallback === undefined };
  if (fallback !== undefined) variable.default = type === 'number' ? Number(fallback) : type === 'boolean' ? fallback === 'true' : fallback;
  return variable;
}

type Values = ReturnType<typeof parse<typeof promptOptions>>['values'];

function varsOf(values: Values): unknown {
  try {
    return values.vars ? JSON.parse(values.vars) : {};
  } catch {
    throw new AppError('INVALID_INPUT', '--vars must be a JSON object, e.g. \'{"topic":"cats"}\'');
  }
}

/** The content flags that were given (a new version takes the rest from the latest one). */
function contentOf(values: Values): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  const system = values['system-file'] ? readText(values['system-file']) : values.system;
  const user = values['user-file'] ? readText(values['user-file']) : values.user;
  if (system !== undefined) content.system = system;
  if (user !== undefined) content.user = user;
  if (values.kind !== undefined) content.kind = values.kind;
  if (values.var?.length) content.variables = values.var.map(parseVariable);
  const params: Record<string, unknown> = {};
  if (values.model !== undefined) params.model = values.model;
  if (values['max-tokens'] !== undefined) params.maxTokens = numberFlag(values['max-tokens'], 'max-tokens');
  if (values.temperature !== undefined) params.temperature = numberFlag(values.temperature, 'temperature');
  if (Object.keys(params).length) content.params = params;
  if (values.schema !== undefined) content.outputSchema = readJson(values.schema);
  // Guardrail overrides for this prompt, e.g. {"input":{"pii":{"action":"block"}}}.
  if (values.guard !== undefined) content.guard = readJson(values.guard);
  return content;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readText(file)) as unknown;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INVALID_INPUT', `${file} is not valid JSON`);
  }
}

function renderDiff(diff: { from: string; to: string; sections: Array<{ field: string; changed: boolean; rows: DiffRow[] }>; suggestion: { bump: string | null; reasons: Array<{ reason: string }> } }): string {
  const parts = diff.sections.filter((s) => s.changed).map((s) => `── ${s.field} ──\n${formatSideBySide(s.rows)}`);
  const bump = diff.suggestion.bump ? `suggested bump: ${diff.suggestion.bump} (${diff.suggestion.reasons.map((r) => r.reason).join('; ')})` : 'no changes';
  return [`${diff.from} → ${diff.to}`, ...parts, bump].join('\n\n');
}

/** `prompts ab …` has flags of its own, so it is found before the strict parse below would refuse them. */
function isAbLine(argv: string[]): boolean {
  return parseArgs({ args: argv, options: globalOptions, allowPositionals: true, strict: false }).positionals[0] === 'ab';
}

export async function promptsCommand(cli: CliContext, argv: string[]): Promise<void> {
  if (isAbLine(argv)) return promptsAbCommand(cli, argv);
  const { positionals, values } = parse(argv, promptOptions);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'create': {
      const name = requirePositional(rest, 0, 'a prompt name');
      const version = await cli.call('prompts.create', { name, description: values.description, message: values.message, version: values.version, ...contentOf(values) });
      cli.out.result(version, (v: { name: string; version: string }) => `Created ${v.name}@${v.version}`);
      return;
    }
    case 'version': {
      const prompt = requirePositional(rest, 0, 'a prompt name');
      if (!values.message) throw new AppError('INVALID_INPUT', 'Say what changed with -m "message"');
      const result = await cli.call('prompts.version', { prompt, message: values.message, bump: values.bump, version: values.version, ...contentOf(values) });
      cli.out.result(result, (r: { version: { name: string; version: string }; previous: string; suggestion: { bump: string } }) => `Created ${r.version.name}@${r.version.version} (from ${r.previous}; suggested bump: ${r.suggestion.bump})`);
      return;
    }
    case 'diff': {
      const diff = await cli.call('prompts.diff', { prompt: requirePositional(rest, 0, 'a prompt name'), from: requirePositional(rest, 1, 'the version to compare from'), to: requirePositional(rest, 2, 'the version to compare to') });
      cli.out.result(diff, renderDiff);
      return;
    }
    case 'label': {
      if (values.protected && values.unprotected) throw new AppError('INVALID_INPUT', 'Give --protected or --unprotected, not both');
      const isProtected = values.protected ? true : values.unprotected ? false : undefined;
      const result = await cli.call('prompts.label', { prompt: requirePositional(rest, 0, 'a prompt name'), label: requirePositional(rest, 1, 'a label'), version: requirePositional(rest, 2, 'a version or label'), protected: isProtected });
      cli.out.result(result, (r: { label: string; version: string; previous: string | null; protected: boolean }) => `${r.label} → ${r.version}${r.previous ? ` (was ${r.previous})` : ''}${r.protected ? ' [protected]' : ''}`);
      return;
    }
    case 'rollback': {
      const result = await cli.call('prompts.rollback', { prompt: requirePositional(rest, 0, 'a prompt name'), label: requirePositional(rest, 1, 'a label'), to: values.to });
      cli.out.result(result, (r: { label: string; version: string; previous: string | null }) => `${r.label} rolled back to ${r.version} (was ${r.previous})`);
      return;
    }
    case 'list': {
      const list = await cli.call<Array<{ name: string; latest: string; versions: number; labels: Array<{ label: string; version: string }> }>>('prompts.list', {});
      cli.out.result(list, (l: typeof list) => table(l.map((p) => ({ name: p.name, latest: p.latest, versions: p.versions, labels: p.labels.map((x) => `${x.label}=${x.version}`).join(' ') })), ['name', 'latest', 'versions', 'labels']));
      return;
    }
    case 'show':
      cli.out.result(await cli.call('prompts.show', { ref: requirePositional(rest, 0, 'a prompt (name, name@label or name@version)') }));
      return;
    case 'history':
      cli.out.result(await cli.call('prompts.history', { prompt: requirePositional(rest, 0, 'a prompt name'), label: values.label }));
      return;
    case 'render':
      cli.out.result(await cli.call('prompts.render', { ref: requirePositional(rest, 0, 'a prompt'), variables: varsOf(values) }));
      return;
    case 'run': {
      const streaming = !cli.out.json;
      const echo = guardedEcho();
      const params = {
        ref: requirePositional(rest, 0, 'a prompt'), variables: varsOf(values), model: values.model, subject: values.subject,
        maxTokens: numberFlag(values['max-tokens'], 'max-tokens'), temperature: numberFlag(values.temperature, 'temperature'), seed: numberFlag(values.seed, 'seed'),
      };
      const result = await cli.runJob<PromptRunResult>('prompts.run', params, (event) => {
        if (streaming && event.topic === 'inference.tokensGenerated') echo.write(event.data.text);
      });
      if (!streaming) return cli.out.result(result);
      echo.finish(result.text);
      process.stdout.write('\n');
      const arm = result.ab ? `, A/B ${result.ab.arm}` : '';
      process.stderr.write(`[${result.name}@${result.version}${arm}, ${result.model}: ${result.promptTokens} prompt + ${result.completionTokens} completion tokens, ${result.latencyMs} ms${result.blocked ? ', blocked by the input guardrails' : ''}]\n`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "prompts ${verb ?? ''}"; use create, version, diff, label, rollback, list, show, history, render, run or ab`);
  }
}
