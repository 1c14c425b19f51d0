// Rebuilds lines, paragraphs and tables from positioned PDF text (pdf.js gives glyph runs, not structure).
// Lines: runs whose baselines are within half a font size. Cells: runs split by gaps wider than ~1.2 em.
// Tables: two or more consecutive multi-cell lines, their cells assigned to column anchors that are the
// clustered x positions of the cells, with adjacent anchors that never share a row merged.
import { markdownTable } from './markdown-table.js';

export interface TextRun {
  str: string;
  x: number;
  /** Baseline, PDF user space (grows upwards). */
  y: number;
  width: number;
  /** Font size in user space. */
  size: number;
}

interface Cell {
  text: string;
  x: number;
  end: number;
}

interface Line {
  y: number;
  size: number;
  cells: Cell[];
}

export interface LayoutBlock {
  kind: 'paragraph' | 'table' | 'heading';
  text: string;
  size: number;
}

const CELL_GAP_EM = 1.2;

function toLines(runs: readonly TextRun[]): Line[] {
  const sorted = runs.filter((r) => r.str.trim() && r.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Array<{ y: number; size: number; runs: TextRun[] }> = [];
  for (const run of sorted) {
    const line = groups[groups.length - 1];
    if (line && line.y - run.y < 0.5 * Math.max(line.size, run.size)) {
      line.runs.push(run);
      line.size = Math.max(line.size, run.size);
    } else groups.push({ y: run.y, size: run.size, runs: [run] });
  }
  return groups.map((group) => {
    const cells: Cell[] = [];
    for (const run of group.runs.sort((a, b) => a.x - b.x)) {
      const cell = cells[cells.length - 1];
      const gap = cell ? run.x - cell.end : Infinity;
      if (cell && gap < CELL_GAP_EM * Math.max(run.size, 1)) {
        const space = gap > 0.12 * run.size && !cell.text.endsWith(' ') && !run.str.startsWith(' ');
        cell.text += (space ? ' ' : '') + run.str;
        cell.end = Math.max(cell.end, run.x + run.width);
      } else cells.push({ text: run.str, x: run.x, end: run.x + run.width });
    }
    for (const cell of cells) cell.text = cell.text.replace(/\s+/g, ' ').trim();
    return { y: group.y, size: group.size, cells: cells.filter((c) => c.text) };
  });
}

function columnAnchors(lines: readonly Line[]): number[] {
  const tolerance = Math.max(3, 0.6 * Math.min(...lines.map((l) => l.size)));
  const xs = lines.flatMap((l) => l.cells.map((c) => c.x)).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of xs) {
    const last = clusters[clusters.length - 1];
    if (last && x - last[last.length - 1]! <= tolerance) last.push(x);
    else clusters.push([x]);
  }
  let anchors = clusters.map((c) => c[0]!);
  // Right-aligned numbers start at different x than their header: merge neighbours that never share a row.
  const shareRow = (a: number, b: number) => lines.some((l) => columnOf(l.cells, anchors).has(a) && columnOf(l.cells, anchors).has(b));
  for (let i = anchors.length - 1; i > 0; i--) {
    if (!shareRow(i - 1, i)) anchors = [...anchors.slice(0, i), ...anchors.slice(i + 1)];
  }
  return anchors;
}

/** Indexes of the columns a line's cells fall in (the last anchor at or left of each cell). */
function columnOf(cells: readonly Cell[], anchors: readonly number[]): Set<number> {
  return new Set(cells.map((c) => anchorIndex(c.x, anchors)));
}

function anchorIndex(x: number, anchors: readonly number[]): number {
  let index = 0;
  for (let i = 0; i < anchors.length; i++) if (anchors[i]! <= x + 2) index = i;
  return index;
}

function renderTable(lines: readonly Line[]): string {
  const anchors = columnAnchors(lines);
  const rows = lines.map((line) => {
    const row: string[] = anchors.map(() => '');
    for (const cell of line.cells) {
      const i = anchorIndex(cell.x, anchors);
      row[i] = row[i] ? `${row[i]} ${cell.text}` : cell.text;
    }
    return row;
  });
  return markdownTable(rows);
}

/** The body font size: the size most characters are set in. */
function bodySize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size);
    weight.set(size, (weight.get(size) ?? 0) + line.cells.reduce((n, c) => n + c.text.length, 0));
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

export function layoutPage(runs: readonly TextRun[]): LayoutBlock[] {
  const lines = toLines(runs).filter((l) => l.cells.length > 0);
  const body = bodySize(lines);
  const blocks: LayoutBlock[] = [];
  let paragraph: Line[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.map((l) => l.cells.map((c) => c.text).join(' ')).join('\n'), size: body });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; ) {
    // A table: consecutive multi-cell lines without a large vertical gap.
    let end = i;
    while (end < lines.length && lines[end]!.cells.length >= 2 && (end === i || lines[end - 1]!.y - lines[end]!.y < 3 * lines[end]!.size)) end++;
    if (end - i >= 2) {
      flushParagraph();
      blocks.push({ kind: 'table', text: renderTable(lines.slice(i, end)), size: body });
      i = end;
      continue;
    }
    const line = lines[i]!;
    const text = line.cells.map((c) => c.text).join(' ');
    const previous = lines[i - 1];
    if (body > 0 && line.size >= 1.25 * body && text.length <= 120) {
      flushParagraph();
      blocks.push({ kind: 'heading', text, size: line.size });
    } else {
      if (previous && paragraph.length > 0 && previous.y - line.y > 1.7 * Math.max(line.size, previous.size)) flushParagraph();
      paragraph.push(line);
    }
    i++;
  }
  flushParagraph();
  return blocks;
}
