import { AppError } from '../../core/contract/errors.js';
import { numberFlag, parse } from '../args.js';
import type { CliContext } from '../cli-context.js';

const settingsOptions = {
  gpu: { type: 'string' },
  threads: { type: 'string' },
  'parallel-sequences': { type: 'string' },
  'context-size': { type: 'string' },
} as const;

export async function settingsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, settingsOptions);
  const verb = positionals[0] ?? 'get';
  if (verb === 'get') return cli.out.result(await cli.call('settings.get', {}));
  if (verb !== 'set') throw new AppError('INVALID_INPUT', `Unknown command "settings ${verb}"; use get or set`);
  const patch = {
    gpu: values.gpu,
    threads: values.threads === 'auto' ? 'auto' : numberFlag(values.threads, 'threads'),
    parallelSequences: numberFlag(values['parallel-sequences'], 'parallel-sequences'),
    contextSize: numberFlag(values['context-size'], 'context-size'),
  };
  cli.out.result(await cli.call('settings.update', Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))));
}
