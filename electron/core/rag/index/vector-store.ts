import type { Db } from '../../../../native/sqlite/open.js';

export type Quantization = 'none' | 'int8' | 'binary';

export interface VectorHit {
  chunkId: number;
  /** Cosine similarity, exact (rescored from the float vectors when a quantized index found the candidates). */
  similarity: number;
}

/** Candidates a quantized search fetches per wanted hit before exact rescoring (the scan dominates the cost). */
const OVERSAMPLE = 40;

/**
 * Vectors in sqlite-vec. Per index: `vec_raw_<id>` keeps every float vector in a plain table (reuse, exact
 * rescoring by primary key); exact search uses `vec_f_<id>` (float, cosine), quantized search `vec_q_<id>`
 * (int8 or binary) followed by exact rescoring. The search tables are partitioned by access-list set, so a search
 * only ever scans partitions the caller may read: no post-filtering, nothing hidden can shift the top k.
 */
export class VectorStore {
  constructor(private readonly db: Db) {}

  ensure(indexId: number, dimensions: number, quantization: Quantization): void {
    const id = tableId(indexId);
    const dims = Math.trunc(dimensions);
    this.db.exec(`CREATE TABLE IF NOT EXISTS vec_raw_${id} (chunk_id INTEGER PRIMARY KEY, embedding BLOB NOT NULL) STRICT`);
    if (quantization === 'none') this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS vec_f_${id} USING vec0(chunk_id integer primary key, acl_set integer partition key, embedding float[${dims}] distance_metric=cosine)`);
    if (quantization === 'binary') this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS vec_q_${id} USING vec0(chunk_id integer primary key, acl_set integer partition key, embedding bit[${dims}])`);
    if (quantization === 'int8') this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS vec_q_${id} USING vec0(chunk_id integer primary key, acl_set integer partition key, embedding int8[${dims}] distance_metric=cosine)`);
  }

  insert(indexId: number, quantization: Quantization, chunkId: number, aclSetId: number, vector: Float32Array): void {
    const id = tableId(indexId);
    const args = [BigInt(chunkId), BigInt(aclSetId), vector] as const;
    this.db.prepare(`INSERT INTO vec_raw_${id} (chunk_id, embedding) VALUES (?, ?)`).run(chunkId, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    if (quantization === 'none') this.db.prepare(`INSERT INTO vec_f_${id} (chunk_id, acl_set, embedding) VALUES (?, ?, ?)`).run(...args);
    if (quantization === 'binary') this.db.prepare(`INSERT INTO vec_q_${id} (chunk_id, acl_set, embedding) VALUES (?, ?, vec_quantize_binary(?))`).run(...args);
    if (quantization === 'int8') this.db.prepare(`INSERT INTO vec_q_${id} (chunk_id, acl_set, embedding) VALUES (?, ?, vec_quantize_int8(?, 'unit'))`).run(...args);
  }

  remove(indexId: number, quantization: Quantization, chunkIds: number[]): void {
    const id = tableId(indexId);
    const deleteRaw = this.db.prepare(`DELETE FROM vec_raw_${id} WHERE chunk_id = ?`);
    const deleteSearch = this.db.prepare(`DELETE FROM ${quantization === 'none' ? 'vec_f' : 'vec_q'}_${id} WHERE chunk_id = ?`);
    for (const chunkId of chunkIds) {
      deleteRaw.run(chunkId);
      deleteSearch.run(BigInt(chunkId));
    }
  }

  vector(indexId: number, chunkId: number): Float32Array | undefined {
    const row = this.db.prepare(`SELECT embedding FROM vec_raw_${tableId(indexId)} WHERE chunk_id = ?`).get(chunkId) as { embedding: Buffer } | undefined;
    return row ? new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength)) : undefined;
  }

  /** `restrict` narrows the search to chunk ids a subquery returns (metadata filters), inside the KNN query. */
  search(indexId: number, quantization: Quantization, query: Float32Array, k: number, aclSets: number[], restrict?: { sql: string; params: unknown[] }): VectorHit[] {
    if (aclSets.length === 0) return [];
    const id = tableId(indexId);
    const sets = aclSets.map((s) => Math.trunc(s)).join(',');
    const within = restrict ? `AND chunk_id IN (${restrict.sql})` : '';
    const withinParams = restrict?.params ?? [];
    if (quantization === 'none') {
      const rows = this.db
        .prepare(`SELECT chunk_id, distance FROM vec_f_${id} WHERE embedding MATCH ? AND k = ? AND acl_set IN (${sets}) ${within}`)
        .all(query, k, ...withinParams) as Array<{ chunk_id: number; distance: number }>;
      return rows.map((r) => ({ chunkId: Number(r.chunk_id), similarity: 1 - r.distance }));
    }
    const quantize = quantization === 'binary' ? 'vec_quantize_binary(?)' : "vec_quantize_int8(?, 'unit')";
    const candidates = this.db
      .prepare(`SELECT chunk_id FROM vec_q_${id} WHERE embedding MATCH ${quantize} AND k = ? AND acl_set IN (${sets}) ${within}`)
      .all(query, k * OVERSAMPLE, ...withinParams) as Array<{ chunk_id: number }>;
    if (candidates.length === 0) return [];
    // Exact rescoring of the candidates with their float vectors, fetched by primary key.
    const rescored = this.db
      .prepare(`SELECT chunk_id, vec_distance_cosine(embedding, ?) AS distance FROM vec_raw_${id} WHERE chunk_id IN (${candidates.map(() => '?').join(',')})`)
      .all(query, ...candidates.map((c) => Number(c.chunk_id))) as Array<{ chunk_id: number; distance: number }>;
    return rescored
      .map((r) => ({ chunkId: Number(r.chunk_id), similarity: 1 - r.distance }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }

  drop(indexId: number): void {
    const id = tableId(indexId);
    this.db.exec(`DROP TABLE IF EXISTS vec_f_${id}; DROP TABLE IF EXISTS vec_q_${id}; DROP TABLE IF EXISTS vec_raw_${id};`);
  }
}

/** Table names carry the index id: only ever an integer, never user text. */
function tableId(indexId: number): number {
  if (!Number.isSafeInteger(indexId) || indexId <= 0) throw new Error(`invalid index id ${indexId}`);
  return indexId;
}
