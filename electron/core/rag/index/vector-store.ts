import type { Db } from '../../../../native/sqlite/open.js';
import { BinaryIndex } from './binary-index.js';

export type Quantization = 'none' | 'int8' | 'binary';

export interface VectorHit {
  chunkId: number;
  /** Cosine similarity, exact (rescored from the float vectors when a quantized index found the candidates). */
  similarity: number;
}

/**
 * Candidates a quantized search fetches per wanted hit before exact rescoring, and their cap (rescoring cost). On 1M
 * clustered synthetic vectors (bench/hybrid-1m.bench.ts) 1,000 binary candidates scored asymmetrically held ~90-93 %
 * of the exact top 10 (2,000: ~95 %, ~10 ms more per search).
 */
const OVERSAMPLE = 100;
const MAX_CANDIDATES = 1000;

/**
 * Vectors per index. `vec_raw_<id>` keeps every float vector in a plain table (reuse, exact rescoring by primary
 * key). Exact search uses sqlite-vec's `vec_f_<id>` (float, cosine); int8 search sqlite-vec's `vec_q_<id>`; binary
 * search an in-memory scan of the codes in `vec_bin_<id>` (binary-index.ts). Quantized candidates are rescored
 * exactly. Every search looks only at access-list sets the caller may read: no post-filtering, nothing hidden can
 * shift the top k.
 */
export class VectorStore {
  /** The cap on rescored candidates; the benchmark varies it to measure recall against cost. */
  maxCandidates = MAX_CANDIDATES;
  private readonly binary = new Map<number, { index: BinaryIndex; version: number }>();

  constructor(private readonly db: Db) {}

  ensure(indexId: number, dimensions: number, quantization: Quantization): void {
    const id = tableId(indexId);
    const dims = Math.trunc(dimensions);
    this.db.exec(`CREATE TABLE IF NOT EXISTS vec_raw_${id} (chunk_id INTEGER PRIMARY KEY, embedding BLOB NOT NULL) STRICT`);
    if (quantization === 'none') this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS vec_f_${id} USING vec0(chunk_id integer primary key, acl_set integer partition key, embedding float[${dims}] distance_metric=cosine)`);
    if (quantization === 'binary') this.db.exec(`CREATE TABLE IF NOT EXISTS vec_bin_${id} (chunk_id INTEGER PRIMARY KEY, acl_set INTEGER NOT NULL, code BLOB NOT NULL) STRICT`);
    if (quantization === 'int8') this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS vec_q_${id} USING vec0(chunk_id integer primary key, acl_set integer partition key, embedding int8[${dims}] distance_metric=cosine)`);
  }

  insert(indexId: number, quantization: Quantization, chunkId: number, aclSetId: number, vector: Float32Array): void {
    const id = tableId(indexId);
    const args = [BigInt(chunkId), BigInt(aclSetId), vector] as const;
    this.db.prepare(`INSERT INTO vec_raw_${id} (chunk_id, embedding) VALUES (?, ?)`).run(chunkId, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    if (quantization === 'none') this.db.prepare(`INSERT INTO vec_f_${id} (chunk_id, acl_set, embedding) VALUES (?, ?, ?)`).run(...args);
    if (quantization === 'binary') {
      const code = BinaryIndex.encode(vector);
      this.db.prepare(`INSERT INTO vec_bin_${id} (chunk_id, acl_set, code) VALUES (?, ?, ?)`).run(chunkId, aclSetId, Buffer.from(code.buffer));
      this.changed(indexId, (index) => index.add(chunkId, aclSetId, code));
    }
    if (quantization === 'int8') this.db.prepare(`INSERT INTO vec_q_${id} (chunk_id, acl_set, embedding) VALUES (?, ?, vec_quantize_int8(?, 'unit'))`).run(...args);
  }

  remove(indexId: number, quantization: Quantization, chunkIds: number[]): void {
    const id = tableId(indexId);
    const deleteRaw = this.db.prepare(`DELETE FROM vec_raw_${id} WHERE chunk_id = ?`);
    const table = { none: 'vec_f', int8: 'vec_q', binary: 'vec_bin' }[quantization];
    const deleteSearch = this.db.prepare(`DELETE FROM ${table}_${id} WHERE chunk_id = ?`);
    for (const chunkId of chunkIds) {
      deleteRaw.run(chunkId);
      deleteSearch.run(quantization === 'binary' ? chunkId : BigInt(chunkId));
    }
    if (quantization === 'binary' && chunkIds.length > 0) this.changed(indexId, (index) => chunkIds.forEach((c) => index.remove(c)));
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
    const candidates = quantization === 'binary'
      ? this.binaryIndex(indexId)
          .search(query, Math.min(k * OVERSAMPLE, this.maxCandidates), new Set(aclSets), restrict ? new Set((this.db.prepare(restrict.sql).all(...restrict.params) as Array<{ id: number }>).map((r) => r.id)) : undefined)
          .map((chunkId) => ({ chunk_id: chunkId }))
      : (this.db
          .prepare(`SELECT chunk_id FROM vec_q_${id} WHERE embedding MATCH vec_quantize_int8(?, 'unit') AND k = ? AND acl_set IN (${sets}) ${within}`)
          .all(query, Math.min(k * OVERSAMPLE, this.maxCandidates), ...withinParams) as Array<{ chunk_id: number }>);
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
    this.db.exec(`DROP TABLE IF EXISTS vec_f_${id}; DROP TABLE IF EXISTS vec_q_${id}; DROP TABLE IF EXISTS vec_bin_${id}; DROP TABLE IF EXISTS vec_raw_${id};`);
    this.binary.delete(indexId);
  }

  private version(indexId: number): number {
    return (this.db.prepare('SELECT vector_version FROM rag_indexes WHERE id = ?').get(indexId) as { vector_version: number } | undefined)?.vector_version ?? 0;
  }

  /** Records a write; the in-memory copy follows it when it was current, else it reloads on the next search. */
  private changed(indexId: number, apply: (index: BinaryIndex) => void): void {
    const before = this.version(indexId);
    this.db.prepare('UPDATE rag_indexes SET vector_version = vector_version + 1 WHERE id = ?').run(indexId);
    const cached = this.binary.get(indexId);
    if (!cached) return;
    if (cached.version !== before) {
      this.binary.delete(indexId);
      return;
    }
    apply(cached.index);
    cached.version = before + 1;
  }

  private binaryIndex(indexId: number): BinaryIndex {
    const version = this.version(indexId);
    const cached = this.binary.get(indexId);
    if (cached && cached.version === version) return cached.index;
    const rows = this.db.prepare(`SELECT chunk_id, acl_set, code FROM vec_bin_${tableId(indexId)}`).all() as Array<{ chunk_id: number; acl_set: number; code: Buffer }>;
    const dims = (this.db.prepare('SELECT dimensions FROM rag_indexes WHERE id = ?').get(indexId) as { dimensions: number | null } | undefined)?.dimensions ?? 0;
    const index = new BinaryIndex(dims);
    for (const row of rows) index.add(row.chunk_id, row.acl_set, new Uint32Array(row.code.buffer.slice(row.code.byteOffset, row.code.byteOffset + row.code.byteLength)));
    this.binary.set(indexId, { index, version });
    return index;
  }
}

/** Table names carry the index id: only ever an integer, never user text. */
function tableId(indexId: number): number {
  if (!Number.isSafeInteger(indexId) || indexId <= 0) throw new Error(`invalid index id ${indexId}`);
  return indexId;
}
