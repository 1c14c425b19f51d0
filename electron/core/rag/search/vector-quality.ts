import type { Db } from '../../../../native/sqlite/open.js';
import type { IndexRow } from '../collections/collections.repo.js';

/** Chunks sampled to measure an index's vectors. */
const SAMPLES = 60;
/** Below this many chunks any ranking finds most passages: the measure would say nothing. */
const MIN_CHUNKS = 30;
/** Top-1: with k > 1, a small collection lets even meaningless vectors "find" their passage. */
const K = 1;

export interface QualityProbe {
  bm25(query: string, k: number, aclSets: number[]): Promise<number[]>;
  /** Every probe's query vector in one embedding call: one host round trip, not one per probe. */
  embed(queries: string[]): Promise<Float32Array[]>;
  vector(queryVector: Float32Array, k: number, aclSets: number[]): Promise<number[]>;
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
    const sentence = probeQuery(row.text);
    return sentence ? [{ id: row.id, sentence, aclSet: row.acl_set_id }] : [];
  });
  if (probes.length < 5 || indexedChunks(db, index.id) < MIN_CHUNKS) return null;
  let bm25Found = 0;
  let vectorFound = 0;
  const vectors = await probe.embed(probes.map((p) => p.sentence));
  for (const [i, p] of probes.entries()) {
    if ((await probe.bm25(p.sentence, K, [p.aclSet])).includes(p.id)) bm25Found++;
    const vector = vectors[i];
    if (vector && (await probe.vector(vector, K, [p.aclSet])).includes(p.id)) vectorFound++;
  }
  if (bm25Found === 0) return vectorFound > 0 ? 1 : 0;
  return Math.min(1, vectorFound / bm25Found);
}

/**
 * A query-sized piece of a chunk: a third of its words from the middle, 5 to 20 of them. Never the whole chunk,
 * whose vector any deterministic model reproduces exactly, and long enough to be a real question.
 */
function probeQuery(text: string): string | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 15) return null;
  const length = Math.max(5, Math.min(20, Math.floor(words.length / 3)));
  const start = Math.floor((words.length - length) / 2);
  return words.slice(start, start + length).join(' ');
}

export function indexedChunks(db: Db, indexId: number): number {
  return (db.prepare("SELECT count(*) AS n FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.index_id = ? AND d.status = 'indexed'").get(indexId) as { n: number }).n;
}

/**
 * When an index is measured again: while it has no measure, or once its indexed chunks have doubled since the last
 * measure this process made (or, after a restart, since it first saw the stored one). A corpus's character changes
 * slowly, and a synced folder re-ingests one file at a time: measuring after each would embed every probe again.
 */
export class MeasureSchedule {
  private readonly measuredAt = new Map<number, number>();

  due(indexId: number, chunks: number, stored: number | null): boolean {
    if (stored === null) return true;
    const last = this.measuredAt.get(indexId);
    if (last === undefined) {
      this.measuredAt.set(indexId, chunks);
      return false;
    }
    return chunks >= last * 2;
  }

  measured(indexId: number, chunks: number): void {
    this.measuredAt.set(indexId, chunks);
  }
}
