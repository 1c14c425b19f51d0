// chrF and chrF++ exactly as sacreBLEU 2.x computes them: character n-grams 1..6 (whitespace removed
// by default) and, for chrF++, word n-grams 1..2 after splitting punctuation off word edges.
// Statistics are [hyp, ref, match] per order; the corpus score sums them over segments. With several
// references a segment keeps the statistics of the reference with the best F-score.
import { CharAlphabet, MAX_ENCODED_ORDER, ReferenceNgrams } from './chrf-char-ngrams.js';
import { ASCII_PUNCTUATION, codePoints, countInto, pyRemoveSpaces, pySplit, type Counter } from '../../text/python-compat.js';

export interface ChrfOptions {
  charOrder?: number;
  /** 0 for chrF, 2 for chrF++. */
  wordOrder?: number;
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (sacreBLEU's `whitespace=True`). */
  whitespace?: boolean;
  /** chrF++.py/NLTK/Moses-style epsilon smoothing instead of sacreBLEU's default effective order. */
  epsSmoothing?: boolean;
}

/** References whose n-grams a scorer keeps (beyond it the cache starts over: memory stays bounded). */
const REF_CACHE_LIMIT = 20_000;

/** A segment ready for matching: character n-grams encoded (or, beyond the alphabet, string-keyed) and word n-grams. */
interface Prepared {
  /** The text character n-grams are taken from (whitespace removed unless kept). */
  chars: string;
  /** Character ids, when every character fits the scorer's alphabet. */
  ids: Uint8Array | undefined;
  /** A reference's encoded character n-grams (built once per reference). */
  encoded?: ReferenceNgrams;
  strings?: Counter[];
  words: Counter[];
}

/** Flattened [hyp, ref, match] triplets, character orders first, then word orders. */
export type ChrfStats = number[];

/** String-keyed character n-grams: the general path, for text beyond the encoded alphabet. */
function charNgrams(text: string, maxOrder: number): Counter[] {
  // Start offsets of code points (plus the end), so an n-gram is one substring even with astral characters.
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) starts.push(i);
  }
  const length = starts.length;
  starts.push(text.length);
  const counters: Counter[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const counter: Counter = new Map();
    for (let i = 0; i + n <= length; i++) countInto(counter, text.substring(starts[i] as number, starts[i + n] as number));
    counters.push(counter);
  }
  return counters;
}

/** chrF++'s primitive tokenization: one punctuation mark split off the end, else off the start, of each word. */
export function removePunctuation(sentence: string): string[] {
  const tokens: string[] = [];
  for (const word of pySplit(sentence)) {
    const chars = codePoints(word);
    if (chars.length === 1) {
      tokens.push(word);
    } else if (ASCII_PUNCTUATION.has(chars[chars.length - 1] as string)) {
      // Like sacreBLEU, '(hi)' becomes '(hi' and ')' (sacreBLEU issue #124).
      tokens.push(chars.slice(0, -1).join(''), chars[chars.length - 1] as string);
    } else if (ASCII_PUNCTUATION.has(chars[0] as string)) {
      tokens.push(chars[0] as string, chars.slice(1).join(''));
    } else {
      tokens.push(word);
    }
  }
  return tokens;
}

function wordNgrams(tokens: string[], n: number): Counter {
  const counter: Counter = new Map();
  for (let i = 0; i + n <= tokens.length; i++) countInto(counter, tokens.slice(i, i + n).join(' '));
  return counter;
}

function matchStats(hyp: Counter, ref: Counter): [number, number, number] {
  let hypCount = 0;
  let matchCount = 0;
  for (const [gram, count] of hyp) {
    hypCount += count;
    const refCount = ref.get(gram);
    if (refCount !== undefined) matchCount += Math.min(count, refCount);
  }
  let refCount = 0;
  for (const count of ref.values()) refCount += count;
  // No reference n-grams of this order: the hypothesis' n-grams are not counted (sacreBLEU does the same).
  return [ref.size > 0 ? hypCount : 0, refCount, matchCount];
}

export class Chrf {
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly beta: number;
  private readonly refCache = new Map<string, Prepared>();
  private readonly alphabet = new CharAlphabet();

  constructor(readonly options: ChrfOptions = {}) {
    this.charOrder = options.charOrder ?? 6;
    this.wordOrder = options.wordOrder ?? 0;
    this.beta = options.beta ?? 2;
  }

  private prepare(line: string): Prepared {
    const text = this.options.lowercase ? line.toLowerCase() : line;
    const chars = this.options.whitespace ? text : pyRemoveSpaces(text);
    const ids = this.charOrder <= MAX_ENCODED_ORDER ? this.alphabet.encode(chars) : undefined;
    const words: Counter[] = [];
    if (this.wordOrder > 0) {
      const tokens = removePunctuation(text);
      for (let n = 1; n <= this.wordOrder; n++) words.push(wordNgrams(tokens, n));
    }
    return { chars, ids, words };
  }

  /** Reference n-grams, kept: a corpus is usually scored for several systems against the same references. */
  private prepareReference(reference: string): Prepared {
    let prepared = this.refCache.get(reference);
    if (!prepared) {
      if (this.refCache.size >= REF_CACHE_LIMIT) this.refCache.clear();
      prepared = this.prepare(reference);
      if (prepared.ids) prepared.encoded = new ReferenceNgrams(prepared.ids, this.charOrder);
      this.refCache.set(reference, prepared);
    }
    return prepared;
  }

  private pairStats(hyp: Prepared, ref: Prepared): ChrfStats {
    const stats: ChrfStats = [];
    if (hyp.ids && ref.encoded) {
      ref.encoded.pushMatchStats(hyp.ids, stats);
    } else {
      hyp.strings ??= charNgrams(hyp.chars, this.charOrder);
      ref.strings ??= charNgrams(ref.chars, this.charOrder);
      for (let order = 0; order < this.charOrder; order++) stats.push(...matchStats(hyp.strings[order] as Counter, ref.strings[order] as Counter));
    }
    hyp.words.forEach((h, order) => stats.push(...matchStats(h, ref.words[order] ?? new Map())));
    return stats;
  }

  segmentStats(hypothesis: string, references: readonly string[]): ChrfStats {
    const hyp = this.prepare(hypothesis);
    let best: ChrfStats = [];
    let bestF = -1;
    for (const reference of references) {
      const stats = this.pairStats(hyp, this.prepareReference(reference));
      const f = this.fScore(stats);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    return best;
  }

  /** sacreBLEU's `_compute_f_score`, 0–100. */
  fScore(stats: ChrfStats): number {
    const eps = 1e-16;
    const factor = this.beta ** 2;
    const order = this.charOrder + this.wordOrder;
    let score = 0;
    let effectiveOrder = 0;
    let avgPrec = 0;
    let avgRec = 0;
    for (let i = 0; i < order; i++) {
      const nHyp = stats[3 * i] ?? 0;
      const nRef = stats[3 * i + 1] ?? 0;
      const nMatch = stats[3 * i + 2] ?? 0;
      const prec = nHyp > 0 ? nMatch / nHyp : eps;
      const rec = nRef > 0 ? nMatch / nRef : eps;
      const denom = factor * prec + rec;
      score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
      if (nHyp > 0 && nRef > 0) {
        avgPrec += prec;
        avgRec += rec;
        effectiveOrder++;
      }
    }
    if (this.options.epsSmoothing) return (100 * score) / order;
    if (effectiveOrder === 0) return 0;
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
    if (avgPrec + avgRec === 0) return 0;
    return 100 * (((1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec));
  }

  corpusScore(hypotheses: readonly string[], references: readonly (readonly string[])[]): number {
    const sum: number[] = [];
    hypotheses.forEach((h, i) => this.segmentStats(h, references[i] ?? []).forEach((v, k) => (sum[k] = (sum[k] ?? 0) + v)));
    return this.fScore(sum);
  }

  sentenceScore(hypothesis: string, references: readonly string[]): number {
    return this.fScore(this.segmentStats(hypothesis, references));
  }
}

/** `sacrebleu.corpus_chrf` (defaults: chrF2, char order 6, word order 0); 0–100. */
export function corpusChrf(hypotheses: readonly string[], references: readonly (readonly string[])[], options: ChrfOptions = {}): number {
  return new Chrf(options).corpusScore(hypotheses, references);
}

/** `sacrebleu.sentence_chrf`; 0–100. */
export function sentenceChrf(hypothesis: string, references: readonly string[], options: ChrfOptions = {}): number {
  return new Chrf(options).sentenceScore(hypothesis, references);
}
