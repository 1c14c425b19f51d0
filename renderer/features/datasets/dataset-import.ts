import type { ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';

export type DatasetFormat = 'jsonl' | 'csv';
export type ImportReport = Output<'eval.datasets.import'>;
export type RowError = ImportReport['errors'][number];

/** The file types the core parses; the picker offers these. */
export const IMPORT_ACCEPT = '.jsonl,.ndjson,.csv';
/** The contract's limit on `content` (16 MiB of text). */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** The format a file's extension says, as the core's formatOf() reads it; null when the extension says nothing. */
export function formatFromFileName(fileName: string): DatasetFormat | null {
  if (/\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  if (/\.(csv|tsv)$/i.test(fileName)) return 'csv';
  return null;
}

/** The default dataset name: the file name without its extension (names cannot contain @). */
export function nameFromFileName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').replace(/@/g, '-').trim();
}

/** DATASET_INVALID carries `{ errors: [{ row, message }] }`: the rows refused, by the line they start on. */
export function rowErrorsOf(error: ClientError): RowError[] {
  if (error.code !== 'DATASET_INVALID') return [];
  const details = error.details as { errors?: unknown } | null | undefined;
  if (!details || !Array.isArray(details.errors)) return [];
  return details.errors.filter((e): e is RowError => typeof e === 'object' && e !== null && typeof (e as RowError).row === 'number' && typeof (e as RowError).message === 'string');
}

/** Row errors listed at most; the count of the rest follows. */
const ROW_ERRORS_SHOWN = 50;

/** "Line 4: not valid JSON (…)" for the first ROW_ERRORS_SHOWN errors (CSV: the header is line 1). */
export function rowErrorLines(errors: RowError[]): string[] {
  const lines = errors.slice(0, ROW_ERRORS_SHOWN).map((e) => `Line ${e.row}: ${e.message}`);
  if (errors.length > ROW_ERRORS_SHOWN) lines.push(`… and ${errors.length - ROW_ERRORS_SHOWN} more`);
  return lines;
}

/** What an import did, in a sentence for the screen. */
export function importSummary(report: ImportReport): string {
  const cases = `${report.imported} case${report.imported === 1 ? '' : 's'}`;
  if (report.reused) return `"${report.dataset}" v${report.version} already has these ${cases}; no new version was added.`;
  const skipped = report.errors.length > 0 ? ` ${report.errors.length} row${report.errors.length === 1 ? ' was' : 's were'} skipped:` : '';
  return `Imported ${cases} into "${report.dataset}" as v${report.version}.${skipped}`;
}
