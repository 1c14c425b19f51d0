/** A stretch of text, marked when it is one of the query's words. */
export interface Segment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words too common to be worth marking. */
const STOPWORDS = new Set(
  'a an and are as at be by do does for from has have how i in is it its of on or that the this to was were what when where which who why will with'.split(' '),
);

/** The words of a query worth marking in a passage: lower-cased, each once, no stopwords or single letters. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(WORD) ?? [];
  return [...new Set(words.filter((word) => word.length > 1 && !STOPWORDS.has(word)))];
}

/** Common English endings, longest first: "inspection", "inspected" and "inspects" all mark "inspect". */
const SUFFIXES = ['ations', 'ation', 'ions', 'ings', 'ion', 'ing', 'ers', 'ies', 'er', 'ed', 'es', 'ly', 's'];

/** A crude stem, as a stemming full-text index would match; at least 4 letters are kept so "is" stays "is". */
export function stem(word: string): string {
  const lower = word.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (lower.endsWith(suffix) && lower.length - suffix.length >= 4) return lower.slice(0, -suffix.length);
  }
  return lower;
}

/** Splits text into plain and marked segments; joined, they give the text back unchanged. */
export function highlightSegments(text: string, terms: string[]): Segment[] {
  if (terms.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const stems = new Set(terms.map(stem));
  const segments: Segment[] = [];
  let plainFrom = 0;
  for (const found of text.matchAll(WORD)) {
    if (!stems.has(stem(found[0]))) continue;
    const at = found.index;
    if (at > plainFrom) segments.push({ text: text.slice(plainFrom, at), match: false });
    segments.push({ text: found[0], match: true });
    plainFrom = at + found[0].length;
  }
  if (plainFrom < text.length) segments.push({ text: text.slice(plainFrom), match: false });
  return segments;
}
