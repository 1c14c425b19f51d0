import { readFileSync } from 'node:fs';
import { AppError } from '../../core/contract/errors.js';
import type { ChatMessage, GenerationResult } from '../../core/contract/schemas.js';
import { numberFlag, parse } from '../args.js';
import type { CliContext } from '../cli-context.js';

const generateOptions = {
  model: { type: 'string', short: 'm' },
  prompt: { type: 'string', short: 'p' },
  system: { type: 'string' },
  user: { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  'top-k': { type: 'string' },
  seed: { type: 'string' },
  stop: { type: 'string', multiple: true },
  'json-schema': { type: 'string' },
} as const;

export async function generateCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { values } = parse(argv, generateOptions);
  if (!values.model) throw new AppError('INVALID_INPUT', 'Name a model with --model <name|id|path>');
  const messages: ChatMessage[] = [];
  if (values.system) messages.push({ role: 'system', content: values.system });
  if (values.user !== undefined) messages.push({ role: 'user', content: values.user });
  const params = {
    model: values.model,
    ...(messages.length > 0 ? { messages } : { prompt: values.prompt ?? '' }),
    maxTokens: numberFlag(values['max-tokens'], 'max-tokens'),
    temperature: numberFlag(values.temperature, 'temperature'),
    topP: numberFlag(values['top-p'], 'top-p'),
    topK: numberFlag(values['top-k'], 'top-k'),
    seed: numberFlag(values.seed, 'seed'),
    stop: values.stop,
    jsonSchema: values['json-schema'] ? readSchema(values['json-schema']) : undefined,
  };
  const streaming = !cli.out.json;
  const result = await cli.runJob<GenerationResult>('inference.generate', params, (event) => {
    if (streaming && event.topic === 'inference.tokensGenerated') process.stdout.write(event.data.text);
  });
  if (streaming) {
    process.stdout.write('\n');
    process.stderr.write(`[${result.promptTokens} prompt + ${result.completionTokens} completion tokens, ttft ${result.ttftMs} ms, ${result.tokensPerSecond} tok/s, ${result.stopReason}]\n`);
  } else {
    cli.out.result(result);
  }
}

function readSchema(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `--json-schema ${file} is not a readable JSON file: ${(error as Error).message}`);
  }
}
