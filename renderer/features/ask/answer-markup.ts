/** A marker [n] as the answer shows it: linked to a citation, pointing at none, or not checked yet (streaming). */
export type MarkerState = 'linked' | 'unknown' | 'pending';

export type AnswerPiece = { kind: 'text'; text: string } | { kind: 'marker'; n: number; state: MarkerState };

/** A run of the answer: an unsupported sentence (with why), or the text between them. */
export interface AnswerSpan {
  pieces: AnswerPiece[];
  unsupported: { reason: string; index: number } | null;
}

const MARKER = /\[(\d{1,3})\]/g;

function pieces(text: string, cited: ReadonlySet<number> | null): AnswerPiece[] {
  const out: AnswerPiece[] = [];
  let from = 0;
  for (const found of text.matchAll(MARKER)) {
    if (found.index > from) out.push({ kind: 'text', text: text.slice(from, found.index) });
    const n = Number(found[1]);
    out.push({ kind: 'marker', n, state: cited === null ? 'pending' : cited.has(n) ? 'linked' : 'unknown' });
    from = found.index + found[0].length;
  }
  if (from < text.length) out.push({ kind: 'text', text: text.slice(from) });
  return out;
}

/**
 * The answer cut into spans, unsupported sentences apart, each span's markers [n] apart from its text. The core
 * reports unsupported sentences trimmed and in order, so each is looked for after the previous one; one that
 * cannot be found is left out here (the list beside the answer still names it). `cited`: the citations' numbers,
 * or null while the answer streams and nothing is checked yet.
 */
export function parseAnswer(answer: string, unsupported: ReadonlyArray<{ sentence: string; reason: string }>, cited: ReadonlySet<number> | null): AnswerSpan[] {
  const ranges: Array<{ start: number; end: number; reason: string; index: number }> = [];
  let cursor = 0;
  unsupported.forEach(({ sentence, reason }, index) => {
    if (sentence === '') return;
    const start = answer.indexOf(sentence, cursor);
    if (start < 0) return;
    ranges.push({ start, end: start + sentence.length, reason, index });
    cursor = start + sentence.length;
  });

  const spans: AnswerSpan[] = [];
  let from = 0;
  for (const range of ranges) {
    if (range.start > from) spans.push({ pieces: pieces(answer.slice(from, range.start), cited), unsupported: null });
    spans.push({ pieces: pieces(answer.slice(range.start, range.end), cited), unsupported: { reason: range.reason, index: range.index } });
    from = range.end;
  }
  if (from < answer.length) spans.push({ pieces: pieces(answer.slice(from), cited), unsupported: null });
  return spans;
}
