// CSV and TSV, streamed: rows become Markdown tables of a bounded size, each repeating the header so
// every section reads on its own. Encoding is detected (the corpus has a Shift-JIS file).
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Extractor } from './extractor.js';
import { escapeCell, markdownTable } from './markdown-table.js';
import { decodeChunks, detectEncoding } from './text-decode.js';

const ROWS_CHARS = 4_000;

/** The delimiter that splits the first line most often (outside quotes). */
export function sniffDelimiter(firstLine: string, name: string): string {
  if (path.extname(name).toLowerCase() === '.tsv') return '\t';
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [char, count] of counts) if (count > counts.get(best)!) best = char;
  return best;
}

export const extractCsv: Extractor = async function* (source, ctx) {
  const encoding = detectEncoding(source.head);
  const firstLine = iconv.decode(source.head.subarray(0, 4096), encoding).split(/\r?\n/)[0] ?? '';
  const parser = parse({
    delimiter: sniffDelimiter(firstLine, source.name),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const input = Readable.from(decodeChunks(source.stream(), encoding));
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let header: string[] | undefined;
  let rows: string[][] = [];
  let size = 0;
  let first = 0;
  let index = 0;
  const flush = () => {
    const text = markdownTable([header!, ...rows]);
    rows = [];
    size = 0;
    return { text, kind: 'table' as const };
  };
  for await (const record of parser as AsyncIterable<string[]>) {
    ctx.checkCancelled();
    if (!header) {
      header = record;
      index = first = 1;
      continue;
    }
    rows.push(record);
    index++;
    size += record.reduce((n, cell) => n + escapeCell(cell).length + 3, 2);
    if (size > ROWS_CHARS) {
      yield flush();
      first = index;
    }
  }
  if (header && (rows.length > 0 || first === 1)) yield flush();
};
