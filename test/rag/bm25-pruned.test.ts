import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../native/sqlite/open.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { InferenceService } from '../../electron/core/inference/inference.service.js';
import type { ModelsService } from '../../electron/core/models/models.service.js';
import { AccessSets } from '../../electron/core/rag/access.js';
import { CollectionsRepo } from '../../electron/core/rag/collections/collections.repo.js';
import { CollectionsService } from '../../electron/core/rag/collections/collections.service.js';
import { DocumentsRepo } from '../../electron/core/rag/index/documents.repo.js';
import { VectorStore } from '../../electron/core/rag/index/vector-store.js';
import { TermTopLists } from '../../electron/core/rag/search/bm25-pruned.js';
import { SearchService } from '../../electron/core/rag/search/search.service.js';
import { tempDir } from '../helpers/fixtures.js';

/**
 * Pruned BM25 (bm25-pruned.ts) against FTS5's unpruned ranking on a collection small enough to build in a second,
 * with the thresholds lowered so "alpha" (in a quarter of the chunks) is read from its top list. The best "alpha"
 * rows belong to a secret document and to a document still being indexed: a pruned search that ignored access
 * lists or status would return them.
 */
describe('pruned BM25 returns FTS5 top k under access lists and document status', () => {
  const temp = tempDir();
  let db: Db;
  let search: SearchService;
  let docs: DocumentsRepo;
  let publicSet: number;
  let publicDoc: number;
  const ctx = localContext('test');

  beforeAll(() => {
    db = openDatabase(path.join(temp.dir, 'pruned.db')).db;
    const repo = new CollectionsRepo(db);
    const collections = new CollectionsService(repo, { get: () => { throw new Error('no models'); } } as unknown as ModelsService);
    const collection = collections.create('lex', {}, 'test');
    const indexId = collection.active_index_id!;
    docs = new DocumentsRepo(db);
    const sets = new AccessSets(db);
    publicSet = sets.idFor(['public']);
    const secretSet = sets.idFor(['user:bob']);
    let seed = 42;
    const random = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const filler = Array.from({ length: 300 }, (_, i) => `filler${i}`);
    const text = (alphaTimes: number, extra: string[] = []): string => {
      const words = Array.from({ length: 20 + Math.floor(random() * 40) }, () => filler[Math.floor(filler.length * random() ** 2)]!);
      for (let i = 0; i < alphaTimes; i++) words.splice(Math.floor(random() * words.length), 0, 'alpha');
      for (const word of extra) words.splice(Math.floor(random() * words.length), 0, word);
      return words.join(' ');
    };
    const add = (aclSet: number, source: string, texts: string[], indexed: boolean): number => {
      const id = docs.insert({ collection_id: collection.id, index_id: indexId, source, format: 'text', content_sha256: source, size_bytes: 0, title: null, tags_json: '[]', acl_set_id: aclSet, warnings_json: '[]', ingested_by: 'test' });
      texts.forEach((t, ordinal) => docs.insertChunk(id, indexId, aclSet, { ordinal, text: t, textSha256: '', tokenCount: 0, location: { charStart: 0, charEnd: t.length } }));
      if (indexed) docs.markIndexed(id, texts.length);
      return id;
    };
    db.transaction(() => {
      // 1,600 public chunks: a quarter hold "alpha" 1–4 times; "gamma" (rare) and "delta" (mid) are light terms.
      publicDoc = add(publicSet, '/public.txt', Array.from({ length: 1600 }, (_, i) => {
        const extra = [...(i % 50 === 0 ? ['gamma'] : []), ...(i % 40 === 7 ? ['delta'] : [])];
        return text(random() < 0.25 ? 1 + Math.floor(random() * 4) : 0, extra);
      }), true);
      add(secretSet, '/secret.txt', Array.from({ length: 20 }, () => text(8, ['gamma', 'delta'])), true);
      add(publicSet, '/staged.txt', Array.from({ length: 20 }, () => text(8, ['gamma', 'delta'])), false);
    })();
    search = new SearchService(db, collections, docs, new VectorStore(db), {} as InferenceService);
    search.topLists = new TermTopLists(db, 200, 120); // rarer terms together up to 200 rows are light
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  /** FTS5 over every matching row, visible to a public reader, ties by chunk id. */
  const unpruned = (match: string, k: number): Array<{ chunkId: number; score: number }> =>
    db.prepare(`SELECT c.id AS chunkId, -bm25(chunks_fts) AS score FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid
      JOIN documents d ON d.id = c.document_id WHERE chunks_fts MATCH ? AND c.acl_set_id = ? AND d.status = 'indexed'
      ORDER BY bm25(chunks_fts), c.id LIMIT ?`).all(match, publicSet, k) as Array<{ chunkId: number; score: number }>;

  const pruned = async (query: string, k: number): Promise<Array<{ chunkId: number; score: number }>> => {
    const before = search.topLists.answered.pruned;
    const hits = await search.search({ collection: 'lex', query, k, mode: 'bm25' }, ctx);
    expect(search.topLists.answered.pruned, `"${query}" was answered from the top lists`).toBe(before + 1);
    return hits.map((h) => ({ chunkId: h.chunkId, score: h.scores.bm25! }));
  };

  const expectSame = (actual: Array<{ chunkId: number; score: number }>, expected: Array<{ chunkId: number; score: number }>): void => {
    expect(actual.map((r) => r.chunkId)).toEqual(expected.map((r) => r.chunkId));
    actual.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 5));
  };

  test('a common term alone, and with light terms: the same top 10 as FTS5, nothing hidden or staged', async () => {
    const hidden = new Set((db.prepare("SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.source <> '/public.txt'").all() as Array<{ id: number }>).map((r) => r.id));
    // Without the filters, the top of "alpha" would be all secret and staged chunks (8 occurrences each).
    const unfiltered = db.prepare("SELECT rowid AS id FROM chunks_fts WHERE chunks_fts MATCH 'alpha' ORDER BY rank LIMIT 10").all() as Array<{ id: number }>;
    expect(unfiltered.every((r) => hidden.has(r.id))).toBe(true);
    for (const [query, match] of [['alpha', '"alpha"'], ['alpha gamma delta', '"alpha" OR "gamma" OR "delta"'], ['delta alpha', '"delta" OR "alpha"']] as const) {
      const hits = await pruned(query, 10);
      expectSame(hits, unpruned(match, 10));
      expect(hits.some((h) => hidden.has(h.chunkId))).toBe(false);
    }
  });

  test('deleting a top chunk and adding a better one: the lists follow the index', async () => {
    const [first] = await pruned('alpha', 10);
    docs.deleteChunks([first!.chunkId]);
    const afterDelete = await pruned('alpha', 10);
    expect(afterDelete.map((h) => h.chunkId)).not.toContain(first!.chunkId);
    expectSame(afterDelete, unpruned('"alpha"', 10));
    const added = docs.insertChunk(publicDoc, 1, publicSet, { ordinal: 9999, text: 'alpha alpha alpha alpha alpha alpha filler1', textSha256: '', tokenCount: 0, location: { charStart: 0, charEnd: 0 } });
    const afterInsert = await pruned('alpha', 10);
    expect(afterInsert[0]!.chunkId).toBe(added);
    expectSame(afterInsert, unpruned('"alpha"', 10));
  });

  test("bob's secret rows rank first for bob only; too few visible candidates fall back to the full query", async () => {
    const secret = (db.prepare("SELECT acl_set_id AS id FROM documents WHERE source = '/secret.txt'").get() as { id: number }).id;
    const forBob = await search.search({ collection: 'lex', query: 'alpha', k: 10, mode: 'bm25' }, localContext('test', 'bob'));
    const expected = db.prepare(`SELECT c.id FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
      WHERE chunks_fts MATCH 'alpha' AND c.acl_set_id IN (?, ?) AND d.status = 'indexed' ORDER BY bm25(chunks_fts), c.id LIMIT 10`).all(publicSet, secret) as Array<{ id: number }>;
    expect(forBob.map((h) => h.chunkId)).toEqual(expected.map((r) => r.id));
    expect(forBob.filter((h) => h.source === '/secret.txt').length).toBeGreaterThanOrEqual(9); // all but the added chunk
    const full = search.topLists.answered.full;
    const deep = await search.search({ collection: 'lex', query: 'alpha', k: 100, mode: 'bm25' }, ctx);
    expect(search.topLists.answered.full).toBe(full + 1); // 100 visible rows are not in a list of 120 with 40 hidden
    expect(deep.map((h) => h.chunkId)).toEqual(unpruned('"alpha"', 100).map((r) => r.chunkId));
  });
});
