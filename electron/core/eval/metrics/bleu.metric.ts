// BLEU exactly as sacreBLEU 2.x computes it: sufficient statistics per segment (lengths, clipped
// n-gram matches and totals), summed over the corpus, then one score with brevity penalty and
// smoothing. Sentence BLEU is the same computation on one segment, with effective order.
import { countInto, pyRstrip, pySplit, type Counter } from '../../text/python-compat.js';
import { bleuTokenizer, type BleuTokenizerName } from './sacrebleu.tokenizer.js';

export const smoothMethods = ['none', 'floor', 'add-k', 'exp'] as const;
export type SmoothMethod = (typeof smoothMethods)[number];

export interface BleuOptions {
  tokenize?: BleuTokenizerName;
  lowercase?: boolean;
  smoothMethod?: SmoothMethod;
  /** For `floor` (default 0.1) and `add-k` (default 1); `undefined` takes sacreBLEU's default. */
  smoothValue?: number;
  maxNgramOrder?: number;
  /** Stop at the highest n-gram order that has any n-grams; what sentence-level BLEU needs. */
  effectiveOrder?: boolean;
}

export interface BleuScore {
  /** 0–100. */
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

/** One segment's statistics: [hypLen, refLen, ...correct(1..N), ...total(1..N)], as sacreBLEU keeps them. */
export type BleuStats = number[];

/** References whose n-grams a scorer keeps (beyond it the cache starts over: memory stays bounded). */
const REF_CACHE_LIMIT = 20_000;

const smoothDefaults: Record<SmoothMethod, number | undefined> = { none: undefined, floor: 0.1, 'add-k': 1, exp: undefined };

/** sacreBLEU's `my_log`: log(0) is a huge negative number, so a zero precision gives a score of exactly 0. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/** `BLEU.compute_bleu`: the score from (aggregated) statistics. */
export function computeBleu(
  correctIn: readonly number[],
  totalIn: readonly number[],
  sysLen: number,
  refLen: number,
  options: Pick<BleuOptions, 'smoothMethod' | 'smoothValue' | 'effectiveOrder' | 'maxNgramOrder'> = {},
): BleuScore {
  const smoothMethod = options.smoothMethod ?? 'none';
  const smoothValue = options.smoothValue ?? smoothDefaults[smoothMethod] ?? 0;
  const maxOrder = options.maxNgramOrder ?? 4;
  // add-k changes the counts it reports, as sacreBLEU's in-place update does.
  const correct = [...correctIn];
  const total = [...totalIn];
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  const result = (score: number): BleuScore => ({ score, counts: correct, totals: total, precisions, bp, sysLen, refLen });

  // No match at any order: 0, before any smoothing could invent one (sacreBLEU #141).
  if (!correct.some((c) => c !== 0)) return result(0);

  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] = (correct[n - 1] ?? 0) + smoothValue;
      total[n - 1] = (total[n - 1] ?? 0) + smoothValue;
    }
    const t = total[n - 1] ?? 0;
    const c = correct[n - 1] ?? 0;
    if (t === 0) break;
    if (options.effectiveOrder) effOrder = n;
    if (c === 0) {
      if (smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (smoothMethod === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / t;
      }
    } else {
      precisions[n - 1] = (100 * c) / t;
    }
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += myLog(precisions[i] ?? 0);
  return result(bp * Math.exp(logSum / effOrder));
}

/** Word n-grams of orders 1..maxOrder over whitespace tokens, one counter per order. */
function wordNgrams(line: string, maxOrder: number): { ngrams: Counter[]; length: number } {
  const tokens = pySplit(line);
  const ngrams: Counter[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const counter: Counter = new Map();
    for (let i = 0; i + n <= tokens.length; i++) countInto(counter, n === 1 ? (tokens[i] as string) : tokens.slice(i, i + n).join(' '));
    ngrams.push(counter);
  }
  return { ngrams, length: tokens.length };
}

/** The reference length closest to the hypothesis length; the shorter one on a tie. */
function closestRefLen(hypLen: number, refLens: number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

/** A configured BLEU, reusable across segments (the tokenizer and options are resolved once). */
export class Bleu {
  private readonly tokenize: (line: string) => string;
  private readonly maxOrder: number;
  private readonly refCache = new Map<string, { ngrams: Counter[]; length: number }>();

  constructor(readonly options: BleuOptions = {}) {
    this.tokenize = bleuTokenizer(options.tokenize ?? '13a');
    this.maxOrder = options.maxNgramOrder ?? 4;
  }

  private preprocess(line: string): string {
    return this.tokenize(pyRstrip(this.options.lowercase ? line.toLowerCase() : line));
  }

  /** Reference n-grams, kept: a corpus is usually scored for several systems against the same references. */
  private refNgrams(reference: string): { ngrams: Counter[]; length: number } {
    let prepared = this.refCache.get(reference);
    if (!prepared) {
      if (this.refCache.size >= REF_CACHE_LIMIT) this.refCache.clear();
      prepared = wordNgrams(this.preprocess(reference), this.maxOrder);
      this.refCache.set(reference, prepared);
    }
    return prepared;
  }

  /** Several references: each n-gram may match as often as it occurs in the reference that has it most. */
  private mergedRefNgrams(references: readonly string[]): { ngrams: Counter[]; lengths: number[] } {
    const prepared = references.map((r) => this.refNgrams(r));
    if (prepared.length === 1) return { ngrams: prepared[0]?.ngrams ?? [], lengths: [prepared[0]?.length ?? 0] };
    const ngrams: Counter[] = Array.from({ length: this.maxOrder }, () => new Map());
    for (const ref of prepared) {
      ref.ngrams.forEach((counter, order) => {
        const merged = ngrams[order] as Counter;
        for (const [gram, count] of counter) if (count > (merged.get(gram) ?? 0)) merged.set(gram, count);
      });
    }
    return { ngrams, lengths: prepared.map((r) => r.length) };
  }

  /** One segment's statistics against its references. */
  segmentStats(hypothesis: string, references: readonly string[]): BleuStats {
    const { ngrams: refNgrams, lengths: refLens } = this.mergedRefNgrams(references);
    const { ngrams, length: hypLen } = wordNgrams(this.preprocess(hypothesis), this.maxOrder);
    const correct = new Array<number>(this.maxOrder).fill(0);
    const total = new Array<number>(this.maxOrder).fill(0);
    ngrams.forEach((counter, order) => {
      const ref = refNgrams[order] ?? new Map<string, number>();
      for (const [gram, count] of counter) {
        total[order] = (total[order] ?? 0) + count;
        const refCount = ref.get(gram);
        if (refCount !== undefined) correct[order] = (correct[order] ?? 0) + Math.min(count, refCount);
      }
    });
    return [hypLen, closestRefLen(hypLen, refLens), ...correct, ...total];
  }

  scoreFromStats(stats: BleuStats): BleuScore {
    const n = this.maxOrder;
    return computeBleu(stats.slice(2, 2 + n), stats.slice(2 + n, 2 + 2 * n), stats[0] ?? 0, stats[1] ?? 0, {
      smoothMethod: this.options.smoothMethod ?? 'exp',
      smoothValue: this.options.smoothValue,
      effectiveOrder: this.options.effectiveOrder ?? false,
      maxNgramOrder: n,
    });
  }

  /** Corpus BLEU: statistics summed over segments, one score. `references[i]` are segment i's references. */
  corpusScore(hypotheses: readonly string[], references: readonly (readonly string[])[]): BleuScore {
    return this.scoreFromStats(sumStats(hypotheses.map((h, i) => this.segmentStats(h, references[i] ?? []))));
  }

  sentenceScore(hypothesis: string, references: readonly string[]): BleuScore {
    return this.scoreFromStats(this.segmentStats(hypothesis, references));
  }
}

export function sumStats(rows: readonly number[][]): number[] {
  const sum: number[] = [];
  for (const row of rows) row.forEach((value, i) => (sum[i] = (sum[i] ?? 0) + value));
  return sum;
}

/** `sacrebleu.corpus_bleu` with its defaults (13a, exp smoothing, no effective order); 0–100. */
export function corpusBleu(hypotheses: readonly string[], references: readonly (readonly string[])[], options: BleuOptions = {}): BleuScore {
  return new Bleu(options).corpusScore(hypotheses, references);
}

/** `sacrebleu.sentence_bleu` with its defaults (13a, exp smoothing, effective order); 0–100. */
export function sentenceBleu(hypothesis: string, references: readonly string[], options: BleuOptions = {}): BleuScore {
  return new Bleu({ effectiveOrder: true, ...options }).sentenceScore(hypothesis, references);
}
