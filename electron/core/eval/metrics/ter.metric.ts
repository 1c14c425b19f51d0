// Translation Edit Rate as sacreBLEU 2.x computes it (lib_ter.py, a near-exact Tercom port): greedy
// block shifts while they lower the edit distance, then word edit distance; edits / reference
// length, 0–100. Shift candidates are ranked as Tercom ranks them (gain, then length, then earliest
// source, then earliest target); the heuristics are arbitrary but must be the same to agree.
import { AppError } from '../../contract/errors.js';
import { pyRstrip, pySplit } from '../../text/python-compat.js';
import { BeamEditDistance, OP_DEL, OP_INS, OP_NOP, OP_SUB } from './ter-edit-distance.js';
import { tercomTokenize, type TercomOptions } from './tercom.tokenizer.js';

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const MAX_SHIFT_CANDIDATES = 1000;
/**
 * TER is a sentence metric: its shift search recomputes the (beamed) edit distance for up to 1,000 candidates, so
 * time grows with length × candidates. 2,000 words takes about a second; a whole document (10,000 words took
 * minutes before the beamed rows, ~10 s after) is refused with a message instead of stalling the command.
 */
export const MAX_TER_WORDS = 2000;

export type TerOptions = TercomOptions;

export interface TerScore {
  /** 0–100 (can exceed 100). */
  score: number;
  numEdits: number;
  refLength: number;
}

/** Rewrites the edit trace hypothesis→reference into an alignment (reference position → hypothesis position). */
function traceToAlignment(trace: string): { align: Map<number, number>; refErr: number[]; hypErr: number[] } {
  let posHyp = -1;
  let posRef = -1;
  const hypErr: number[] = [];
  const refErr: number[] = [];
  const align = new Map<number, number>();
  for (const op of trace) {
    if (op === OP_NOP || op === OP_SUB) {
      posHyp++;
      posRef++;
      align.set(posRef, posHyp);
      const err = op === OP_SUB ? 1 : 0;
      hypErr.push(err);
      refErr.push(err);
    } else if (op === OP_INS) {
      posHyp++;
      hypErr.push(1);
    } else if (op === OP_DEL) {
      posRef++;
      align.set(posRef, posHyp);
      refErr.push(1);
    } else {
      throw new Error(`TER: unknown edit operation ${JSON.stringify(op)}`);
    }
  }
  return { align, refErr, hypErr };
}

/** The distance trace rewrites hypothesis→reference; the alignment wants reference→hypothesis. */
function flipTrace(trace: string): string {
  return trace.replace(/[id]/g, (op) => (op === OP_INS ? OP_DEL : OP_INS));
}

function performShift(words: readonly string[], start: number, length: number, target: number): string[] {
  if (target < start) return [...words.slice(0, target), ...words.slice(start, start + length), ...words.slice(target, start), ...words.slice(start + length)];
  if (target > start + length) return [...words.slice(0, start), ...words.slice(start + length, target), ...words.slice(start, start + length), ...words.slice(target)];
  return [...words.slice(0, start), ...words.slice(start + length, length + target), ...words.slice(start, start + length), ...words.slice(length + target)];
}

function sumRange(values: readonly number[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < Math.min(end, values.length); i++) sum += values[i] as number;
  return sum;
}

interface ShiftResult {
  gain: number;
  words: readonly string[];
  checked: number;
}

/** The best single shift of a word block in the hypothesis towards the reference, if any helps. */
function bestShift(wordsH: readonly string[], wordsR: readonly string[], ed: BeamEditDistance, checkedIn: number): ShiftResult {
  const { distance: preScore, trace: invTrace } = ed.distance(wordsH);
  const { align, refErr, hypErr } = traceToAlignment(flipTrace(invTrace));
  let checked = checkedIn;
  let best: { key: [number, number, number, number]; words: string[] } | undefined;

  outer: for (let startH = 0; startH < wordsH.length; startH++) {
    // Only targets within MAX_SHIFT_DIST (sacreBLEU walks every position and skips the rest: same order, O(n²)).
    for (let startR = Math.max(0, startH - MAX_SHIFT_DIST); startR < Math.min(wordsR.length, startH + MAX_SHIFT_DIST + 1); startR++) {
      // Every matching block starting here, growing one word at a time.
      let length = 0;
      while (wordsH[startH + length] === wordsR[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        considerBlock(startH, startR, length);
        // sacreBLEU stops right after the block that used up the candidate budget.
        if (checked >= MAX_SHIFT_CANDIDATES) break outer;
        if (wordsH.length === startH + length || wordsR.length === startR + length) break;
      }
    }
  }
  return best ? { gain: best.key[0], words: best.words, checked } : { gain: 0, words: wordsH, checked };

  function considerBlock(startH: number, startR: number, length: number): void {
    // Shift only a block that is wrong where it is, towards a place where the reference is unmatched.
    if (sumRange(hypErr, startH, startH + length) === 0) return;
    if (sumRange(refErr, startR, startR + length) === 0) return;
    const alignedStart = align.get(startR) as number;
    if (startH <= alignedStart && alignedStart < startH + length) return;
    let prevIdx = -1;
    for (let offset = -1; offset < length; offset++) {
      let idx: number;
      if (startR + offset === -1) idx = 0;
      else if (align.has(startR + offset)) idx = (align.get(startR + offset) as number) + 1;
      else break;
      if (idx === prevIdx) continue;
      prevIdx = idx;
      const shifted = performShift(wordsH, startH, length, idx);
      const key: [number, number, number, number] = [preScore - ed.distanceOnly(shifted), length, -startH, -idx];
      checked++;
      if (!best || greater(key, best.key)) best = { key, words: shifted };
    }
  }
}

function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) > (b[i] as number);
  }
  return false;
}

/** Edits (shifts + word edits) to turn the hypothesis into the reference, and the reference length. */
export function translationEditRate(wordsHyp: readonly string[], wordsRef: readonly string[]): { edits: number; refLength: number } {
  if (wordsRef.length === 0) return { edits: wordsHyp.length, refLength: 0 };
  const ed = new BeamEditDistance(wordsRef);
  let shifts = 0;
  let words = wordsHyp;
  let checked = 0;
  for (;;) {
    const shift = bestShift(words, wordsRef, ed, checked);
    checked = shift.checked;
    // Past the candidate budget even an improving shift is dropped, as in sacreBLEU.
    if (checked >= MAX_SHIFT_CANDIDATES || shift.gain <= 0) break;
    shifts++;
    words = shift.words;
  }
  return { edits: shifts + ed.distanceOnly(words), refLength: wordsRef.length };
}

export class Ter {
  constructor(readonly options: TerOptions = {}) {}

  private words(line: string): string[] {
    return pySplit(tercomTokenize(pyRstrip(line), this.options));
  }

  /** [best edits over the references, average reference length]. */
  segmentStats(hypothesis: string, references: readonly string[]): [number, number] {
    const hyp = this.words(hypothesis);
    refuseLong(hyp.length, 'the hypothesis');
    let best = 1e16;
    let refLengths = 0;
    for (const reference of references) {
      const words = this.words(reference);
      refuseLong(words.length, 'a reference');
      const { edits, refLength } = translationEditRate(hyp, words);
      refLengths += refLength;
      if (edits < best) best = edits;
    }
    return [best, refLengths / references.length];
  }

  scoreFromStats([edits, refLength]: readonly [number, number]): TerScore {
    // Empty references: any edit is 100% wrong; nothing against nothing is perfect.
    const rate = refLength > 0 ? edits / refLength : edits > 0 ? 1 : 0;
    return { score: 100 * rate, numEdits: edits, refLength };
  }

  corpusScore(hypotheses: readonly string[], references: readonly (readonly string[])[]): TerScore {
    let edits = 0;
    let refLength = 0;
    hypotheses.forEach((h, i) => {
      const [e, r] = this.segmentStats(h, references[i] ?? []);
      edits += e;
      refLength += r;
    });
    return this.scoreFromStats([edits, refLength]);
  }

  sentenceScore(hypothesis: string, references: readonly string[]): TerScore {
    return this.scoreFromStats(this.segmentStats(hypothesis, references));
  }
}

function refuseLong(words: number, what: string): void {
  if (words > MAX_TER_WORDS) {
    throw new AppError('INVALID_INPUT', `TER compares at most ${MAX_TER_WORDS} words per segment and ${what} has ${words}: score sentences or paragraphs, not whole documents`, { words, limit: MAX_TER_WORDS });
  }
}

export function corpusTer(hypotheses: readonly string[], references: readonly (readonly string[])[], options: TerOptions = {}): TerScore {
  return new Ter(options).corpusScore(hypotheses, references);
}

export function sentenceTer(hypothesis: string, references: readonly string[], options: TerOptions = {}): TerScore {
  return new Ter(options).sentenceScore(hypothesis, references);
}
