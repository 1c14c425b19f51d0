import path from 'node:path';
import { AppError } from '../../core/contract/errors.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const datasetOptions = {
  name: { type: 'string' },
  format: { type: 'string' },
  note: { type: 'string' },
  description: { type: 'string' },
  out: { type: 'string', short: 'o' },
  limit: { type: 'string' },
} as const;

export const datasetsUsage = `  datasets import <file.jsonl|file.csv> --name N [--format jsonl|csv] [--note T]
                                     broken rows are reported by line, the rest imported as a new version
  datasets export <name[@version]> [--out FILE] [--format jsonl|csv]
  datasets list | show <name[@version]> [--limit N]`;

interface ImportReport {
  dataset: string;
  version: number;
  imported: number;
  reused: boolean;
  errors: Array<{ row: number; message: string }>;
}

export async function datasetsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, datasetOptions);
  const [verb, ...rest] = positionals;
  const format = values.format as 'jsonl' | 'csv' | undefined;
  if (format !== undefined && format !== 'jsonl' && format !== 'csv') throw new AppError('INVALID_INPUT', '--format must be jsonl or csv');
  switch (verb) {
    case 'import': {
      const file = requirePositional(rest, 0, 'the path of a .jsonl or .csv file');
      if (!values.name) throw new AppError('INVALID_INPUT', 'Name the dataset with --name N');
      const report = await cli.call<ImportReport>('eval.datasets.import', { name: values.name, path: path.resolve(file), format, note: values.note, description: values.description });
      cli.out.result(report, (r: ImportReport) => `${r.reused ? 'Unchanged' : 'Imported'} ${r.imported} case(s) as ${r.dataset}@${r.version}${r.errors.length ? `; ${r.errors.length} row(s) skipped` : ''}`);
      if (!cli.out.json) for (const e of report.errors) process.stderr.write(`enclave: ${file} line ${e.row}: ${e.message} (skipped)\n`);
      return;
    }
    case 'export': {
      const dataset = requirePositional(rest, 0, 'a dataset (name or name@version)');
      const result = await cli.call<{ content: string | null; cases: number; path: string | null; dataset: string; version: number }>('eval.datasets.export', {
        dataset, format: format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl'), path: values.out ? path.resolve(values.out) : undefined,
      });
      // Without --out the content is the output itself, so it can be piped.
      if (result.content !== null && !cli.out.json) process.stdout.write(result.content);
      else cli.out.result(result, (r: typeof result) => `Exported ${r.cases} case(s) of ${r.dataset}@${r.version} to ${r.path}`);
      return;
    }
    case 'list': {
      const list = await cli.call<Array<Record<string, unknown>>>('eval.datasets.list', {});
      cli.out.result(list, (l: typeof list) => table(l, ['name', 'latestVersion', 'cases', 'versions', 'createdAt']));
      return;
    }
    case 'show':
      cli.out.result(await cli.call('eval.datasets.show', { dataset: requirePositional(rest, 0, 'a dataset'), limit: numberFlag(values.limit, 'limit') }));
      return;
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "datasets ${verb ?? ''}"; use import, export, list or show`);
  }
}
