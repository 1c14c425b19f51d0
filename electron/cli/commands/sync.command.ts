import { AppError } from '../../core/contract/errors.js';
import { parse } from '../args.js';
import type { CliContext } from '../cli-context.js';

const syncOptions = {
  remote: { type: 'string' },
  token: { type: 'string' },
} as const;

export const syncUsage = `  sync push|pull --remote URL --token T
                                     move only what the other Enclave server lacks, as verified bundles; conflicts are
                                     reported, never resolved. T: an API token there (or ENCLAVE_SYNC_TOKEN)`;

interface SyncReport { direction: string; remote: string; missing: number; bundles: number; merged: number; conflicts: Array<{ key: string; reason: string | null }> }

export async function syncCommand(cli: CliContext, argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, syncOptions);
  const direction = positionals[0];
  if (direction !== 'push' && direction !== 'pull') throw new AppError('INVALID_INPUT', 'Use `enclave sync push|pull --remote URL --token T`');
  if (!values.remote) throw new AppError('INVALID_INPUT', 'Give the other server with --remote URL (as printed by `enclave serve`, without ?token=)');
  // A token on the command line shows in `ps`; the environment variable keeps it out.
  const token = values.token ?? process.env.ENCLAVE_SYNC_TOKEN;
  if (!token) throw new AppError('INVALID_INPUT', 'Give an API token of an account on the other server with --token T or ENCLAVE_SYNC_TOKEN');
  const report = await cli.runJob<SyncReport>('transfer.sync', { direction, remote: values.remote, token });
  cli.out.result(report, (r: SyncReport) => {
    const lines = [`${r.direction === 'push' ? 'Pushed to' : 'Pulled from'} ${r.remote}: ${r.missing} object(s) missing, ${r.merged} merged in ${r.bundles} bundle(s)`];
    for (const c of r.conflicts) lines.push(`conflict: ${c.key}: ${c.reason ?? ''}`);
    return lines.join('\n');
  });
  // Conflicts are not an error, but a script must notice them.
  return report.conflicts.length > 0 ? 3 : 0;
}
