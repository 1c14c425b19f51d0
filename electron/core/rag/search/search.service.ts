import type { Db } from '../../../../native/sqlite/open.js';
import type { CallContext } from '../../contract/context.js';
import type { CollectionSettings, Hit, RetrievalMode, SearchFilters } from '../../contract/rag.api.js';
import type { InferenceService } from '../../inference/inference.service.js';
import { AccessSets } from '../access.js';
import { ContentAccess } from '../content-access.js';
import { traceSearch } from '../../observability/instrument/rag-tracing.js';
import type { IndexRow } from '../collections/collections.repo.js';
import type { CollectionsService } from '../collections/collections.service.js';
import type { DocumentsRepo } from '../index/documents.repo.js';
import type { VectorStore } from '../index/vector-store.js';
import { Embedder } from '../ingest/embedder.js';
import { porterStem } from '../../text/porter-stemmer.js';
import { prunedBm25, TermTopLists } from './bm25-pruned.js';
import { queryTerms, toFtsQuery, withoutCommonTerms } from './fts-query.js';
import { indexedChunks, measureVectorQuality, MeasureSchedule } from './vector-quality.js';

export interface SearchRequest {
  collection: string;
  query: string;
  k?: number | undefined;
  mode?: RetrievalMode | undefined;
  filters?: SearchFilters | undefined;
  /** A query vector computed elsewhere (benchmarks with synthetic vectors); normally the query is embedded here. */
  queryVector?: Float32Array | undefined;
}

export interface Ranked {
  chunkId: number;
  score: number;
}

/** Below this measured vector quality the vector side of hybrid search is left out (see fuse). */
export const MIN_VECTOR_QUALITY = 0.5;

/** Optional extra ranking step (e.g. a cross-encoder) that reorders the fused candidates. */
export type Reranker = (query: string, hits: Hit[]) => Promise<Hit[]>;

/**
 * BM25 (FTS5), vector (sqlite-vec) and hybrid retrieval fused by reciprocal rank. Access lists and metadata
 * filters are part of each query, so the top k are the top k of what the caller may see.
 */
export class SearchService {
  reranker: Reranker | undefined;
  /** Top rows of common terms, per state of the full-text index (bm25-pruned.ts). */
  topLists: TermTopLists;

  constructor(
    private readonly db: Db,
    private readonly collections: CollectionsService,
    private readonly docs: DocumentsRepo,
    private readonly vectors: VectorStore,
    private readonly inference: InferenceService,
  ) {
    this.topLists = new TermTopLists(db);
  }

  /** Each search is a retrieval span (a trace of its own when nothing traced called it), with its hits' access sets. */
  search(request: SearchRequest, ctx: CallContext): Promise<Hit[]> {
    return traceSearch(request, (hits) => new ContentAccess(this.db).aclSetsOfChunks(hits.map((h) => h.chunkId)) ?? [-1], () => this.retrieve(request, ctx));
  }

  private async retrieve(request: SearchRequest, ctx: CallContext): Promise<Hit[]> {
    const settings = this.collections.settings(request.collection);
    const index = this.collections.activeIndex(request.collection);
    const k = request.k ?? settings.retrieval.k;
    const mode = effectiveMode(request.mode ?? settings.retrieval.mode, index);
    const aclSets = new AccessSets(this.db).readableBy(ctx);
    const filter = documentFilter(request.filters);
    const depth = mode === 'hybrid' ? Math.max(k * 4, 50) : k;

    const bm25 = mode === 'vector' ? [] : this.bm25(index, request.query, depth, aclSets, filter);
    const vector = mode === 'bm25' ? [] : await this.vectorSearch(index, request.query, depth, aclSets, filter, request.queryVector);
    const fused = mode === 'hybrid' ? fuse(bm25, vector, settings.retrieval, index.vector_quality ?? 1) : (mode === 'bm25' ? bm25 : vector);
    const hits = this.hydrate(fused.slice(0, k), new Map(bm25.map((r) => [r.chunkId, r.score])), new Map(vector.map((r) => [r.chunkId, r.score])));
    return this.reranker ? this.reranker(request.query, hits) : hits;
  }

  /** Measures and stores how much the index's vectors can add to hybrid search. */
  async updateVectorQuality(index: IndexRow): Promise<number | null> {
    if (index.dimensions === null || index.embedding_model_id === null) return null;
    const chunks = indexedChunks(this.db, index.id);
    if (!this.qualitySchedule.due(index.id, chunks, index.vector_quality)) return index.vector_quality;
    const none: SqlFilter = { sql: '', params: [] };
    const quality = await measureVectorQuality(this.db, index, {
      bm25: async (query, k, aclSets) => this.bm25(index, query, k, aclSets, none).map((r) => r.chunkId),
      embed: (queries) => new Embedder(this.inference, index.embedding_model_id).embed(queries),
      vector: async (queryVector, k, aclSets) => (await this.vectorSearch(index, '', k, aclSets, none, queryVector)).map((r) => r.chunkId),
    });
    if (quality !== null) {
      this.db.prepare('UPDATE rag_indexes SET vector_quality = ? WHERE id = ?').run(quality, index.id);
      index.vector_quality = quality;
      this.qualitySchedule.measured(index.id, chunks);
    }
    return quality;
  }

  private bm25(index: IndexRow, query: string, limit: number, aclSets: number[], filter: SqlFilter): Ranked[] {
    if (aclSets.length === 0) return [];
    const all = queryTerms(query);
    const df = this.documentFrequencies(all);
    const terms = withoutCommonTerms(all, df, this.totalChunks());
    const match = toFtsQuery(terms);
    if (match === null) return [];
    const sets = aclSets.map(() => '?').join(',');
    // Common terms come from their top lists (bm25-pruned.ts); the full query answers when pruning cannot.
    const visible = (chunkIds: number[]): Set<number> => new Set((this.db.prepare(`SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
      WHERE c.id IN (SELECT value FROM json_each(?)) AND c.index_id = ? AND c.acl_set_id IN (${sets}) AND d.status = 'indexed' ${filter.sql}`)
      .all(JSON.stringify(chunkIds), index.id, ...aclSets, ...filter.params) as Array<{ id: number }>).map((r) => r.id));
    const pruned = prunedBm25(this.db, this.topLists, terms.map((term) => ({ term, rows: df.get(term) ?? 0 })), limit, visible);
    if (pruned) return pruned;
    return this.db.prepare(`SELECT c.id AS chunkId, -bm25(chunks_fts) AS score
      FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
      WHERE chunks_fts MATCH ? AND c.index_id = ? AND c.acl_set_id IN (${sets})
        AND d.status = 'indexed' ${filter.sql}
      ORDER BY bm25(chunks_fts), c.id LIMIT ?`).all(match, index.id, ...aclSets, ...filter.params, limit) as Ranked[];
  }

  private chunkCount: { value: number; at: number } | undefined;
  private readonly qualitySchedule = new MeasureSchedule();

  /** All chunks with full text (every collection shares the FTS index); refreshed at most every 30 s. */
  private totalChunks(): number {
    if (!this.chunkCount || Date.now() - this.chunkCount.at > 30_000) {
      const { n } = this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number };
      this.chunkCount = { value: n, at: Date.now() };
    }
    return this.chunkCount.value;
  }

  /** How many chunks contain each term, looked up as typed and as FTS5's Porter tokenizer stores it. */
  private documentFrequencies(terms: string[]): Map<string, number> {
    const forms = terms.map((t) => [t, porterStem(t)] as const);
    const lookups = [...new Set(forms.flat())];
    const rows = this.db
      .prepare(`SELECT term, doc FROM chunks_fts_vocab WHERE term IN (${lookups.map(() => '?').join(',')})`)
      .all(...lookups) as Array<{ term: string; doc: number }>;
    const df = new Map(rows.map((r) => [r.term, r.doc]));
    return new Map(forms.map(([term, stemmed]) => [term, Math.max(df.get(term) ?? 0, df.get(stemmed) ?? 0)]));
  }

  private async vectorSearch(index: IndexRow, query: string, limit: number, aclSets: number[], filter: SqlFilter, given?: Float32Array): Promise<Ranked[]> {
    if (index.dimensions === null || (index.embedding_model_id === null && !given)) return [];
    const [vector] = given ? [given] : await new Embedder(this.inference, index.embedding_model_id).embed([query]);
    if (!vector) return [];
    const restrict = filter.sql === '' ? undefined : {
      sql: `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.index_id = ? ${filter.sql}`,
      params: [index.id, ...filter.params],
    };
    return this.vectors.search(index.id, index.quantization, vector, limit, aclSets, restrict).map((h) => ({ chunkId: h.chunkId, score: h.similarity }));
  }

  private hydrate(ranked: Ranked[], bm25: Map<number, number>, vector: Map<number, number>): Hit[] {
    const rows = new Map(this.docs.chunksByIds(ranked.map((r) => r.chunkId)).map((row) => [row.id, row]));
    return ranked.flatMap((r) => {
      const row = rows.get(r.chunkId);
      if (!row) return [];
      const b = bm25.get(r.chunkId);
      const v = vector.get(r.chunkId);
      return [{
        documentId: row.document_id, source: row.source, chunkId: row.id, text: row.text, score: round(r.score),
        location: JSON.parse(row.location_json) as Hit['location'],
        scores: { ...(b !== undefined ? { bm25: round(b) } : {}), ...(v !== undefined ? { vector: round(v) } : {}) },
      }];
    });
  }
}

/** A collection without vectors answers vector and hybrid queries from full text alone. */
function effectiveMode(mode: RetrievalMode, index: IndexRow): RetrievalMode {
  return index.dimensions === null && mode !== 'bm25' ? 'bm25' : mode;
}

/**
 * Reciprocal rank fusion: robust to the two scores' different scales. The vector side is scaled by the index's
 * measured vector quality (see vector-quality.ts), so a model whose vectors carry no meaning cannot outvote BM25.
 */
export function fuse(bm25: Ranked[], vector: Ranked[], weights: CollectionSettings['retrieval'], vectorQuality: number): Ranked[] {
  const scores = new Map<number, number>();
  const add = (list: Ranked[], weight: number): void =>
    list.forEach((r, rank) => scores.set(r.chunkId, (scores.get(r.chunkId) ?? 0) + weight / (weights.rrfK + rank + 1)));
  add(bm25, weights.bm25Weight);
  // Vectors that find passages by their own sentences less than half as often as BM25 does are noise: RRF's
  // top ranks differ by less than a small weight moves them (measured on SQuAD with stories260K).
  add(vector, weights.vectorWeight * (vectorQuality >= MIN_VECTOR_QUALITY ? vectorQuality : 0));
  return [...scores.entries()].map(([chunkId, score]) => ({ chunkId, score })).sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
}

interface SqlFilter {
  sql: string;
  params: unknown[];
}

/** Metadata filters as SQL on the documents table `d`, parameters bound. */
function documentFilter(filters: SearchFilters | undefined): SqlFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filters?.sources?.length) {
    clauses.push(`(${filters.sources.map(() => 'substr(d.source, 1, length(?)) = ?').join(' OR ')})`);
    for (const source of filters.sources) params.push(source, source);
  }
  if (filters?.formats?.length) {
    clauses.push(`d.format IN (${filters.formats.map(() => '?').join(',')})`);
    params.push(...filters.formats);
  }
  for (const tag of filters?.tags ?? []) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(d.tags_json) WHERE value = ?)');
    params.push(tag);
  }
  if (filters?.updatedAfter) {
    clauses.push('d.updated_at >= ?');
    params.push(filters.updatedAfter);
  }
  if (filters?.updatedBefore) {
    clauses.push('d.updated_at <= ?');
    params.push(filters.updatedBefore);
  }
  return { sql: clauses.map((c) => `AND ${c}`).join(' '), params };
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;
