import { AppError } from '../../core/contract/errors.js';
import { numberFlag, parse } from '../args.js';
import type { CliContext } from '../cli-context.js';

export const openAiApiUsage = `  openai-api get | set [--on|--off] [--port N]   the desktop app's OpenAI-compatible API on 127.0.0.1 (off by default;
                      takes effect when the app starts; \`enclave serve\` always serves /v1 with API tokens)`;

const options = { on: { type: 'boolean' }, off: { type: 'boolean' }, port: { type: 'string' } } as const;

/** `enclave openai-api`: reads or changes `openai.settings` (the desktop app's loopback /v1 server). */
export async function openAiApiCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  const verb = positionals[0] ?? 'get';
  if (verb === 'get') return cli.out.result(await cli.call('openai.settings.get', {}));
  if (verb !== 'set') throw new AppError('INVALID_INPUT', `Unknown command "openai-api ${verb}"; use get or set`);
  if (values.on && values.off) throw new AppError('INVALID_INPUT', 'Give --on or --off, not both');
  const patch = {
    ...(values.on ? { enabled: true } : values.off ? { enabled: false } : {}),
    ...(values.port !== undefined ? { port: numberFlag(values.port, 'port') } : {}),
  };
  if (Object.keys(patch).length === 0) throw new AppError('INVALID_INPUT', 'Nothing to change: give --on, --off or --port N');
  cli.out.result(await cli.call('openai.settings.update', patch));
}
