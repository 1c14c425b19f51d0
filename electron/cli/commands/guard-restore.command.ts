import { readFileSync } from 'node:fs';
import { AppError } from '../../core/contract/errors.js';
import { parse } from '../args.js';
import type { CliContext } from '../cli-context.js';

/**
 * `enclave guard restore --scope TRACE_OR_JOB_ID (--text T | --file F)`: the original values in place of the
 * pseudonyms, for holders of `guard.restore`; the use is audited, the values are not copied into the trail.
 */
export async function guardRestoreCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { values } = parse(argv, { scope: { type: 'string' }, text: { type: 'string' }, file: { type: 'string' } });
  if (!values.scope) throw new AppError('INVALID_INPUT', 'Name the scope with --scope: the answer\'s trace id (rag.ask) or the run\'s job id (prompts.run)');
  if ((values.text === undefined) === (values.file === undefined)) throw new AppError('INVALID_INPUT', 'Give the text with --text T or --file F (one of them)');
  let text = values.text ?? '';
  if (values.file !== undefined) {
    try {
      text = readFileSync(values.file, 'utf8');
    } catch {
      throw new AppError('FILE_NOT_FOUND', `Cannot read ${values.file}`);
    }
  }
  const result = await cli.call<{ text: string; restored: number; unknown: number }>('guard.restore', { scope: values.scope, text });
  cli.out.result(result, (r: typeof result) => `${r.text}\n[${r.restored} restored${r.unknown ? `, ${r.unknown} not in this scope's vault` : ''}]`);
}
