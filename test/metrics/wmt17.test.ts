// The 16 WMT17 en-de systems × 3,004 segments, scored by sacreBLEU 2.6.0 with its defaults:
// corpus BLEU (with its statistics), chrF2, chrF2++ and TER for every system, and sentence scores
// for every row of the expected-sentence file. Agreement required: 1e-4.
import { describe, expect, test } from 'vitest';
import { Bleu } from '../../electron/core/eval/metrics/bleu.metric.js';
import { Chrf } from '../../electron/core/eval/metrics/chrf.metric.js';
import { Ter } from '../../electron/core/eval/metrics/ter.metric.js';
import { MaxError, wmt17Corpus, wmt17Sentences, wmt17Systems } from './reference-data.js';

const TOLERANCE = 1e-4;

describe('WMT17 en-de against sacreBLEU 2.6.0', () => {
  const data = wmt17Systems();
  const expected = wmt17Corpus();
  const refs = data.references.map((r) => [r]);
  const corpusBleu = new Bleu();
  const sentenceBleu = new Bleu({ effectiveOrder: true });
  const chrf = new Chrf();
  const chrfpp = new Chrf({ wordOrder: 2 });
  const ter = new Ter();
  const errors = new MaxError();

  test('the data holds 16 systems × 3,004 segments', () => {
    expect(data.systems).toHaveLength(16);
    expect(data.references).toHaveLength(expected.n_segments);
    expect(new Set(data.systems)).toEqual(new Set(Object.keys(expected.systems)));
  });

  test('corpus BLEU, its statistics, chrF2 and chrF2++ of every system', () => {
    for (const system of data.systems) {
      const want = expected.systems[system];
      if (!want) throw new Error(`no expected scores for ${system}`);
      const hyps = data.outputs[system] as string[];
      const bleu = corpusBleu.corpusScore(hyps, refs);
      expect({ counts: bleu.counts, totals: bleu.totals, sysLen: bleu.sysLen, refLen: bleu.refLen }, system).toEqual({
        counts: want.BLEU_counts,
        totals: want.BLEU_totals,
        sysLen: want.sys_len,
        refLen: want.ref_len,
      });
      expect(errors.record('corpus BLEU', bleu.score, want.BLEU), `${system} BLEU`).toBeLessThan(TOLERANCE);
      expect(errors.record('corpus BP', bleu.bp, want.BLEU_bp), `${system} BP`).toBeLessThan(TOLERANCE);
      expect(errors.record('corpus chrF2', chrf.corpusScore(hyps, refs), want.chrF2), `${system} chrF2`).toBeLessThan(TOLERANCE);
      expect(errors.record('corpus chrF2++', chrfpp.corpusScore(hyps, refs), want['chrF2++']), `${system} chrF2++`).toBeLessThan(TOLERANCE);
    }
  });

  test('corpus TER of every system', () => {
    for (const system of data.systems) {
      const want = expected.systems[system];
      if (!want) throw new Error(`no expected scores for ${system}`);
      const score = ter.corpusScore(data.outputs[system] as string[], refs).score;
      expect(errors.record('corpus TER', score, want.TER), `${system} TER`).toBeLessThan(TOLERANCE);
    }
  });

  test('sentence BLEU, chrF2, chrF2++ and TER of every expected row', () => {
    const rows = wmt17Sentences();
    expect(rows).toHaveLength(3200);
    for (const row of rows) {
      // The row must be the segment the systems file holds, so the corpus scores above cover it.
      expect(data.outputs[row.system]?.[row.seg_id]).toBe(row.hypothesis);
      const where = `${row.system} #${row.seg_id}`;
      expect(errors.record('sentence BLEU', sentenceBleu.sentenceScore(row.hypothesis, [row.reference]).score, row.sentence_BLEU), where).toBeLessThan(TOLERANCE);
      expect(errors.record('sentence chrF2', chrf.sentenceScore(row.hypothesis, [row.reference]), row.sentence_chrF2), where).toBeLessThan(TOLERANCE);
      expect(errors.record('sentence chrF2++', chrfpp.sentenceScore(row.hypothesis, [row.reference]), row['sentence_chrF2++']), where).toBeLessThan(TOLERANCE);
      expect(errors.record('sentence TER', ter.sentenceScore(row.hypothesis, [row.reference]).score, row.sentence_TER), where).toBeLessThan(TOLERANCE);
    }
    process.stdout.write(`WMT17 max abs error: ${errors.summary()}\n`);
  });
});
