// The synthetic collection the retrieval benchmarks search (rag-perf, hybrid-1m): 40 Zipf-distributed words per
// chunk over a 5,000-word vocabulary, 384-dim vectors clustered around 1,000 centroids, written straight into the
// app's schema (chunks, full text, vectors) in one transaction. Deterministic for a given size.
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../native/sqlite/open.js';
import { AccessSets } from '../electron/core/rag/access.js';
import { CollectionsRepo } from '../electron/core/rag/collections/collections.repo.js';
import { CollectionsService } from '../electron/core/rag/collections/collections.service.js';
import { DocumentsRepo } from '../electron/core/rag/index/documents.repo.js';
import { VectorStore, type Quantization } from '../electron/core/rag/index/vector-store.js';
import { SearchService } from '../electron/core/rag/search/search.service.js';
import type { ModelsService } from '../electron/core/models/models.service.js';
import type { InferenceService } from '../electron/core/inference/inference.service.js';

export const DIMS = 384;

/** Deterministic pseudo-random numbers, so every run builds the same collection. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / n;
  return v;
}

export const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);

/** A unit vector near one of the centroids, picked at random: chunks and queries alike. */
export function clusteredVector(centroids: Float32Array[], random: () => number): Float32Array {
  const centroid = centroids[Math.floor(random() * centroids.length)]!;
  return normalise(Float32Array.from({ length: DIMS }, (_, d) => (centroid[d] ?? 0) + (random() - 0.5) * 0.6));
}

export interface SyntheticCollection {
  db: Db;
  search: SearchService;
  /** Every chunk's vector, row-major by chunk id − 1, for brute-force references. */
  vectors: Float32Array;
  centroids: Float32Array[];
  /** The build's random stream, continued: queries drawn from it are the same on every fresh build. */
  random: () => number;
}

/** Builds collection `perf` of `chunks` chunks into `file`, or reopens it when the file exists (a kept build). */
export function buildSynthetic(file: string, chunks: number, quantization: Quantization): SyntheticCollection {
  const reuse = existsSync(file);
  const { db } = openDatabase(file);
  db.pragma('synchronous = OFF');
  const random = rng(chunks);
  const zipf = (): string => words[Math.min(words.length - 1, Math.floor(words.length * random() ** 3))]!;
  const centroids = Array.from({ length: 1000 }, () => normalise(Float32Array.from({ length: DIMS }, () => random() - 0.5)));
  const repo = new CollectionsRepo(db);
  const models = { get: () => { throw new Error('no models'); } } as unknown as ModelsService;
  const collections = new CollectionsService(repo, models);
  const store = new VectorStore(db);
  const docs = new DocumentsRepo(db);
  const vectors = new Float32Array(chunks * DIMS);
  if (reuse) {
    for (const row of db.prepare('SELECT chunk_id, embedding FROM vec_raw_1').iterate() as Iterable<{ chunk_id: number; embedding: Buffer }>) {
      vectors.set(new Float32Array(row.embedding.buffer, row.embedding.byteOffset, DIMS), (row.chunk_id - 1) * DIMS);
    }
  } else {
    const collection = collections.create('perf', { quantization }, 'bench');
    const index = repo.index(collection.active_index_id!);
    store.ensure(index.id, DIMS, quantization);
    repo.setDimensions(index.id, DIMS);
    const aclSetId = new AccessSets(db).idFor(['public']);
    const perDocument = 1000;
    db.transaction(() => {
      for (let start = 0; start < chunks; start += perDocument) {
        const documentId = docs.insert({ collection_id: collection.id, index_id: index.id, source: `/synthetic/doc-${start / perDocument}.txt`, format: 'text', content_sha256: String(start), size_bytes: 0, title: null, tags_json: '[]', acl_set_id: aclSetId, warnings_json: '[]', ingested_by: 'bench' });
        const count = Math.min(perDocument, chunks - start);
        for (let i = 0; i < count; i++) {
          const text = Array.from({ length: 40 }, zipf).join(' ');
          const id = docs.insertChunk(documentId, index.id, aclSetId, { ordinal: i, text, textSha256: '', tokenCount: 40, location: { charStart: 0, charEnd: text.length } });
          const vector = clusteredVector(centroids, random);
          vectors.set(vector, (id - 1) * DIMS);
          store.insert(index.id, quantization, id, aclSetId, vector);
        }
        docs.markIndexed(documentId, count);
      }
    })();
  }
  return { db, search: new SearchService(db, collections, docs, store, {} as InferenceService), vectors, centroids, random };
}
