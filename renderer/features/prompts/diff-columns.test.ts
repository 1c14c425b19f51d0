import { expect, test } from 'vitest';
import { changedSpans, foldUnchanged, sectionStats, sectionTitle, tokenize, toColumns, type ColumnRow, type DiffRow } from './diff-columns.js';

const cellText = (cell: ColumnRow['left']): string => cell.segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

test('a changed line marks its differing words on both sides', () => {
  const [row] = toColumns([{ kind: 'changed', left: { line: 1, text: 'Summarise {{text}}.' }, right: { line: 1, text: 'Briefly summarise {{text}}.' } }]);
  expect(row?.left).toMatchObject({ line: 1, tone: 'removed' });
  expect(row?.right).toMatchObject({ line: 1, tone: 'added' });
  expect(cellText(row!.left)).toBe('[Summarise] {{text}}.');
  expect(cellText(row!.right)).toBe('[Briefly summarise] {{text}}.');
});

test('two changes in one line are marked apart, the shared words between them left plain', () => {
  const spans = changedSpans('Summarise {{ticket}} in one paragraph.', 'Briefly summarise {{ticket}} for {{audience}}.');
  const text = (segments: typeof spans.left) => segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');
  expect(text(spans.left)).toBe('[Summarise] {{ticket}} [in one paragraph].');
  expect(text(spans.right)).toBe('[Briefly summarise] {{ticket}} [for {{audience}}].');
});

test('a change of spacing alone is still marked', () => {
  const spans = changedSpans('a  b', 'a b');
  expect(spans.left.some((s) => s.mark)).toBe(true);
  expect(spans.left.map((s) => s.text).join('')).toBe('a  b');
});

test('punctuation is its own token', () => {
  expect(tokenize('{{text}}, ok.')).toEqual(['{', '{', 'text', '}', '}', ',', ' ', 'ok', '.']);
});

test('a change in the middle keeps the common start and end plain, widened to whole words', () => {
  const spans = changedSpans('Answer in a formal tone.', 'Answer in a friendly tone.');
  expect(spans.left.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('')).toBe('Answer in a [formal] tone.');
  expect(spans.right.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('')).toBe('Answer in a [friendly] tone.');
});

test('an insertion marks nothing on the side that lacks it', () => {
  const spans = changedSpans('Hello world', 'Hello big world');
  expect(spans.left).toEqual([{ text: 'Hello world', mark: false }]);
  expect(spans.right.filter((s) => s.mark).map((s) => s.text)).toEqual(['big']);
  expect(spans.right.map((s) => s.text).join('')).toBe('Hello big world');
});

test('added and removed lines leave an empty cell opposite; unchanged lines stay plain', () => {
  const rows: DiffRow[] = [
    { kind: 'same', left: { line: 1, text: 'a' }, right: { line: 1, text: 'a' } },
    { kind: 'removed', left: { line: 2, text: 'b' }, right: null },
    { kind: 'added', left: null, right: { line: 2, text: 'c' } },
    { kind: 'same', left: { line: 3, text: '' }, right: { line: 3, text: '' } },
  ];
  const columns = toColumns(rows);
  expect(columns.map((r) => [r.left.tone, r.right.tone])).toEqual([
    ['same', 'same'],
    ['removed', 'empty'],
    ['empty', 'added'],
    ['same', 'same'],
  ]);
  expect(columns[1]?.right).toEqual({ line: null, tone: 'empty', segments: [] });
  expect(columns[3]?.left.segments).toEqual([]);
});

test('long unchanged runs fold to a few lines of context around changes', () => {
  const same = (n: number): DiffRow => ({ kind: 'same', left: { line: n, text: `l${n}` }, right: { line: n, text: `l${n}` } });
  const rows: DiffRow[] = [...Array.from({ length: 10 }, (_, i) => same(i + 1)), { kind: 'added', left: null, right: { line: 11, text: 'new' } }, ...Array.from({ length: 10 }, (_, i) => same(i + 11))];
  const folded = foldUnchanged(toColumns(rows), 2);
  expect(folded.map((r) => (r.kind === 'skip' ? `skip ${r.count}` : r.kind))).toEqual(['skip 8', 'same', 'same', 'added', 'same', 'same', 'skip 8']);
  // Short runs are kept whole.
  expect(foldUnchanged(toColumns(rows.slice(8, 13)), 2).every((r) => r.kind !== 'skip')).toBe(true);
});

test('section stats and titles', () => {
  const section = {
    field: 'variables',
    changed: true,
    rows: [
      { kind: 'same', left: { line: 1, text: 'text: string' }, right: { line: 1, text: 'text: string' } },
      { kind: 'added', left: null, right: { line: 2, text: 'audience: string' } },
      { kind: 'changed', left: { line: 2, text: 'x' }, right: { line: 3, text: 'y' } },
    ] satisfies DiffRow[],
  };
  expect(sectionStats(section)).toEqual({ added: 2, removed: 1 });
  expect(sectionTitle('params')).toBe('Model parameters');
  expect(sectionTitle('guard')).toBe('Guardrails');
  expect(sectionTitle('custom')).toBe('custom');
});
