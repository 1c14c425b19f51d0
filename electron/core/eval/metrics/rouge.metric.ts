// ROUGE-N, ROUGE-L and ROUGE-Lsum as Google's rouge-score computes them (which replicates
// ROUGE-1.5.5 with `-n 2`, and `-m` for stemming): lowercase, every non-alphanumeric run becomes a
// space, optional Porter stemming of tokens longer than 3 characters; scores in 0–1.
import { countInto, type Counter } from '../../text/python-compat.js';
import { porterStem } from '../../text/porter-stemmer.js';

export const rougeTypes = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;
export type RougeType = 'rougeL' | 'rougeLsum' | `rouge${number}`;

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

const zero: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** rouge-score's default tokenizer. ASCII only: accented letters become separators, as in the original. */
export function rougeTokenize(text: string, stem: boolean): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(' ');
  const out: string[] = [];
  for (const token of tokens) {
    if (token === '') continue;
    out.push(stem && token.length > 3 ? porterStem(token) : token);
  }
  return out;
}

export function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngrams(tokens: readonly string[], n: number): Counter {
  const counter: Counter = new Map();
  for (let i = 0; i + n <= tokens.length; i++) countInto(counter, tokens.slice(i, i + n).join(' '));
  return counter;
}

function scoreNgrams(target: Counter, prediction: Counter): RougeScore {
  let overlap = 0;
  let targetCount = 0;
  let predictionCount = 0;
  for (const [gram, count] of target) {
    overlap += Math.min(count, prediction.get(gram) ?? 0);
    targetCount += count;
  }
  for (const count of prediction.values()) predictionCount += count;
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** The LCS length table, one row per reference token (rows kept: ROUGE-Lsum backtracks through it). */
function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array[] {
  const table = Array.from({ length: ref.length + 1 }, () => new Int32Array(can.length + 1));
  for (let i = 1; i <= ref.length; i++) {
    const row = table[i] as Int32Array;
    const prev = table[i - 1] as Int32Array;
    for (let j = 1; j <= can.length; j++) {
      row[j] = ref[i - 1] === can[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number);
    }
  }
  return table;
}

/** LCS length in two rows of memory, for plain ROUGE-L. */
function lcsLength(ref: readonly string[], can: readonly string[]): number {
  let prev = new Int32Array(can.length + 1);
  let row = new Int32Array(can.length + 1);
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      row[j] = ref[i - 1] === can[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number);
    }
    [prev, row] = [row, prev];
  }
  return prev[can.length] as number;
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return zero;
  const lcs = lcsLength(target, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Reference indices of one LCS, read back as rouge-score's `_backtrack_norec` reads it. */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const table = lcsTable(ref, can);
  const indices: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if (((table[i] as Int32Array)[j - 1] as number) > ((table[i - 1] as Int32Array)[j] as number)) {
      j--;
    } else {
      i--;
    }
  }
  return indices.reverse();
}

/** Summary-level LCS (ROUGE paper §3.2): union LCS per reference sentence, each token counted at most as often as it occurs. */
function summaryLevelLcs(refSents: readonly string[][], canSents: readonly string[][]): RougeScore {
  if (refSents.length === 0 || canSents.length === 0) return zero;
  const m = refSents.reduce((n, s) => n + s.length, 0);
  const n = canSents.reduce((k, s) => k + s.length, 0);
  if (m === 0 || n === 0) return zero;
  const refCounts: Counter = new Map();
  const canCounts: Counter = new Map();
  for (const sent of refSents) for (const token of sent) countInto(refCounts, token);
  for (const sent of canSents) for (const token of sent) countInto(canCounts, token);
  let hits = 0;
  for (const ref of refSents) {
    const union = new Set<number>();
    for (const can of canSents) for (const index of lcsIndices(ref, can)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = ref[index] as string;
      // ROUGE-1.5.5 prevents double counting across sentences; so does rouge-score.
      if ((canCounts.get(token) ?? 0) > 0 && (refCounts.get(token) ?? 0) > 0) {
        hits++;
        canCounts.set(token, (canCounts.get(token) as number) - 1);
        refCounts.set(token, (refCounts.get(token) as number) - 1);
      }
    }
  }
  const precision = hits / n;
  const recall = hits / m;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rougeLsum's sentences: newline-separated, empty lines dropped. */
function sentences(text: string): string[] {
  return text.split('\n').filter((s) => s.length > 0);
}

/** `RougeScorer([type], use_stemmer=stem).score(target, prediction)[type]`. */
export function rougeScore(type: RougeType, target: string, prediction: string, stem = false): RougeScore {
  if (type === 'rougeL') return scoreLcs(rougeTokenize(target, stem), rougeTokenize(prediction, stem));
  if (type === 'rougeLsum') {
    return summaryLevelLcs(
      sentences(target).map((s) => rougeTokenize(s, stem)),
      sentences(prediction).map((s) => rougeTokenize(s, stem)),
    );
  }
  const match = /^rouge([0-9])$/.exec(type);
  const n = Number(match?.[1]);
  if (!match || n <= 0) throw new Error(`Invalid rouge type: ${type}`);
  return scoreNgrams(ngrams(rougeTokenize(target, stem), n), ngrams(rougeTokenize(prediction, stem), n));
}

/** `score_multi`: against several references, the first with the best F-measure. */
export function rougeScoreMulti(type: RougeType, targets: readonly string[], prediction: string, stem = false): RougeScore {
  let best: RougeScore | undefined;
  for (const target of targets) {
    const score = rougeScore(type, target, prediction, stem);
    if (!best || score.fmeasure > best.fmeasure) best = score;
  }
  return best ?? zero;
}
