// Every parametrized case of sacreBLEU 2.6.0's own tests (bleu, chrF, sentence BLEU, TER and the
// Tercom tokenizer), called the way the upstream test calls sacreBLEU, with the upstream epsilon.
import { afterAll, describe, expect, test } from 'vitest';
import { Bleu, computeBleu, corpusBleu, sentenceBleu, type BleuOptions, type SmoothMethod } from '../../electron/core/eval/metrics/bleu.metric.js';
import { corpusChrf, sentenceChrf } from '../../electron/core/eval/metrics/chrf.metric.js';
import type { BleuTokenizerName } from '../../electron/core/eval/metrics/sacrebleu.tokenizer.js';
import { corpusTer } from '../../electron/core/eval/metrics/ter.metric.js';
import { tercomTokenize, type TercomOptions } from '../../electron/core/eval/metrics/tercom.tokenizer.js';
import { bySegment, MaxError, sacrebleuVectors, type VectorGroup } from './reference-data.js';

// test_sentence_bleu.py's module constants (examples from sacreBLEU issues #98 and #141); the
// extracted vectors carry the parameters but not these two sentence pairs.
const REF = 'producţia de zahăr brut se exprimă în zahăr alb;';
const SYS = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;';
const REF_0 = 'okay thanks';
const SYS_0 = 'this is a cat';

type Case = Record<string, unknown>;
type Stats = { common: number[]; total: number[] };

/** `sacrebleu.raw_corpus_bleu`: no tokenization, floor smoothing, effective order. */
function rawCorpusBleu(hyps: string[], refStreams: string[][], smoothValue?: number) {
  return corpusBleu(hyps, bySegment(refStreams), { tokenize: 'none', smoothMethod: 'floor', smoothValue, effectiveOrder: true });
}

function bleuKwargs(kwargs: Record<string, string>): BleuOptions {
  return { tokenize: kwargs.tokenize as BleuTokenizerName | undefined, smoothMethod: kwargs.smooth_method as SmoothMethod | undefined };
}

function sentenceBleuCase(c: Case, hyp: string, ref: string): number {
  return sentenceBleu(hyp, [ref], {
    smoothMethod: c.smooth_method as SmoothMethod,
    smoothValue: (c.smooth_value as number | null) ?? undefined,
    lowercase: c.lowercase as boolean,
    tokenize: c.tok as BleuTokenizerName,
  }).score;
}

const tercomModes: Record<string, TercomOptions> = {
  test_ter_tokenizer_default: {},
  test_ter_tokenizer_nopunct: { noPunct: true },
  test_ter_tokenizer_norm: { normalized: true },
  test_ter_tokenizer_asian: { normalized: true, asianSupport: true },
};

/** Runs one upstream case; returns [actual, expected] pairs to compare within the upstream epsilon. */
function run(group: VectorGroup, c: Case): Array<[number, number]> {
  switch (group.test_function) {
    case 'test_raw_bleu':
    case 'test_effective_order':
      return [[rawCorpusBleu(c.hypotheses as string[], c.references as string[][], 0.01).score / 100, c.expected_bleu as number]];
    case 'test_corpus_bleu':
      return [[corpusBleu(c.hypotheses as string[], bySegment(c.references as string[][]), bleuKwargs(c.kwargs as Record<string, string>)).score, c.expected_bleu as number]];
    case 'test_statistics': {
      const result = rawCorpusBleu(c.hypothesis as string[], c.reference as string[][], 0.01);
      const expected = c.expected_stat as Stats;
      expect({ common: result.counts, total: result.totals }).toEqual(expected);
      return [];
    }
    case 'test_scoring': {
      const [stats, sysLen, refLen] = c.statistics as [Stats, number, number];
      return [[computeBleu(stats.common, stats.total, sysLen, refLen).score / 100, c.expected_score as number]];
    }
    case 'test_offset':
      return [
        [rawCorpusBleu(c.hypothesis as string[], c.reference as string[][], 0).score / 100, c.expected_without_offset as number],
        [rawCorpusBleu(c.hypothesis as string[], c.reference as string[][]).score / 100, c.expected_with_offset as number],
      ];
    case 'test_degenerate_statistics': {
      const [stats, sysLen, refLen] = c.statistics as [Stats, number, number];
      const score = computeBleu(stats.common, stats.total, sysLen, refLen, { smoothMethod: 'floor', smoothValue: c.offset as number }).score / 100;
      expect(score).toBe(c.expected_score); // upstream compares with ==
      return [];
    }
    case 'test_max_ngram_order': {
      const score = new Bleu({ maxNgramOrder: c.order as number }).corpusScore(c.hyps as string[], bySegment(c.refs as string[][])).score;
      expect(score.toFixed(2)).toBe(c.expected_bleu); // upstream compares f"{score:.2f}"
      return [];
    }
    case 'test_chrf':
    case 'test_chrf_eff_order':
    case 'test_chrf_keep_whitespace': {
      const options = {
        charOrder: 6,
        wordOrder: 0,
        beta: 3,
        epsSmoothing: group.test_function === 'test_chrf',
        whitespace: group.test_function === 'test_chrf_keep_whitespace',
      };
      return [[corpusChrf(c.hypotheses as string[], bySegment([c.references as string[]]), options), c.expected_score as number]];
    }
    case 'test_chrf_sentence_level':
      return [[sentenceChrf(c.hypothesis as string, c.references as string[], { epsSmoothing: true }), c.expected_score as number]];
    case 'test_compat_sentence_bleu':
    case 'test_api_sentence_bleu':
      return [[sentenceBleuCase(c, SYS, REF), c.expected_score as number]];
    case 'test_api_sentence_bleu_zero':
      return [[sentenceBleuCase(c, SYS_0, REF_0), c.expected_score as number]];
    case 'test_ter':
      return [[corpusTer(c.hypotheses as string[], bySegment([c.references as string[]])).score, 100 * (c.expected_score as number)]];
    default: {
      const mode = tercomModes[group.test_function];
      if (!mode) throw new Error(`No runner for ${group.file}::${group.test_function}`);
      expect(tercomTokenize(c.input as string, mode)).toBe(c.expected);
      return [];
    }
  }
}

describe('sacreBLEU 2.6.0 test vectors', () => {
  const groups = sacrebleuVectors();
  const errors = new MaxError();

  test('the file holds the 100 upstream cases', () => {
    expect(groups.reduce((n, g) => n + g.cases.length, 0)).toBe(100);
  });

  for (const group of groups) {
    test(`${group.file}::${group.test_function} (${group.cases.length} cases)`, () => {
      for (const [i, c] of group.cases.entries()) {
        for (const [actual, expected] of run(group, c)) {
          const epsilon = group.epsilon ?? 0;
          expect(errors.record(group.test_function, actual, expected), `case ${i}: got ${actual}, expected ${expected}`).toBeLessThan(epsilon);
        }
      }
    });
  }

  afterAll(() => process.stdout.write(`sacreBLEU vectors, max abs error: ${errors.summary()}\n`));
});
