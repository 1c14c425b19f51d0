import type { Output } from '../../api/contract.types.js';

export type VersionDiff = Output<'prompts.diff'>;
export type DiffSection = VersionDiff['sections'][number];
export type DiffRow = DiffSection['rows'][number];

/** A run of text in a cell; `mark` is the part that differs from the other side. */
export interface Segment {
  text: string;
  mark: boolean;
}

export type CellTone = 'same' | 'removed' | 'added' | 'empty';

export interface DiffCell {
  line: number | null;
  tone: CellTone;
  segments: Segment[];
}

export interface ColumnRow {
  kind: DiffRow['kind'];
  left: DiffCell;
  right: DiffCell;
}

/** Unchanged lines folded away between hunks. */
export interface SkippedRows {
  kind: 'skip';
  count: number;
}

export const sectionTitles: Record<string, string> = {
  kind: 'Kind',
  system: 'System template',
  user: 'User template',
  variables: 'Variables',
  params: 'Model parameters',
  outputSchema: 'Output schema',
  guard: 'Guardrails',
};

export const sectionTitle = (field: string): string => sectionTitles[field] ?? field;

/** Words, runs of spaces, and single punctuation characters: `{{text}}.` is `{`, `{`, `text`, `}`, `}`, `.`. */
export function tokenize(line: string): string[] {
  return line.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

/** Token pairs past this size fall back to marking the middle between a common start and end. */
const MAX_TOKEN_CELLS = 200_000;

/** Which tokens of each side are outside their longest common subsequence. */
function unmatchedTokens(a: string[], b: string[]): { left: boolean[]; right: boolean[] } {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const left = a.map(() => true);
  const right = b.map(() => true);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      left[i++] = false;
      right[j++] = false;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return { left, right };
}

/** Common leading and trailing tokens kept plain, the rest marked (the fallback for very long lines). */
function middleMarks(a: string[], b: string[]): { left: boolean[]; right: boolean[] } {
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const marks = (tokens: string[]) => tokens.map((_, k) => k >= prefix && k < tokens.length - suffix);
  return { left: marks(a), right: marks(b) };
}

const isSpace = (token: string): boolean => /^\s+$/.test(token);

/**
 * Segments of one side. Where words changed, spaces are marked only between two changed tokens, so a change reads
 * as "[Briefly summarise]" rather than "[Briefly] [summarise] " with stray marks; a change of spacing alone keeps
 * its marked spaces.
 */
function segmentsOf(tokens: string[], marked: boolean[]): Segment[] {
  const changedWords = tokens.some((token, k) => marked[k] && !isSpace(token));
  const final = tokens.map((token, k) => {
    if (!changedWords || !isSpace(token)) return marked[k] ?? false;
    let before = k - 1;
    while (before >= 0 && isSpace(tokens[before] as string)) before--;
    let after = k + 1;
    while (after < tokens.length && isSpace(tokens[after] as string)) after++;
    return before >= 0 && after < tokens.length && (marked[before] ?? false) && (marked[after] ?? false);
  });
  const segments: Segment[] = [];
  tokens.forEach((token, k) => {
    const mark = final[k] ?? false;
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += token;
    else segments.push({ text: token, mark });
  });
  return segments;
}

/**
 * What differs between two lines, word by word (a longest common subsequence of tokens), so a reviewer sees
 * "Summarise … in one paragraph" → "Briefly summarise … for {{audience}}" with only the changed words marked.
 */
export function changedSpans(before: string, after: string): { left: Segment[]; right: Segment[] } {
  const a = tokenize(before);
  const b = tokenize(after);
  const marks = a.length * b.length > MAX_TOKEN_CELLS ? middleMarks(a, b) : unmatchedTokens(a, b);
  return { left: segmentsOf(a, marks.left), right: segmentsOf(b, marks.right) };
}

const plain = (side: DiffRow['left'], tone: CellTone): DiffCell =>
  side === null ? { line: null, tone: 'empty', segments: [] } : { line: side.line, tone, segments: side.text === '' ? [] : [{ text: side.text, mark: false }] };

/** The core's side-by-side rows as two columns of cells: removed lines on the left, added on the right. */
export function toColumns(rows: readonly DiffRow[]): ColumnRow[] {
  return rows.map((row) => {
    if (row.kind === 'changed' && row.left && row.right) {
      const spans = changedSpans(row.left.text, row.right.text);
      return {
        kind: row.kind,
        left: { line: row.left.line, tone: 'removed', segments: spans.left },
        right: { line: row.right.line, tone: 'added', segments: spans.right },
      };
    }
    const tone: CellTone = row.kind === 'same' ? 'same' : row.kind === 'removed' ? 'removed' : 'added';
    return { kind: row.kind, left: plain(row.left, row.kind === 'added' ? 'empty' : tone), right: plain(row.right, row.kind === 'removed' ? 'empty' : tone) };
  });
}

/** Unchanged runs longer than twice `context` shrink to `context` lines each side of a change and a fold marker. */
export function foldUnchanged(rows: readonly ColumnRow[], context = 3): Array<ColumnRow | SkippedRows> {
  const out: Array<ColumnRow | SkippedRows> = [];
  let k = 0;
  while (k < rows.length) {
    if (rows[k]?.kind !== 'same') {
      out.push(rows[k] as ColumnRow);
      k++;
      continue;
    }
    let end = k;
    while (end < rows.length && rows[end]?.kind === 'same') end++;
    const keepBefore = k === 0 ? 0 : context;
    const keepAfter = end === rows.length ? 0 : context;
    const run = rows.slice(k, end);
    if (run.length > keepBefore + keepAfter + 1) {
      out.push(...run.slice(0, keepBefore), { kind: 'skip', count: run.length - keepBefore - keepAfter }, ...run.slice(run.length - keepAfter));
    } else {
      out.push(...run);
    }
    k = end;
  }
  return out;
}

/** Lines added and removed in a section (a changed line counts as one of each). */
export function sectionStats(section: DiffSection): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const row of section.rows) {
    if (row.kind === 'added' || row.kind === 'changed') added++;
    if (row.kind === 'removed' || row.kind === 'changed') removed++;
  }
  return { added, removed };
}
