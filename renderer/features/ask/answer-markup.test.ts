import { expect, test } from 'vitest';
import { parseAnswer, type AnswerSpan } from './answer-markup.js';

const text = (spans: AnswerSpan[]) => spans.map((s) => s.pieces.map((p) => (p.kind === 'text' ? p.text : `[${p.n}]`)).join('')).join('');

test('markers become their own pieces, linked only when a citation has that number', () => {
  const spans = parseAnswer('Pumps are checked every 90 days [1]. Valves last two years [2][7].', [], new Set([1, 2]));
  expect(spans).toHaveLength(1);
  const markers = spans[0]!.pieces.filter((p) => p.kind === 'marker');
  expect(markers).toEqual([
    { kind: 'marker', n: 1, state: 'linked' },
    { kind: 'marker', n: 2, state: 'linked' },
    { kind: 'marker', n: 7, state: 'unknown' },
  ]);
});

test('unsupported sentences become marked spans, in order, and the text is kept whole', () => {
  const answer = 'The pump is inspected every 90 days [1]. It is painted blue. Valves are replaced [2]. It is painted blue.';
  const spans = parseAnswer(
    answer,
    [
      { sentence: 'It is painted blue.', reason: 'cites no passage' },
      { sentence: 'It is painted blue.', reason: 'cites no passage' },
      { sentence: 'Not in the answer at all.', reason: 'x' },
    ],
    new Set([1, 2]),
  );
  expect(text(spans)).toBe(answer);
  const marked = spans.filter((s) => s.unsupported);
  expect(marked.map((s) => s.unsupported!.index)).toEqual([0, 1]);
  expect(spans.map((s) => s.unsupported !== null)).toEqual([false, true, false, true]);
});

test('while streaming, markers are pending', () => {
  const spans = parseAnswer('Every 90 days [1', [], null);
  expect(spans[0]!.pieces).toEqual([{ kind: 'text', text: 'Every 90 days [1' }]);
  expect(parseAnswer('Every 90 days [1]', [], null)[0]!.pieces[1]).toEqual({ kind: 'marker', n: 1, state: 'pending' });
});
