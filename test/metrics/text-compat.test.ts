// Python string semantics the reference tools depend on, and chrF's two n-gram paths agreeing.
import { describe, expect, test } from 'vitest';
import { Chrf } from '../../electron/core/eval/metrics/chrf.metric.js';
import { codePoints, pyLen, pyRstrip, pySplit } from '../../electron/core/text/python-compat.js';
import { tokenize13a, tokenizeIntl } from '../../electron/core/eval/metrics/sacrebleu.tokenizer.js';

describe("Python's whitespace and code points", () => {
  test('str.split(): \\x1c-\\x1f and \\x85 separate words, a byte-order mark does not', () => {
    expect(pySplit('\ufeff28 Jahre\x1calt\x85Chef\u3000x ')).toEqual(['\ufeff28', 'Jahre', 'alt', 'Chef', 'x']);
    expect(pySplit(' \t\n ')).toEqual([]);
    expect(pyRstrip('a b\u2028\u00a0')).toBe('a b');
  });

  test('len() and indexing count code points', () => {
    expect(pyLen('a😀b')).toBe(3);
    expect(codePoints('a😀b')).toEqual(['a', '😀', 'b']);
  });

  test('13a and intl tokenization on a WMT17 line with a byte-order mark', () => {
    expect(tokenize13a('\ufeff28 Jahre alt Chef gefunden tot in San Francisco Mall')).toBe('\ufeff28 Jahre alt Chef gefunden tot in San Francisco Mall');
    expect(tokenize13a('Hello, world. 3.14, "quoted"; 1-2')).toBe('Hello , world . 3.14 , " quoted " ; 1 - 2');
    expect(tokenizeIntl('Hello, world! €5 3,000.')).toBe('Hello , world ! € 5 3,000.');
  });
});

describe('chrF: encoded and string-keyed n-grams agree', () => {
  // A scorer whose 256-character alphabet is used up must fall back, with identical results.
  const saturated = new Chrf({ wordOrder: 2 });
  const manyChars = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
  saturated.sentenceScore(manyChars, [manyChars]);

  const pairs: Array<[string, string[]]> = [
    ['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.', ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.']],
    ['aaaa aaa', ['aa a aaaa a']],
    ['emoji 😀😀 and ZWJ 👩‍💻 text', ['emoji 😀 and 👩‍💻 texts', 'another ref']],
    ['', ['reference']],
    ['x', ['']],
  ];

  test.each(pairs)('%s', (hypothesis, references) => {
    const fresh = new Chrf({ wordOrder: 2 });
    expect(saturated.segmentStats(hypothesis, references)).toEqual(fresh.segmentStats(hypothesis, references));
    expect(new Chrf({ charOrder: 7 }).segmentStats(hypothesis, references).slice(0, 18)).toEqual(new Chrf().segmentStats(hypothesis, references));
  });
});
