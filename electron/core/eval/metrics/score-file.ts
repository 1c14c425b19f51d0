// Scores a JSONL file of {id, hypothesis, references} pairs with any set of reference metrics:
// per-line scores, sacreBLEU-style corpus scores for BLEU/chrF/chrF++/TER (statistics summed over
// lines, not an average of sentence scores) and the mean of every per-line metric. Broken lines are
// reported by line number and the others scored, so one bad row does not cost a whole run.
import { z } from 'zod';
import { AppError, type AppErrorShape } from '../../contract/errors.js';
import { Bleu, sumStats } from './bleu.metric.js';
import { Chrf } from './chrf.metric.js';
import { meteorScore } from './meteor.metric.js';
import { nltkWordTokenize } from './nltk-word.tokenizer.js';
import { rougeScoreMulti } from './rouge.metric.js';
import { exactMatch, squadExactMatch, squadF1 } from './squad.metric.js';
import { Ter } from './ter.metric.js';

export const metricNames = ['bleu', 'chrf', 'chrf++', 'ter', 'rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'meteor', 'em', 'f1', 'exact'] as const;
export type MetricName = (typeof metricNames)[number];
/** What `enclave metrics score` computes when no --metrics is given (the issue's list). */
export const defaultMetrics: MetricName[] = ['bleu', 'chrf', 'chrf++', 'rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'meteor', 'em', 'f1'];
const corpusMetrics = ['bleu', 'chrf', 'chrf++', 'ter'] as const;
type CorpusMetric = (typeof corpusMetrics)[number];

export interface ScoreFileOptions {
  metrics: readonly string[];
  /** Porter-stem ROUGE tokens (rouge-score's use_stemmer). METEOR always stems, as NLTK's does. */
  stem?: boolean;
}

export interface ScoredLine {
  /** 1-based line number in the file. */
  line: number;
  id: string | number;
  scores: Partial<Record<MetricName, number>>;
}

export interface ScoreFileResult {
  metrics: MetricName[];
  stem: boolean;
  /** Scales: BLEU, chrF, chrF++, TER 0–100; ROUGE (F-measure), METEOR, EM, F1, exact 0–1. */
  lines: ScoredLine[];
  /** Corpus-level scores computed as sacreBLEU does, over the scored lines. */
  corpus: Partial<Record<CorpusMetric, number>>;
  /** The average of each metric's per-line scores. */
  mean: Partial<Record<MetricName, number>>;
  /** One INVALID_INPUT per broken line, the line number in the message and in `details.line`. */
  errors: AppErrorShape[];
}

const Pair = z.object({
  id: z.union([z.string(), z.number()]),
  hypothesis: z.string(),
  references: z.array(z.string()).min(1),
});
type Pair = z.infer<typeof Pair>;

/** Validates a metric list ("bleu,chrf" or an array); an unknown name is INVALID_INPUT naming the choices. */
export function parseMetricList(input: string | readonly string[]): MetricName[] {
  const names = (typeof input === 'string' ? input.split(',') : input).map((m) => m.trim()).filter((m) => m !== '');
  if (names.length === 0) throw new AppError('INVALID_INPUT', `Name at least one metric; choose from ${metricNames.join(', ')}`);
  for (const name of names) {
    if (!(metricNames as readonly string[]).includes(name)) throw new AppError('INVALID_INPUT', `Unknown metric "${name}"; choose from ${metricNames.join(', ')}`);
  }
  return [...new Set(names)] as MetricName[];
}

function lineError(line: number, message: string): AppErrorShape {
  return new AppError('INVALID_INPUT', `line ${line}: ${message}`, { line }).toShape();
}

/** Parses JSONL lines into pairs; blank lines are skipped, broken ones reported. */
export function parsePairs(lines: readonly string[]): { pairs: Array<Pair & { line: number }>; errors: AppErrorShape[] } {
  const pairs: Array<Pair & { line: number }> = [];
  const errors: AppErrorShape[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      errors.push(lineError(line, `not valid JSON (${(error as Error).message})`));
      return;
    }
    const parsed = Pair.safeParse(raw);
    if (parsed.success) pairs.push({ ...parsed.data, line });
    else errors.push(lineError(line, describeIssues(parsed.error.issues)));
  });
  return { pairs, errors };
}

function describeIssues(issues: z.ZodError['issues']): string {
  const fields = issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    if (field === 'id') return '"id" (a string or number) is required';
    if (field === 'hypothesis') return '"hypothesis" must be a string';
    if (field === 'references') return '"references" must be a non-empty array of strings';
    return 'each line must be a JSON object {"id", "hypothesis", "references": [...]}';
  });
  return [...new Set(fields)].join('; ');
}

/** Scores the lines of a pairs.jsonl file. Throws INVALID_INPUT for an unknown metric or a file with nothing to score. */
export function scoreFile(lines: readonly string[], options: ScoreFileOptions): ScoreFileResult {
  const metrics = parseMetricList(options.metrics);
  const stem = options.stem ?? false;
  const { pairs, errors } = parsePairs(lines);
  if (pairs.length === 0) {
    const why = errors.length > 0 ? `every line is broken (${errors[0]?.message}${errors.length > 1 ? `, and ${errors.length - 1} more` : ''})` : 'it holds no pairs';
    throw new AppError('INVALID_INPUT', `Nothing to score: ${why}`, errors.length > 0 ? { errors } : undefined);
  }

  const scorers = {
    bleu: new Bleu(),
    sentenceBleu: new Bleu({ effectiveOrder: true }),
    chrf: new Chrf(),
    'chrf++': new Chrf({ wordOrder: 2 }),
    ter: new Ter(),
  };
  const stats: Record<CorpusMetric, number[][]> = { bleu: [], chrf: [], 'chrf++': [], ter: [] };
  const scored: ScoredLine[] = pairs.map((pair) => {
    const { hypothesis: hyp, references: refs } = pair;
    const scores: ScoredLine['scores'] = {};
    for (const metric of metrics) {
      switch (metric) {
        case 'bleu': {
          // Sentence BLEU differs from corpus BLEU only in the final computation (effective order).
          const segment = scorers.bleu.segmentStats(hyp, refs);
          stats.bleu.push(segment);
          scores.bleu = scorers.sentenceBleu.scoreFromStats(segment).score;
          break;
        }
        case 'chrf':
        case 'chrf++': {
          const segment = scorers[metric].segmentStats(hyp, refs);
          stats[metric].push(segment);
          scores[metric] = scorers[metric].fScore(segment);
          break;
        }
        case 'ter': {
          const segment = scorers.ter.segmentStats(hyp, refs);
          stats.ter.push(segment);
          scores.ter = scorers.ter.scoreFromStats(segment).score;
          break;
        }
        case 'rouge1':
        case 'rouge2':
        case 'rougeL':
        case 'rougeLsum':
          scores[metric] = rougeScoreMulti(metric, refs, hyp, stem).fmeasure;
          break;
        case 'meteor':
          scores.meteor = meteorScore(refs.map(nltkWordTokenize), nltkWordTokenize(hyp));
          break;
        case 'em':
          scores.em = squadExactMatch(hyp, refs);
          break;
        case 'f1':
          scores.f1 = squadF1(hyp, refs);
          break;
        case 'exact':
          scores.exact = exactMatch(hyp, refs);
          break;
      }
    }
    return { line: pair.line, id: pair.id, scores };
  });

  const corpus: ScoreFileResult['corpus'] = {};
  for (const metric of corpusMetrics) {
    if (!metrics.includes(metric)) continue;
    const summed = sumStats(stats[metric]);
    if (metric === 'bleu') corpus.bleu = scorers.bleu.scoreFromStats(summed).score;
    else if (metric === 'ter') corpus.ter = scorers.ter.scoreFromStats([summed[0] ?? 0, summed[1] ?? 0]).score;
    else corpus[metric] = scorers[metric].fScore(summed);
  }
  const mean: ScoreFileResult['mean'] = {};
  for (const metric of metrics) mean[metric] = scored.reduce((total, l) => total + (l.scores[metric] ?? 0), 0) / scored.length;
  return { metrics, stem, lines: scored, corpus, mean, errors };
}
