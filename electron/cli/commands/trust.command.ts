import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/contract/errors.js';
import type { TrustEntry } from '../../core/contract/transfer.api.js';
import { parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const trustOptions = {
  out: { type: 'string', short: 'o' },
  'key-file': { type: 'string' },
  'sync-url': { type: 'string' },
  fingerprint: { type: 'string' },
} as const;

export const trustUsage = `  trust self [--out KEY]             this installation's public transfer key and its fingerprint
  trust add NAME --key-file KEY [--fingerprint F] [--sync-url URL]
                                     accept bundles signed by that installation (compare the fingerprint out of band)
  trust list | remove NAME`;

export async function trustCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, trustOptions);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'self': {
      const self = await cli.call<{ name: string; fingerprint: string; display: string; keyFile: string }>('transfer.trust.self', {});
      if (values.out) await writeFile(path.resolve(values.out), self.keyFile, 'utf8');
      const result = { ...self, path: values.out ? path.resolve(values.out) : null };
      cli.out.result(result, (r: typeof result) => `${r.path ? `Wrote the public key of ${r.name} to ${r.path}\n` : r.keyFile}Fingerprint: ${r.display}`);
      return;
    }
    case 'add': {
      const name = requirePositional(rest, 0, 'a name for the other installation');
      if (!values['key-file']) throw new AppError('INVALID_INPUT', "Give the other installation's key file with --key-file KEY (its `enclave trust self --out KEY`)");
      const keyFile = await readFile(path.resolve(values['key-file']), 'utf8').catch(() => {
        throw new AppError('FILE_NOT_FOUND', `Cannot read the key file ${values['key-file'] as string}`);
      });
      const added = await cli.call<TrustEntry>('transfer.trust.add', { name, keyFile, syncUrl: values['sync-url'], expectFingerprint: values.fingerprint });
      cli.out.result(added, (e: TrustEntry) => `Trusted ${e.name}: fingerprint ${e.display}${e.syncUrl ? `, sync ${e.syncUrl}` : ''}`);
      return;
    }
    case 'list': {
      const entries = await cli.call<TrustEntry[]>('transfer.trust.list', {});
      cli.out.result(entries, (l: TrustEntry[]) => table(l.map((e) => ({ ...e, syncUrl: e.syncUrl ?? '' })), ['name', 'display', 'syncUrl', 'addedBy', 'addedAt']));
      return;
    }
    case 'remove': {
      const name = requirePositional(rest, 0, 'the trusted installation to remove');
      cli.out.result(await cli.call('transfer.trust.remove', { name }), () => `${name} is no longer trusted`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', 'Use `enclave trust self|add|list|remove`; see `enclave --help`');
  }
}
