/** Sparse vectors as term → weight maps, L2-normalised (so a dot product is a cosine). */
export type SparseVector = Map<number, number>;

const STOPWORDS = new Set(('a an and are as at be but by for from has have he her his how i if in into is it its of on or our she so that the their them '
  + 'they this to was we were what when where which who whom why will with you your do does did not no can could would should may might than then there these those').split(' '));

export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).filter((t) => !STOPWORDS.has(t));
}

/**
 * TF-IDF over the most frequent terms of both samples together (one vocabulary, so the two sides are comparable):
 * the lexical view of what inputs are about, which finds drift even when the embedding model is weak or absent.
 */
export function tfidf(texts: string[], maxTerms = 2000): { vectors: SparseVector[]; vocabulary: string[] } {
  const docs = texts.map(tokens);
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const vocabulary = [...df.entries()].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxTerms).map(([t]) => t);
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const vectors = docs.map((doc) => {
    const tf = new Map<number, number>();
    for (const term of doc) {
      const i = index.get(term);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const v: SparseVector = new Map();
    let norm = 0;
    for (const [i, n] of tf) {
      const w = (1 + Math.log(n)) * Math.log((1 + docs.length) / (1 + (df.get(vocabulary[i]!) ?? 0)));
      v.set(i, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [i, w] of v) v.set(i, w / norm);
    return v;
  });
  return { vectors, vocabulary };
}

export function denseToSparse(values: number[]): SparseVector {
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const out: SparseVector = new Map();
  values.forEach((v, i) => { if (v !== 0) out.set(i, v / norm); });
  return out;
}
