// METEOR against NLTK 3.8: every example of ../shared/eval/metrics/nltk/meteor.doctest (parsed from
// the file, not copied), plus 205 pairs scored by NLTK itself, and NLTK's word_tokenize.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { alignWords, meteorScore, singleMeteorScore } from '../../electron/core/eval/metrics/meteor.metric.js';
import { nltkWordTokenize } from '../../electron/core/eval/metrics/nltk-word.tokenizer.js';
import { wordNet } from '../../electron/core/eval/metrics/wordnet.reader.js';
import { metricsDir } from './reference-data.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface DoctestCase {
  reference: string;
  hypothesis: string;
  rounded: boolean;
  expected: number;
  tolerance: number;
}

/** The doctest's examples: `meteor([word_tokenize(ref)], word_tokenize(hyp))`, rounded or not, and what follows. */
function doctestCases(): DoctestCase[] {
  const lines = readFileSync(path.join(metricsDir, 'nltk/meteor.doctest'), 'utf8').split('\n');
  const examples: Array<{ source: string; output: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (!line.startsWith('>>>')) continue;
    let source = line.slice(3);
    while (lines[i + 1]?.trim().startsWith('...')) source += (lines[++i] as string).trim().slice(3);
    const output = lines[i + 1]?.trim().startsWith('>>>') ? '' : (lines[i + 1]?.trim() ?? '');
    examples.push({ source, output });
  }
  const cases: DoctestCase[] = [];
  examples.forEach(({ source, output }, k) => {
    const call = /meteor\(\s*\[word_tokenize\('([^']*)'\)\],\s*word_tokenize\('([^']*)'\)\s*,?\s*\)/.exec(source);
    if (!call) return;
    const rounded = /round\(\s*meteor\(/.test(source);
    // `x = round(meteor(...), 4)` is checked by the next example: `abs(x - value) < tolerance`.
    const check = /^\s*abs\(\w+ - ([\d.]+)\) < ([\d.e-]+)/.exec(examples[k + 1]?.source ?? '');
    if (/^\s*\w+ = /.test(source) && check) cases.push({ reference: call[1] as string, hypothesis: call[2] as string, rounded, expected: Number(check[1]), tolerance: Number(check[2]) });
    else cases.push({ reference: call[1] as string, hypothesis: call[2] as string, rounded, expected: Number(output), tolerance: 0 });
  });
  return cases;
}

describe('NLTK meteor.doctest', () => {
  const cases = doctestCases();

  test('all five examples are found', () => {
    expect(cases).toHaveLength(5);
  });

  test.each(cases)('meteor([$reference], $hypothesis) = $expected', (c) => {
    const score = meteorScore([nltkWordTokenize(c.reference)], nltkWordTokenize(c.hypothesis));
    const shown = c.rounded ? Math.round(score * 1e4) / 1e4 : score;
    if (c.tolerance > 0) expect(Math.abs(shown - c.expected)).toBeLessThan(c.tolerance);
    else expect(shown).toBe(c.expected);
  });
});

describe('METEOR against NLTK 3.8 on generated pairs', () => {
  const { cases } = JSON.parse(fixture('meteor-nltk38.json')) as { cases: Array<{ references: string[][]; hypothesis: string[]; score: number }> };

  test(`all ${cases.length} pairs agree to 1e-12`, () => {
    let worst = 0;
    for (const c of cases) {
      const score = meteorScore(c.references, c.hypothesis);
      worst = Math.max(worst, Math.abs(score - c.score));
      expect(Math.abs(score - c.score), `${c.hypothesis.join(' ')} | ${c.references[0]?.join(' ')}`).toBeLessThan(1e-12);
    }
    // The generator substituted WordNet synonyms: make sure the synonym stage was exercised.
    expect(cases.filter((c) => c.score > 0 && c.score < 1).length).toBeGreaterThan(100);
    process.stdout.write(`NLTK METEOR pairs (${cases.length}), max abs error: ${worst.toExponential(2)}\n`);
  });
});

describe('METEOR alignment stages', () => {
  test('exact, then stem, then WordNet synonym', () => {
    // "mats"/"mat" share a stem; "kid" has "child" among its WordNet lemmas; "sat" is an exception-list form of "sit".
    expect(alignWords(['the', 'kid', 'sat', 'on', 'mats'], ['the', 'child', 'sit', 'on', 'mat'])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
  });

  test('the synonym stage sees stemmed words, as in NLTK', () => {
    // "kitty" is stemmed to "kitti" before the WordNet lookup, so it no longer finds "cat" (NLTK does the same).
    expect(alignWords(['the', 'kitty', 'sat'], ['the', 'cat', 'sit'])).toEqual([[0, 0], [2, 2]]);
  });

  test('no overlap scores 0; a perfect match is penalised only by one chunk', () => {
    expect(singleMeteorScore(['a', 'b'], ['c'])).toBe(0);
    expect(singleMeteorScore([], ['c'])).toBe(0);
    expect(singleMeteorScore(['one', 'two'], ['one', 'two'])).toBeCloseTo(1 - 0.5 * (1 / 2) ** 3, 12);
  });

  test('WordNet 3.0 morphology follows NLTK (exception lists, then suffix rules)', () => {
    const wn = wordNet();
    expect(wn.morphy('was', 'v')).toEqual(['be']);
    expect(wn.morphy('geese', 'n')).toEqual(['goose']);
    expect(wn.morphy('churches', 'n')).toEqual(['church']);
    expect(wn.morphy('xyzzyq', 'n')).toEqual([]);
  });
});

describe("NLTK's word_tokenize(preserve_line=True)", () => {
  const { cases } = JSON.parse(fixture('nltk-word-tokenize.json')) as { cases: Array<{ text: string; tokens: string[] }> };

  test(`all ${cases.length} texts tokenize the same`, () => {
    for (const c of cases) expect(nltkWordTokenize(c.text), c.text).toEqual(c.tokens);
  });
});
