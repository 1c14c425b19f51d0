import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/contract/errors.js';
import type { BundlePreview } from '../../core/contract/transfer.api.js';
import { parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const bundleOptions = {
  out: { type: 'string', short: 'o' },
  all: { type: 'boolean', default: false },
  prompts: { type: 'string', multiple: true },
  datasets: { type: 'string', multiple: true },
  runs: { type: 'string', multiple: true },
  models: { type: 'string', multiple: true },
  recipient: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
} as const;

export const bundleUsage = `  bundle export --out FILE [--all] [--prompts A,B] [--datasets D] [--runs RUN_ID] [--models M] [--recipient NAME]
                                     one signed file; --recipient encrypts it for a trusted installation
  bundle inspect FILE                signer (fingerprint, trusted or not), every object: new / exists / conflict / corrupt
  bundle import FILE [--dry-run]     verify, then merge every new object in one transaction (conflicts are reported)`;

/** `--prompts a,b --prompts c` → [a, b, c]. */
const list = (values: string[] | undefined): string[] | undefined => values?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

export async function bundleCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, bundleOptions);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'export': {
      if (!values.out) throw new AppError('INVALID_INPUT', 'Say where to write the bundle with --out FILE');
      const selection = { all: values.all || undefined, prompts: list(values.prompts), datasets: list(values.datasets), runs: list(values.runs), models: list(values.models) };
      const exported = await cli.runJob<{ content: string; bundleId: string; objects: number; bytes: number; counts: Record<string, number>; encryptedFor: string | null }>('transfer.export', { ...selection, recipient: values.recipient });
      // The CLI writes the file itself, as the user running it: the core never writes where a caller says.
      const out = path.resolve(values.out);
      await writeFile(out, Buffer.from(exported.content, 'base64'), { mode: 0o600 });
      const result = { ...exported, content: undefined, path: out };
      cli.out.result(result, (r: typeof result) => `Wrote ${r.objects} object(s) (${Object.entries(r.counts).map(([k, n]) => `${n} ${k}`).join(', ')}) to ${r.path}, ${r.bytes} bytes${r.encryptedFor ? `, encrypted for ${r.encryptedFor}` : ''}; bundle ${r.bundleId}`);
      return;
    }
    case 'inspect': {
      const content = await readBundle(requirePositional(rest, 0, 'the bundle file'));
      cli.out.result(await cli.call<BundlePreview>('transfer.inspect', { content }), describe);
      return;
    }
    case 'import': {
      const content = await readBundle(requirePositional(rest, 0, 'the bundle file'));
      const result = await cli.runJob<BundlePreview & { dryRun: boolean; merged: number }>('transfer.import', { content, dryRun: values['dry-run'] });
      cli.out.result(result, (r: typeof result) => `${describe(r)}\n${r.dryRun ? 'Dry run: nothing was imported' : `Imported ${r.merged} object(s)`}`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', 'Use `enclave bundle export|inspect|import`; see `enclave --help`');
  }
}

async function readBundle(file: string): Promise<string> {
  try {
    return (await readFile(path.resolve(file))).toString('base64');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `Cannot read the bundle ${file}`, { path: file });
  }
}

function describe(p: BundlePreview): string {
  const signer = p.source.trustedAs === null ? `NOT TRUSTED (${p.source.name || 'unnamed'})` : p.source.trustedAs;
  const objects = p.objects.filter((o) => o.kind !== 'eval-results' || o.status !== 'exists');
  return [
    `Bundle ${p.bundleId} of ${p.createdAt}${p.encrypted ? ', encrypted for this installation' : ''}`,
    `Signed by ${signer}, fingerprint ${p.source.display}`,
    `${p.counts.new} new, ${p.counts.exists} already here, ${p.counts.conflict} conflict(s), ${p.counts.corrupt} corrupt`,
    table(objects.map((o) => ({ ...o, reason: o.reason ?? '' })), ['status', 'kind', 'key', 'reason']),
  ].join('\n');
}
