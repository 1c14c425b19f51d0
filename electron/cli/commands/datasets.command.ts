import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HumanLabel } from '../../core/contract/eval.api.js';
import { AppError } from '../../core/contract/errors.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';
import { labelingCommand, labelingUsage, labelingVerbs } from './labeling.command.js';
import { addFromTraceCommand } from './traces.command.js';

const datasetOptions = {
  name: { type: 'string' },
  format: { type: 'string' },
  note: { type: 'string' },
  description: { type: 'string' },
  out: { type: 'string', short: 'o' },
  limit: { type: 'string' },
  file: { type: 'string', short: 'f' },
} as const;

/** The most labels one call (one new version) takes; the contract's limit. */
const MAX_LABELS = 1000;

export const datasetsUsage = `  datasets add-from-trace <trace id> --dataset NAME [--note T]   a trace (say, a thumbs-down) as a golden case in a new version
  datasets import <file.jsonl|file.csv> --name N [--format jsonl|csv] [--note T]
                                     broken rows are reported by line, the rest imported as a new version
  datasets export <name[@version]> [--out FILE] [--format jsonl|csv]
  datasets list | show <name[@version]> [--limit N]
  datasets label <name[@version]> --file labels.jsonl [--note T]
                                     lines {"caseKey": K, "human": {"score": 1-5, "pass": bool, "preference": "A"|"B"|"tie"} | null};
                                     saved as a new version; refused if the version is not the latest
${labelingUsage}`;

interface LabelReport {
  dataset: string;
  version: number;
  baseVersion: number;
  changed: number;
  reused: boolean;
}

interface ImportReport {
  dataset: string;
  version: number;
  imported: number;
  reused: boolean;
  errors: Array<{ row: number; message: string }>;
}

export async function datasetsCommand(cli: CliContext, argv: string[]): Promise<void> {
  // Labeling by several experts has verbs and flags of its own.
  const first = argv.find((a) => !a.startsWith('-'));
  if (first !== undefined && labelingVerbs.has(first)) return labelingCommand(cli, argv);
  if (first === 'add-from-trace') return addFromTraceCommand(cli, argv);
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
      const exported = await cli.call<{ content: string | null; cases: number; path: string | null; dataset: string; version: number }>('eval.datasets.export', {
        dataset, format: format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl'),
      });
      // The CLI writes --out itself, as the user running it: the core never writes where a caller says.
      const out = values.out ? path.resolve(values.out) : null;
      if (out !== null) await writeFile(out, exported.content ?? '', 'utf8');
      const result = out !== null ? { ...exported, path: out, content: null } : exported;
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
    case 'label': {
      const dataset = requirePositional(rest, 0, 'a dataset (name or name@version)');
      if (!values.file) throw new AppError('INVALID_INPUT', 'Give the labels with --file labels.jsonl');
      const labels = readLabels(values.file);
      const report = await cli.call<LabelReport>('eval.datasets.label', { dataset, labels, note: values.note });
      cli.out.result(report, (r: LabelReport) =>
        r.reused ? `No label changed: ${r.dataset}@${r.version} stays the latest version` : `Labeled ${r.changed} case(s): ${r.dataset}@${r.version} (from version ${r.baseVersion})`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "datasets ${verb ?? ''}"; use import, export, list, show or label`);
  }
}

/** One label per JSONL line; a bad line is refused with its number (nothing is sent). */
function readLabels(file: string): Array<{ caseKey: string; human: HumanLabel | null }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `No file at ${file}`);
    throw new AppError('FILE_UNREADABLE', `${file} cannot be read: ${(error as Error).message}`);
  }
  const labels: Array<{ caseKey: string; human: HumanLabel | null }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file} line ${index + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new AppError('INVALID_INPUT', `${where} is not valid JSON`);
    }
    const { caseKey, human } = (row ?? {}) as { caseKey?: unknown; human?: unknown };
    if (typeof caseKey !== 'string' || caseKey === '') throw new AppError('INVALID_INPUT', `${where}: "caseKey" must name a case`);
    if (human === undefined) throw new AppError('INVALID_INPUT', `${where}: "human" is missing (null clears a label)`);
    const label = HumanLabel.strict().nullable().safeParse(human);
    if (!label.success) throw new AppError('INVALID_INPUT', `${where}: ${label.error.issues.map((i) => `${['human', ...i.path].join('.')}: ${i.message}`).join('; ')}`);
    labels.push({ caseKey, human: label.data });
  });
  if (labels.length === 0) throw new AppError('INVALID_INPUT', `${file} holds no labels`);
  if (labels.length > MAX_LABELS) throw new AppError('INVALID_INPUT', `${file} holds ${labels.length} labels; one version takes at most ${MAX_LABELS}: split the file`);
  return labels;
}
