/** Words too common to rank by; dropping them keeps OR-queries fast on large collections. */
const STOPWORDS = new Set(
  'a an and are as at be but by did do does for from had has have how i if in into is it its of on or that the their then there these they this to was were what when where which who whom whose why will with you your'.split(' '),
);

/** The content words of a text, lower-cased (for FTS queries and lexical support checks). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOPWORDS.has(w));
}

/**
 * A user's text as an FTS5 query: each word quoted (so FTS syntax in the text is inert) and OR-ed, which is how
 * BM25 is meant to rank. Returns null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = [...new Set(contentWords(text))];
  const terms = words.length > 0 ? words : [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  if (terms.length === 0) return null;
  return terms.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
}

/** Share of the question's content words found in a passage: a cheap, explainable relevance in 0–1. */
export function lexicalCoverage(question: string, passage: string): number {
  const wanted = new Set(contentWords(question).map(stem));
  if (wanted.size === 0) return 0;
  const present = new Set(contentWords(passage).map(stem));
  let found = 0;
  for (const word of wanted) if (present.has(word)) found++;
  return found / wanted.size;
}

/** Enough stemming to match plurals and common verb forms. */
export function stem(word: string): string {
  return word.replace(/(ies|ied)$/, 'y').replace(/(ing|ed|es|s)$/, '') || word;
}
