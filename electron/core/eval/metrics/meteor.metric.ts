// METEOR as NLTK 3.8's `meteor_score` defines it: unigram alignment in three stages (exact, Porter
// stem, WordNet synonym), each scanning hypothesis and reference from the end; F-mean with
// alpha 0.9; fragmentation penalty gamma·(chunks/matches)^beta; best over references; 0–1.
// Inputs are token lists, as NLTK expects (see nltk-word.tokenizer.ts to tokenize text).
import { porterStem } from '../../text/porter-stemmer.js';
import { wordNet, type WordNet } from './wordnet.reader.js';

export interface MeteorOptions {
  alpha?: number;
  beta?: number;
  gamma?: number;
  /** Applied to every token first; NLTK's default is `str.lower`. */
  preprocess?: (token: string) => string;
  stem?: (token: string) => string;
  wordnet?: WordNet;
}

type Enumerated = Array<[index: number, word: string]>;
type Match = [hypIndex: number, refIndex: number];

/** One stage: pair equal words, hypothesis from the end, each with the last unmatched equal reference word. */
function matchEnums(hyp: Enumerated, ref: Enumerated, same: (hypWord: string, refWord: string) => boolean = (a, b) => a === b): Match[] {
  const matches: Match[] = [];
  for (let i = hyp.length - 1; i >= 0; i--) {
    const [hypIndex, hypWord] = hyp[i] as [number, string];
    for (let j = ref.length - 1; j >= 0; j--) {
      const [refIndex, refWord] = ref[j] as [number, string];
      if (same(hypWord, refWord)) {
        matches.push([hypIndex, refIndex]);
        hyp.splice(i, 1);
        ref.splice(j, 1);
        break;
      }
    }
  }
  return matches;
}

function stemMatches(hyp: Enumerated, ref: Enumerated, stem: (token: string) => string): Match[] {
  const stemmedHyp: Enumerated = hyp.map(([i, w]) => [i, stem(w)]);
  const stemmedRef: Enumerated = ref.map(([i, w]) => [i, stem(w)]);
  const matches = matchEnums(stemmedHyp, stemmedRef);
  // NLTK carries on with the stemmed leftovers into the synonym stage; so do we.
  hyp.splice(0, hyp.length, ...stemmedHyp);
  ref.splice(0, ref.length, ...stemmedRef);
  return matches;
}

/** A hypothesis word's synonyms: lemma names of all its synsets (single words only), and itself. */
function synonyms(word: string, wordnet: WordNet): Set<string> {
  const names = new Set<string>([word]);
  for (const { pos, offset } of wordnet.synsets(word)) {
    for (const name of wordnet.lemmaNames(pos, offset)) if (!name.includes('_')) names.add(name);
  }
  return names;
}

function synonymMatches(hyp: Enumerated, ref: Enumerated, wordnet: WordNet): Match[] {
  const matches: Match[] = [];
  for (let i = hyp.length - 1; i >= 0; i--) {
    const [hypIndex, hypWord] = hyp[i] as [number, string];
    const syns = synonyms(hypWord, wordnet);
    for (let j = ref.length - 1; j >= 0; j--) {
      const [refIndex, refWord] = ref[j] as [number, string];
      if (syns.has(refWord)) {
        matches.push([hypIndex, refIndex]);
        hyp.splice(i, 1);
        ref.splice(j, 1);
        break;
      }
    }
  }
  return matches;
}

/** Alignment (sorted by hypothesis position) after the exact, stem and synonym stages. */
export function alignWords(hypothesis: readonly string[], reference: readonly string[], options: MeteorOptions = {}): Match[] {
  const preprocess = options.preprocess ?? ((t: string) => t.toLowerCase());
  const hyp: Enumerated = hypothesis.map((w, i) => [i, preprocess(w)]);
  const ref: Enumerated = reference.map((w, i) => [i, preprocess(w)]);
  const exact = matchEnums(hyp, ref);
  const stemmed = stemMatches(hyp, ref, options.stem ?? porterStem);
  // WordNet loads on first need: a perfect or stem-only alignment never touches it.
  const synonym = hyp.length > 0 && ref.length > 0 ? synonymMatches(hyp, ref, options.wordnet ?? wordNet()) : [];
  // Stable sort by hypothesis index, as Python's sorted(key=...) is.
  return [...exact, ...stemmed, ...synonym].sort((a, b) => a[0] - b[0]);
}

/** The fewest chunks of matches adjacent in both hypothesis and reference. */
function countChunks(matches: readonly Match[]): number {
  let chunks = 1;
  for (let i = 0; i < matches.length - 1; i++) {
    const [h, r] = matches[i] as Match;
    const [nextH, nextR] = matches[i + 1] as Match;
    if (!(nextH === h + 1 && nextR === r + 1)) chunks++;
  }
  return chunks;
}

/** `single_meteor_score(reference, hypothesis)`. */
export function singleMeteorScore(reference: readonly string[], hypothesis: readonly string[], options: MeteorOptions = {}): number {
  const alpha = options.alpha ?? 0.9;
  const beta = options.beta ?? 3;
  const gamma = options.gamma ?? 0.5;
  const matches = alignWords(hypothesis, reference, options);
  const matchCount = matches.length;
  // NLTK returns 0 where any of these divisions would be by zero.
  if (hypothesis.length === 0 || reference.length === 0 || matchCount === 0) return 0;
  const precision = matchCount / hypothesis.length;
  const recall = matchCount / reference.length;
  const denominator = alpha * precision + (1 - alpha) * recall;
  if (denominator === 0) return 0;
  const fmean = (precision * recall) / denominator;
  const fragFrac = countChunks(matches) / matchCount;
  const penalty = gamma * fragFrac ** beta;
  return (1 - penalty) * fmean;
}

/** `meteor_score(references, hypothesis)`: the best score over the references. */
export function meteorScore(references: ReadonlyArray<readonly string[]>, hypothesis: readonly string[], options: MeteorOptions = {}): number {
  let best = 0;
  for (const reference of references) best = Math.max(best, singleMeteorScore(reference, hypothesis, options));
  return best;
}
