// ROUGE against Google's rouge-score: every case of ../shared/eval/metrics/rouge (ROUGE-1.5.5
// ground truth quoted by rouge-score's tests, and its unit tests), with and without stemming, plus
// 120 generated English pairs and NLTK's Porter stemmer outputs.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { porterStem } from '../../electron/core/text/porter-stemmer.js';
import { rougeScore, rougeScoreMulti, rougeTokenize, type RougeType } from '../../electron/core/eval/metrics/rouge.metric.js';
import { MaxError, rougeCases } from './reference-data.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('rouge-score reference cases', () => {
  const cases = rougeCases();
  const errors = new MaxError();

  test('cover rouge1, rouge2, rougeL and rougeLsum, with and without stemming', () => {
    expect(new Set(cases.map((c) => c.rouge_type))).toEqual(new Set(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']));
    expect(new Set(cases.map((c) => c.use_stemmer))).toEqual(new Set([true, false]));
  });

  test(`all ${cases.length} cases agree to rouge-score's decimal places (at least 1e-5)`, () => {
    for (const [i, c] of cases.entries()) {
      const score = rougeScore(c.rouge_type, c.target, c.prediction, c.use_stemmer);
      // assertAlmostEqual(places=p): round(difference, p) == 0.
      const allowed = 0.5 * 10 ** -c.places;
      for (const key of ['precision', 'recall', 'fmeasure'] as const) {
        const error = errors.record(`${c.rouge_type}${c.use_stemmer ? '+stem' : ''}`, score[key], c[key]);
        expect(error, `case ${i} ${c.rouge_type} ${key}: ${score[key]} vs ${c[key]}`).toBeLessThanOrEqual(allowed);
      }
    }
    process.stdout.write(`rouge-score cases, max abs error: ${errors.summary()}\n`);
  });
});

describe('rouge-score on generated English pairs', () => {
  const generated = JSON.parse(fixture('rouge-wordnet-glosses.json')) as {
    cases: Array<{ target: string; prediction: string; scores: Record<string, [number, number, number]> }>;
  };

  test('all 120 pairs × 4 types × stemming agree to 1e-12', () => {
    expect(generated.cases).toHaveLength(120);
    let worst = 0;
    for (const c of generated.cases) {
      for (const [key, [precision, recall, f]] of Object.entries(c.scores)) {
        const [type, stem] = key.split('+') as [RougeType, string | undefined];
        const score = rougeScore(type, c.target, c.prediction, stem === 'stem');
        for (const [actual, expected] of [[score.precision, precision], [score.recall, recall], [score.fmeasure, f]] as const) {
          worst = Math.max(worst, Math.abs(actual - expected));
          expect(Math.abs(actual - expected), `${key}: ${c.prediction}`).toBeLessThan(1e-12);
        }
      }
    }
    process.stdout.write(`generated ROUGE pairs, max abs error: ${worst.toExponential(2)}\n`);
  });
});

describe('ROUGE details', () => {
  test('tokenization drops non-ASCII-alphanumerics and stems only tokens longer than 3 characters', () => {
    expect(rougeTokenize('The runners were running, café-style!', false)).toEqual(['the', 'runners', 'were', 'running', 'caf', 'style']);
    expect(rougeTokenize('The runners were running', true)).toEqual(['the', 'runner', 'were', 'run']);
  });

  test('several references: the one with the best F-measure', () => {
    const best = rougeScoreMulti('rouge1', ['nothing alike', 'the cat sat'], 'the cat sat down');
    expect(best).toEqual(rougeScore('rouge1', 'the cat sat', 'the cat sat down'));
    expect(rougeScoreMulti('rougeL', [], 'x')).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
  });

  test('an unknown ROUGE type is refused', () => {
    expect(() => rougeScore('rouge0' as RougeType, 'a', 'a')).toThrow(/Invalid rouge type/);
  });
});

describe("NLTK 3.8's PorterStemmer (NLTK_EXTENSIONS)", () => {
  test('every word of the NLTK-generated fixture stems the same', () => {
    const rows = fixture('porter-nltk38.tsv').split('\n').filter((l) => l !== '').map((l) => l.split('\t') as [string, string]);
    expect(rows.length).toBeGreaterThan(4000);
    const wrong = rows.filter(([word, stem]) => porterStem(word) !== stem);
    expect(wrong).toEqual([]);
  });

  test('irregular forms and the two-letter rule', () => {
    expect(['skies', 'dying', 'innings', 'generalizations', 'is', 'Running'].map(porterStem)).toEqual(['sky', 'die', 'inning', 'gener', 'is', 'run']);
  });
});
