import type { Db } from '../../../../native/sqlite/open.js';
import type { IndexRow } from '../collections/collections.repo.js';

/** Chunks sampled to measure an index's vectors. */
const SAMPLES = 60;
const K = 10;

export interface QualityProbe {
  bm25(query: string, k: number, aclSets: number[]): Promise<number[]>;
  vector(query: string, k: number, aclSets: number[]): Promise<number[]>;
}

/**
 * Self-retrieval: a sentence taken from a chunk should find that chunk. Vector recall relative to BM25's on the
 * same probes says how much the embedding model can add: near 1 for a real embedding model, near 0 for a model
 * whose vectors carry no meaning. Measured, so hybrid weights follow the model actually in use.
 */
export async function measureVectorQuality(db: Db, index: IndexRow, probe: QualityProbe): Promise<number | null> {
  const rows = db.prepare(`SELECT c.id, c.text, c.acl_set_id FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.index_id = ? AND d.status = 'indexed' ORDER BY random() LIMIT ?`).all(index.id, SAMPLES) as Array<{ id: number; text: string; acl_set_id: number }>;
  const probes = rows.flatMap((row) => {
    const sentence = probeSentence(row.text);
    return sentence ? [{ id: row.id, sentence, aclSet: row.acl_set_id }] : [];
  });
  if (probes.length < 5) return null;
  let bm25Found = 0;
  let vectorFound = 0;
  for (const p of probes) {
    if ((await probe.bm25(p.sentence, K, [p.aclSet])).includes(p.id)) bm25Found++;
    if ((await probe.vector(p.sentence, K, [p.aclSet])).includes(p.id)) vectorFound++;
  }
  if (bm25Found === 0) return vectorFound > 0 ? 1 : 0;
  return Math.min(1, vectorFound / bm25Found);
}

/** A sentence from the middle of a chunk, long enough to be a real query. */
function probeSentence(text: string): string | null {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 6);
  return sentences[Math.floor(sentences.length / 2)] ?? null;
}
