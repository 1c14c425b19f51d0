import { writeFile } from 'node:fs/promises';
import { AppError } from '../../core/contract/errors.js';
import type { DecisionRecord } from '../../core/contract/compliance.api.js';
import { parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';

/** `enclave models card NAME --format md|html|json [--out FILE] [--versions]`. */
export async function modelCardCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { format: { type: 'string' }, out: { type: 'string', short: 'o' }, versions: { type: 'boolean', default: false } });
  const model = requirePositional(positionals, 1, 'a model name or id');
  if (values.versions) return cli.out.result(await cli.call('compliance.modelCardVersions', { model }));
  const format = values.format ?? 'md';
  const card = await cli.call<{ version: number; digest: string; format: string; content: string }>('compliance.modelCard', { model, format });
  if (values.out) {
    await writeFile(values.out, card.content, 'utf8');
    return cli.out.result({ version: card.version, digest: card.digest, format: card.format, path: values.out }, () => `Model card version ${card.version} written to ${values.out}`);
  }
  // The card itself is the output: its JSON format is already JSON, so --json adds nothing around it.
  process.stdout.write(card.content.endsWith('\n') ? card.content : `${card.content}\n`);
}

/** `enclave trace record TRACE --out FILE`: the decision record of one answer. */
export async function traceCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { out: { type: 'string', short: 'o' } });
  const [verb, ...rest] = positionals;
  if (verb !== 'record') throw new AppError('INVALID_INPUT', `Unknown command "trace ${verb ?? ''}"; use \`enclave trace record TRACE --out FILE\` (traces are listed with \`enclave traces\`)`);
  const record = await cli.call<DecisionRecord>('compliance.decisionRecord', { traceId: requirePositional(rest, 0, 'a trace id') });
  if (!values.out) return cli.out.result(record);
  await writeFile(values.out, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
  cli.out.result({ traceId: record.traceId, path: values.out, withheld: record.withheld !== undefined }, () =>
    `Decision record of ${record.traceId} written to ${values.out}${record.withheld ? ' (passages you may not read are left out)' : ''}`);
}
