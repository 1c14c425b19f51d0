// Hybrid search at 1M chunks (issue 17): p95 latency and recall@10 against exact hybrid search, with the memory the
// collection takes. `node --import tsx bench/hybrid-1m.bench.ts [chunks]`; ENCLAVE_HYBRID_DB=<file> keeps the built
// database between runs (a rebuild takes minutes on 2 cores).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../native/sqlite/open.js';
import { localContext } from '../electron/core/contract/context.js';
import { fuse } from '../electron/core/rag/search/search.service.js';
import { queryTerms, toFtsQuery, withoutCommonTerms } from '../electron/core/rag/search/fts-query.js';
import { fmt, machineLine, percentile } from './machine.js';
import { buildSynthetic, DIMS, normalise, rng, words } from './synthetic-collection.js';
import { target, type Target } from './targets.js';

const K = 10;
const DEPTH = 50; // what hybrid search takes from each side for k = 10 (search.service.ts)

/** Exact vector side: every vector's dot product with the query, the top `depth` kept. */
function exactVector(all: Float32Array, query: Float32Array, depth: number): Array<{ chunkId: number; score: number }> {
  const best: Array<{ chunkId: number; score: number }> = [];
  const n = all.length / DIMS;
  let floor = -Infinity;
  for (let row = 0; row < n; row++) {
    let dot = 0;
    const offset = row * DIMS;
    for (let i = 0; i < DIMS; i++) dot += all[offset + i]! * query[i]!;
    if (dot > floor || best.length < depth) {
      best.push({ chunkId: row + 1, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > depth) best.pop();
      floor = best[best.length - 1]!.score;
    }
  }
  return best;
}

/** Exact BM25 side: FTS5's bm25 over every matching row (the unpruned query). */
function exactBm25(db: Db, query: string, depth: number): Array<{ chunkId: number; score: number }> {
  const terms = queryTerms(query);
  const df = new Map((db.prepare(`SELECT term, doc FROM chunks_fts_vocab WHERE term IN (${terms.map(() => '?').join(',')})`).all(...terms) as Array<{ term: string; doc: number }>).map((r) => [r.term, r.doc]));
  const total = (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  const match = toFtsQuery(withoutCommonTerms(terms, df, total));
  if (match === null) return [];
  return db.prepare('SELECT rowid AS chunkId, -bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts), rowid LIMIT ?').all(match, depth) as Array<{ chunkId: number; score: number }>;
}

/** 70 % one common + one mid + one rare word (rag-perf's mix); 30 % one or two of the 100 commonest words (worst case). */
function queryText(random: () => number, q: number): string {
  const pick = (below: number): string => words[Math.floor(random() * below)]!;
  if (q % 10 < 7) return `${pick(300)} ${pick(2000)} ${pick(5000)}`;
  return q % 10 < 9 ? pick(100) : `${pick(100)} ${pick(100)}`;
}

function sizes(db: Db): string {
  const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20, 0)} MB`;
  let parts: Array<{ name: string; bytes: number }> = [];
  try {
    parts = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>;
  } catch {
    return 'dbstat not available';
  }
  const sum = (test: (name: string) => boolean): number => parts.filter((p) => test(p.name)).reduce((s, p) => s + p.bytes, 0);
  const fts = sum((n) => n.startsWith('chunks_fts'));
  const raw = sum((n) => n.startsWith('vec_raw_'));
  const codes = sum((n) => n.startsWith('vec_bin_'));
  const chunks = sum((n) => n === 'chunks' || n.startsWith('chunks_document') || n.startsWith('chunks_index'));
  const total = sum(() => true);
  return `database ${mb(total)}: full text (FTS5) ${mb(fts)}, float vectors ${mb(raw)}, binary codes ${mb(codes)}, chunk rows ${mb(chunks)}, rest ${mb(total - fts - raw - codes - chunks)}`;
}

export async function benchHybrid1m(chunks = 1_000_000, queries = 120): Promise<{ markdown: string; targets: Target[] }> {
  const keep = process.env.ENCLAVE_HYBRID_DB;
  const temp = keep ? undefined : mkdtempSync(path.join(os.tmpdir(), 'enclave-hybrid-'));
  const file = keep ?? path.join(temp!, 'hybrid.db');
  const rssBefore = process.memoryUsage().rss;
  const buildStart = performance.now();
  const b = buildSynthetic(file, chunks, 'binary');
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const ctx = localContext('test');
  const random = rng(17);
  const latency: number[] = [];
  const latencyByKind = { mixed: [] as number[], common: [] as number[] };
  let overlap = 0;
  const sides = { bm25: [] as number[], vector: [] as number[], bm25Recall: 0, vectorRecall: 0 };
  let rssAfterFirst = 0;
  let storage = '';
  let warmSeconds = 0;
  let warmLists = 0;
  try {
    // One warm-up query loads the binary codes the way the app's first search does; then every common term's top
    // list is built (what the first searches would otherwise build one term at a time), timed on its own.
    await b.search.search({ collection: 'perf', query: 'warm', k: K, mode: 'hybrid', queryVector: normalise(b.centroids[0]!.slice()) }, ctx);
    const warmStart = performance.now();
    warmLists = b.search.topLists.warm();
    warmSeconds = (performance.now() - warmStart) / 1000;
    rssAfterFirst = process.memoryUsage().rss;
    for (let q = 0; q < queries; q++) {
      const query = queryText(random, q);
      const centroid = b.centroids[Math.floor(random() * b.centroids.length)]!;
      const queryVector = normalise(Float32Array.from({ length: DIMS }, (_, d) => (centroid[d] ?? 0) + (random() - 0.5) * 0.6));
      const t = performance.now();
      const hits = await b.search.search({ collection: 'perf', query, k: K, mode: 'hybrid', queryVector }, ctx);
      const ms = performance.now() - t;
      latency.push(ms);
      (q % 10 < 7 ? latencyByKind.mixed : latencyByKind.common).push(ms);
      const exactLexical = exactBm25(b.db, query, DEPTH);
      const exactSemantic = exactVector(b.vectors, queryVector, DEPTH);
      const exact = fuse(exactLexical, exactSemantic, { k: K, mode: 'hybrid', bm25Weight: 1, vectorWeight: 1, rrfK: 60, minRelevance: 0 }, 1).slice(0, K);
      const exactIds = new Set(exact.map((r) => r.chunkId));
      overlap += hits.filter((h) => exactIds.has(h.chunkId)).length / Math.max(1, exact.length);
      // Each side alone, timed and compared with its own exact top 10: where the time and the misses come from.
      let s = performance.now();
      const lexical = await b.search.search({ collection: 'perf', query, k: K, mode: 'bm25' }, ctx);
      sides.bm25.push(performance.now() - s);
      s = performance.now();
      const semantic = await b.search.search({ collection: 'perf', query, k: K, mode: 'vector', queryVector }, ctx);
      sides.vector.push(performance.now() - s);
      const top = (rows: Array<{ chunkId: number }>): Set<number> => new Set(rows.slice(0, K).map((r) => r.chunkId));
      const lexicalTop = top(exactLexical);
      const semanticTop = top(exactSemantic);
      sides.bm25Recall += lexical.filter((h) => lexicalTop.has(h.chunkId)).length / Math.max(1, lexicalTop.size);
      sides.vectorRecall += semantic.filter((h) => semanticTop.has(h.chunkId)).length / K;
    }
  } finally {
    storage = sizes(b.db);
    b.db.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
  const fileBytes = keep && existsSync(file) ? statSync(file).size : NaN;
  const lists = b.search.topLists;
  const recall = overlap / queries;
  const p95 = percentile(latency, 95);
  const markdown = [
    `### Hybrid search at ${(chunks / 1e6).toLocaleString('en-US')}M chunks (issue 17)`,
    '',
    `Machine: ${machineLine()}. rag-perf's synthetic collection (40 Zipf words per chunk, clustered ${DIMS}-dim vectors, binary codes + exact rescoring), ${queries} queries: 70 % one common + one mid + one rare word, 30 % one or two of the 100 commonest words. Exact search = the same RRF fusion of exact BM25 (FTS5 bm25 over every row matching the same terms, unpruned) and exact vector scores (brute-force float dot products), top ${DEPTH} of each; recall@10 = overlap of the app's top 10 with that exact top 10.`,
    '',
    '| hybrid p50 ms | hybrid p95 ms | p95, 3-word queries | p95, 1–2 common words | recall@10 vs exact | BM25 alone p50 / p95 ms, recall@10 | vector alone p50 / p95 ms, recall@10 | build | term lists |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${fmt(percentile(latency, 50), 1)} | ${fmt(p95, 1)} | ${fmt(percentile(latencyByKind.mixed, 95), 1)} | ${fmt(percentile(latencyByKind.common, 95), 1)} | ${fmt(recall, 3)} | ${fmt(percentile(sides.bm25, 50), 1)} / ${fmt(percentile(sides.bm25, 95), 1)}, ${fmt(sides.bm25Recall / queries, 3)} | ${fmt(percentile(sides.vector, 50), 1)} / ${fmt(percentile(sides.vector, 95), 1)}, ${fmt(sides.vectorRecall / queries, 3)} | ${fmt(buildSeconds, 0)} s | ${warmLists} built in ${fmt(warmSeconds, 1)} s |`,
    '',
    `BM25 answers: ${lists.answered.pruned} from the top lists, ${lists.answered.full} by FTS5 over every matching row (too few visible candidates, or the exactness check failed); the lists hold ${lists.size.rows.toLocaleString('en-US')} rows of ${lists.size.terms} terms (${fmt((lists.size.rows * 12) / 2 ** 20, 1)} MB of typed arrays).`,
    '',
    `Memory: ${storage}${Number.isFinite(fileBytes) ? ` (file ${fmt(fileBytes / 2 ** 20, 0)} MB)` : ''}; process RSS growth from before the build to the first answered search ${fmt((rssAfterFirst - rssBefore - chunks * DIMS * 4) / 2 ** 20, 0)} MB (the bench's own ${fmt((chunks * DIMS * 4) / 2 ** 20, 0)} MB float copy for the brute force subtracted).`,
  ].join('\n');
  return { markdown, targets: [target('hybrid-1m-p95-ms', p95, '<=', 150), target('hybrid-1m-recall10', recall, '>=', 0.9)] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const chunks = Number(process.argv[2] ?? 1_000_000);
  const { markdown, targets } = await benchHybrid1m(chunks, Number(process.argv[3] ?? 120));
  console.log(markdown);
  for (const t of targets) console.log(`${t.name} ${t.measured} ${t.goal} ${t.pass ? 'pass' : 'fail'}`);
}
