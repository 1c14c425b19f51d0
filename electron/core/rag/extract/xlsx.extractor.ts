// Excel workbooks, XLSX and legacy XLS, through SheetJS (the npm `xlsx` package is stuck at 0.18.5 with
// known CVEs; `@e965/xlsx` republishes the fixed upstream 0.20.3 on npm). One sheet → Markdown tables.
import * as XLSX from '@e965/xlsx';
import { corrupt, ExtractError } from './extract-error.js';
import type { Extractor } from './extractor.js';
import { escapeCell, markdownTable } from './markdown-table.js';

const ROWS_CHARS = 4_000;

/** Rows without empty trailing columns or blank rows. */
function compact(rows: unknown[][]): string[][] {
  const text = rows.map((row) => row.map((cell) => escapeCell(cell)));
  const filled = text.filter((row) => row.some(Boolean));
  const width = Math.max(0, ...filled.map((row) => row.reduce((w, cell, i) => (cell ? i + 1 : w), 0)));
  return filled.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

export const extractSpreadsheet: Extractor = async function* (source, ctx) {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(await source.bytes(), {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      WTF: false,
    });
  } catch (error) {
    if (/password|encrypt/i.test((error as Error).message)) {
      throw new ExtractError('FILE_ENCRYPTED', `\`${ctx.name}\` is password-protected; remove the password (File › Info › Protect Workbook) and import it again`);
    }
    throw corrupt(ctx.name, 'an Excel workbook', error);
  }
  const title = workbook.Props?.Title;
  if (title) ctx.setTitle(title);
  for (const name of workbook.SheetNames) {
    ctx.checkCancelled();
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    const rows = compact(XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: false }));
    if (rows.length === 0) continue;
    const [header, ...body] = rows;
    // Long sheets become several tables, each with the header row, so every section reads on its own.
    let batch: string[][] = [];
    let size = 0;
    let first = true;
    const flush = () => {
      const table = markdownTable([header!, ...batch]);
      const text = first ? `## ${name}\n\n${table}` : table;
      first = false;
      batch = [];
      size = 0;
      return { text, kind: 'sheet' as const, location: { sheet: name, headingPath: [name] } };
    };
    for (const row of body) {
      batch.push(row);
      size += row.reduce((n, cell) => n + cell.length + 3, 2);
      if (size > ROWS_CHARS) yield flush();
    }
    if (batch.length > 0 || first) yield flush();
  }
};
