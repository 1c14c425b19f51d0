// Exact match and SQuAD-style EM/F1, as the official SQuAD evaluation script computes them
// (normalisation: lowercase, drop ASCII punctuation, drop the articles a/an/the, collapse
// whitespace; token F1 over the normalised words; best over the gold answers). Scores are 0–1 per
// answer; the script's reported averages are these × 100.
import { ASCII_PUNCTUATION, PY_WORD, countInto, pySplit, type Counter } from '../../text/python-compat.js';

// Python's \b is Unicode-aware: "thé" must not lose a "th" article-like prefix, nor "lathe" its end.
const articles = new RegExp(`(?<![${PY_WORD}])(a|an|the)(?![${PY_WORD}])`, 'gu');

/** SQuAD's `normalize_answer`. */
export function normalizeAnswer(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) if (!ASCII_PUNCTUATION.has(ch)) out += ch;
  return pySplit(out.replace(articles, ' ')).join(' ');
}

/** Strict exact match: the strings are equal after trimming surrounding whitespace; 1 or 0. */
export function exactMatch(prediction: string, references: readonly string[]): number {
  return references.some((r) => r.trim() === prediction.trim()) ? 1 : 0;
}

/** SQuAD EM: normalised strings equal, against any reference; 1 or 0. */
export function squadExactMatch(prediction: string, references: readonly string[]): number {
  const normalized = normalizeAnswer(prediction);
  return references.some((r) => normalizeAnswer(r) === normalized) ? 1 : 0;
}

/** Token-overlap F1 between normalised answers (SQuAD v2 rule: an empty answer scores 1 only against an empty one). */
export function squadF1Single(prediction: string, reference: string): number {
  const predTokens = pySplit(normalizeAnswer(prediction));
  const refTokens = pySplit(normalizeAnswer(reference));
  if (predTokens.length === 0 || refTokens.length === 0) return predTokens.length === refTokens.length ? 1 : 0;
  const refCounts: Counter = new Map();
  for (const token of refTokens) countInto(refCounts, token);
  let same = 0;
  for (const token of predTokens) {
    const left = refCounts.get(token) ?? 0;
    if (left > 0) {
      same++;
      refCounts.set(token, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / predTokens.length;
  const recall = same / refTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** SQuAD F1: the best over the references (0 without references). */
export function squadF1(prediction: string, references: readonly string[]): number {
  let best = 0;
  for (const reference of references) best = Math.max(best, squadF1Single(prediction, reference));
  return best;
}
