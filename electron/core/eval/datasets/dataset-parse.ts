import { parse as parseCsvText } from 'csv-parse/sync';
import { caseFromObject, RowProblem, type NewCase } from './case-shape.js';
import { MAX_ROW_DEPTH, nestsDeeperThan } from './json-depth.js';

export interface ParsedDataset {
  cases: Array<NewCase & { row: number }>;
  /** `row` is the line of the file the row starts on (CSV: the header is line 1). */
  errors: Array<{ row: number; message: string }>;
}

/** Row errors are kept apart from the good rows: a file with a few broken lines still imports the rest. */
function add(parsed: ParsedDataset, row: number, build: () => NewCase): void {
  try {
    parsed.cases.push({ ...build(), row });
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    parsed.errors.push({ row, message: error.message });
  }
}

export function parseJsonl(text: string): ParsedDataset {
  const parsed: ParsedDataset = { cases: [], errors: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    add(parsed, index + 1, () => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new RowProblem(`not valid JSON (${(error as Error).message})`);
      }
      refuseDeepNesting(value);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RowProblem('each line must be a JSON object like {"vars": {...}, "expected": "..."}');
      return caseFromObject(value as Record<string, unknown>);
    });
  });
  return parsed;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function parseCsv(text: string): ParsedDataset {
  const parsed: ParsedDataset = { cases: [], errors: [] };
  const records = parseCsvText(text, {
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) parsed.errors.push({ row: Number(error.lines), message: `malformed CSV: ${error.message.replace(/ at line \d+/, '')}` });
      return undefined;
    },
  }) as unknown as CsvRecord[];
  const [header, ...rows] = records;
  if (!header) return parsed;
  const columns = header.record.map((c) => c.trim());
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined) {
    parsed.errors.push({ row: 1, message: `the header names column "${duplicate}" twice` });
    return parsed;
  }
  for (const { record, info } of rows) {
    // info.lines is where the record ends; a quoted cell may span lines, so count back to where it starts.
    const row = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    add(parsed, row, () => {
      if (record.length !== columns.length) throw new RowProblem(`has ${record.length} cells but the header has ${columns.length} columns`);
      const object: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        const cell = record[i] ?? '';
        if (column === 'vars' || column === 'human' || column === 'assert') {
          if (cell.trim() === '') return;
          try {
            object[column] = JSON.parse(cell);
          } catch {
            throw new RowProblem(`column "${column}" must hold JSON`);
          }
          refuseDeepNesting(object[column]);
        } else object[column] = cell;
      });
      return caseFromObject(object);
    });
  }
  parsed.errors.sort((a, b) => a.row - b.row);
  return parsed;
}

function refuseDeepNesting(value: unknown): void {
  if (nestsDeeperThan(value, MAX_ROW_DEPTH)) throw new RowProblem(`nests objects or arrays more than ${MAX_ROW_DEPTH} levels deep`);
}

export function formatOf(fileName: string | undefined, content: string): 'jsonl' | 'csv' {
  if (fileName && /\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  if (fileName && /\.(csv|tsv)$/i.test(fileName)) return 'csv';
  return content.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}
