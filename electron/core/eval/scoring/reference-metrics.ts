import { Bleu } from '../metrics/bleu.metric.js';
import { Chrf } from '../metrics/chrf.metric.js';
import { meteorScore } from '../metrics/meteor.metric.js';
import { nltkWordTokenize } from '../metrics/nltk-word.tokenizer.js';
import { rougeScoreMulti } from '../metrics/rouge.metric.js';
import type { MetricName } from '../metrics/score-file.js';
import { exactMatch, squadExactMatch, squadF1 } from '../metrics/squad.metric.js';
import { Ter } from '../metrics/ter.metric.js';

// Per-case reference metrics on the scales of their reference tools, as `enclave metrics score` reports them:
// BLEU (sacreBLEU's sentence_bleu, effective order), chrF, chrF++ and TER 0–100; ROUGE F-measure, METEOR, EM, F1 0–1.

const scorers = {
  bleu: new Bleu({ effectiveOrder: true }),
  chrf: new Chrf(),
  'chrf++': new Chrf({ wordOrder: 2 }),
  ter: new Ter(),
};

export function referenceMetric(metric: MetricName, hypothesis: string, references: readonly string[]): number {
  switch (metric) {
    case 'bleu':
      return scorers.bleu.sentenceScore(hypothesis, references).score;
    case 'chrf':
    case 'chrf++':
      return scorers[metric].sentenceScore(hypothesis, references);
    case 'ter':
      return scorers.ter.scoreFromStats(scorers.ter.segmentStats(hypothesis, references)).score;
    case 'rouge1':
    case 'rouge2':
    case 'rougeL':
    case 'rougeLsum':
      return rougeScoreMulti(metric, references, hypothesis, false).fmeasure;
    case 'meteor':
      return meteorScore(references.map(nltkWordTokenize), nltkWordTokenize(hypothesis));
    case 'em':
      return squadExactMatch(hypothesis, references);
    case 'f1':
      return squadF1(hypothesis, references);
    case 'exact':
      return exactMatch(hypothesis, references);
  }
}
