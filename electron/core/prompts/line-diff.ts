import type { DiffRow } from '../contract/prompts.api.js';

// A line diff from the longest common subsequence, laid out side by side. Prompt templates are short (hundreds of
// lines at most), so the O(n·m) table is cheap and gives the minimal diff a reviewer expects.

type Op = { kind: 'same' | 'added' | 'removed'; left?: number; right?: number };

/** Longest-common-subsequence edit script between two line arrays (0-based line indexes). */
export function lineOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], kept in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) ops.push({ kind: 'same', left: i++, right: j++ });
    // Removals first, so a changed line reads as "old, then new".
    else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) ops.push({ kind: 'removed', left: i++ });
    else ops.push({ kind: 'added', right: j++ });
  }
  while (i < n) ops.push({ kind: 'removed', left: i++ });
  while (j < m) ops.push({ kind: 'added', right: j++ });
  return ops;
}

/** Side-by-side rows: a run of removals next to a run of additions pairs up as changed lines. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const ops = lineOps(a, b);
  const rows: DiffRow[] = [];
  const left = (k: number): DiffRow['left'] => ({ line: k + 1, text: a[k] ?? '' });
  const right = (k: number): DiffRow['right'] => ({ line: k + 1, text: b[k] ?? '' });
  let k = 0;
  while (k < ops.length) {
    const op = ops[k] as Op;
    if (op.kind === 'same') {
      rows.push({ kind: 'same', left: left(op.left ?? 0), right: right(op.right ?? 0) });
      k++;
      continue;
    }
    const removed: number[] = [];
    const added: number[] = [];
    while (k < ops.length && ops[k]?.kind !== 'same') {
      const next = ops[k] as Op;
      if (next.kind === 'removed') removed.push(next.left ?? 0);
      else added.push(next.right ?? 0);
      k++;
    }
    for (let p = 0; p < Math.max(removed.length, added.length); p++) {
      const l = removed[p];
      const r = added[p];
      if (l !== undefined && r !== undefined) rows.push({ kind: 'changed', left: left(l), right: right(r) });
      else if (l !== undefined) rows.push({ kind: 'removed', left: left(l), right: null });
      else if (r !== undefined) rows.push({ kind: 'added', left: null, right: right(r) });
    }
  }
  return rows;
}

/** Plain-text rendering for terminals: two columns with a marker between them. */
export function formatSideBySide(rows: DiffRow[], width = 60): string {
  const cell = (text: string | undefined): string => {
    const t = (text ?? '').replace(/\t/g, '  ');
    return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
  };
  const marker = { same: ' ', changed: '|', added: '>', removed: '<' } as const;
  return rows.map((row) => `${cell(row.left?.text)} ${marker[row.kind]} ${row.right?.text ?? ''}`.trimEnd()).join('\n');
}
