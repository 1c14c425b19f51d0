import { expect, test } from 'vitest';
import { highlightSegments, queryTerms, stem } from './highlight.js';

test('query terms are lower-cased content words, each once', () => {
  expect(queryTerms('How often is the Coolant pump inspected? coolant')).toEqual(['often', 'coolant', 'pump', 'inspected']);
  expect(queryTerms('   ')).toEqual([]);
});

test('marks whole words, with simple stem matches, and gives the text back unchanged', () => {
  const text = 'The coolant pumps must be inspected; pumpkin is not a pump.';
  const segments = highlightSegments(text, queryTerms('coolant pump inspect'));
  expect(segments.map((s) => s.text).join('')).toBe(text);
  expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['coolant', 'pumps', 'inspected', 'pump']);
});

test('markup in the passage stays text', () => {
  const text = '<img src=x onerror=alert(1)> coolant';
  const segments = highlightSegments(text, ['coolant']);
  expect(segments).toEqual([
    { text: '<img src=x onerror=alert(1)> ', match: false },
    { text: 'coolant', match: true },
  ]);
});

test('no terms, one plain segment; no text, none', () => {
  expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', match: false }]);
  expect(highlightSegments('', ['abc'])).toEqual([]);
});

test('stems: endings fold, short words stay whole', () => {
  expect(['inspection', 'inspected', 'inspects', 'inspect'].map(stem)).toEqual(['inspect', 'inspect', 'inspect', 'inspect']);
  expect(stem('Pumps')).toBe('pump');
  expect(stem('pumpkin')).toBe('pumpkin');
  expect(stem('uses')).toBe('uses');
});
