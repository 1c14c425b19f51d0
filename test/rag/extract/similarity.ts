// How close extracted text is to an expected rendering: token-sequence similarity that ignores
// whitespace and Markdown table syntax (padding, pipes, separator rows), so layout choices that do not
// change the words or their order do not count.

const SEPARATOR_ROW = /^\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm;

/**
 * Words in order. With `cells`, table cell borders count as tokens too (runs of empty cells as one), so
 * the measure also sees whether a table was split into the same cells.
 */
export function tokens(text: string, cells = false): string[] {
  const body = text.replace(SEPARATOR_ROW, ' ');
  const marked = cells ? body.replace(/\|([ \t]*\|)*/g, ' | ') : body.replace(/\|/g, ' ');
  return marked.split(/\s+/).filter(Boolean);
}

/** 2·LCS / (|a| + |b|) over tokens, like difflib's ratio: 1 when the word sequences are identical. */
export function sequenceSimilarity(expected: string, actual: string, cells = false): number {
  const a = tokens(expected, cells);
  const b = tokens(actual, cells);
  if (a.length === 0 && b.length === 0) return 1;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return (2 * previous[b.length]!) / (a.length + b.length);
}

/** F1 of the token multisets: the words are there, whatever their order. */
export function tokenF1(expected: string, actual: string): number {
  const a = tokens(expected);
  const b = tokens(actual);
  if (a.length === 0 && b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return a.length + b.length === 0 ? 1 : (2 * common) / (a.length + b.length);
}

/** Whitespace runs as one space: how must-include strings are compared with extracted text. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
