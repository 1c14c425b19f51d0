// Rows of cells as a GitHub-flavoured Markdown table: what every table-bearing format emits.

export function escapeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The first row is the header. Short rows are padded so every row has the same number of cells. */
export function markdownTable(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  if (rows.length === 0) return '';
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (row: ReadonlyArray<unknown>) => `| ${Array.from({ length: width }, (_, i) => escapeCell(row[i])).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header!), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...body.map(line)].join('\n');
}
