// Hybrid search latency on synthetic collections (100k and 1M chunks, 384-dim vectors) against a brute-force
// scan of the same vectors in the same run, and ingestion throughput with and without embedding.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localContext } from '../electron/core/contract/context.js';
import type { IngestReport } from '../electron/core/contract/rag.api.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import type { Quantization } from '../electron/core/rag/index/vector-store.js';
import { fmt, machineLine, percentile } from './machine.js';
import { buildSynthetic, clusteredVector, DIMS, rng, words, type SyntheticCollection } from './synthetic-collection.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const QUERIES = 200;
const K = 10;

/** A fresh synthetic collection in a temporary directory, removed by `cleanup`. */
function buildTemporary(chunks: number, quantization: Quantization): SyntheticCollection & { cleanup(): void } {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'enclave-perf-'));
  const built = buildSynthetic(path.join(temp, 'perf.db'), chunks, quantization);
  return { ...built, cleanup: () => { built.db.close(); rmSync(temp, { recursive: true, force: true }); } };
}

/** The reference: every vector's dot product with the query, top k kept. */
function bruteForce(all: Float32Array, query: Float32Array, k: number): number[] {
  const best: Array<{ id: number; score: number }> = [];
  const n = all.length / DIMS;
  for (let row = 0; row < n; row++) {
    let dot = 0;
    const offset = row * DIMS;
    for (let i = 0; i < DIMS; i++) dot += all[offset + i]! * query[i]!;
    if (best.length < k || dot > best[best.length - 1]!.score) {
      best.push({ id: row + 1, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.id);
}

async function measure(chunks: number, quantization: Quantization): Promise<string> {
  const queries = chunks >= 1_000_000 ? 50 : QUERIES;
  const buildStart = performance.now();
  const s = buildTemporary(chunks, quantization);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const ctx = localContext('test');
  const hybrid: number[] = [];
  const vectorOnly: number[] = [];
  const brute: number[] = [];
  let recallHits = 0;
  try {
    for (let q = 0; q < queries; q++) {
      const query = `${words[Math.floor(s.random() * 300)]} ${words[Math.floor(s.random() * 2000)]} ${words[Math.floor(s.random() * 5000)]}`;
      const queryVector = clusteredVector(s.centroids, s.random);
      let t = performance.now();
      await s.search.search({ collection: 'perf', query, k: K, mode: 'hybrid', queryVector }, ctx);
      hybrid.push(performance.now() - t);
      t = performance.now();
      const found = await s.search.search({ collection: 'perf', query, k: K, mode: 'vector', queryVector }, ctx);
      vectorOnly.push(performance.now() - t);
      t = performance.now();
      const exact = bruteForce(s.vectors, queryVector, K);
      brute.push(performance.now() - t);
      const exactSet = new Set(exact);
      recallHits += found.map((h) => h.chunkId).filter((id) => exactSet.has(id)).length;
      if (q === 0 && found.length === 0) throw new Error('the vector search found nothing; the benchmark would measure an empty path');
    }
  } finally {
    s.cleanup();
  }
  const p = (values: number[], q: number): string => fmt(percentile(values, q), 2);
  const label = `${(chunks / 1000).toLocaleString('en-US')}k chunks, ${quantization === 'none' ? 'float32 exact' : `${quantization} + exact rescoring`}`;
  return `| ${label} (${queries} queries) | ${p(hybrid, 50)} | ${p(hybrid, 95)} | ${p(vectorOnly, 50)} | ${p(vectorOnly, 95)} | ${p(brute, 50)} | ${p(brute, 95)} | ${fmt(percentile(brute, 50) / percentile(vectorOnly, 50), 1)}× | ${fmt(recallHits / (queries * K), 3)} | ${fmt(buildSeconds, 0)} s |`;
}

async function ingestionThroughput(): Promise<string[]> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'enclave-ingest-'));
  const corpus = path.join(temp, 'corpus');
  const small = path.join(temp, 'small');
  mkdirSync(corpus);
  mkdirSync(small);
  const random = rng(7);
  const sentence = (): string => Array.from({ length: 14 }, () => `word${Math.floor(random() * 3000)}`).join(' ') + '.';
  for (let f = 0; f < 200; f++) writeFileSync(path.join(corpus, `doc-${f}.md`), Array.from({ length: 100 }, (_, p) => `${p % 10 === 0 ? `## Section ${p}\n\n` : ''}${sentence()} ${sentence()}`).join('\n\n'));
  for (let f = 0; f < 20; f++) writeFileSync(path.join(small, `doc-${f}.md`), Array.from({ length: 10 }, () => `${sentence()} ${sentence()}`).join('\n\n'));
  const core = createInProcessCore({ dataDir: path.join(temp, 'data'), modelsDir: temp });
  const { call, job } = coreClient(core);
  try {
    await call('rag.collections.create', { name: 'plain', settings: { chunking: { chunkTokens: 64, overlapTokens: 0 } } });
    let t = performance.now();
    const plain = await job<IngestReport>('rag.ingest', { collection: 'plain', paths: [corpus], acl: ['public'] });
    const plainSeconds = (performance.now() - t) / 1000;
    await job('models.import', { path: path.resolve(root, '../shared/models/stories260K.gguf'), name: 'stories', role: 'embedding', approve: true });
    await call('rag.collections.create', { name: 'embedded', settings: { embeddingModel: 'stories', chunking: { chunkTokens: 64, overlapTokens: 0 } } });
    t = performance.now();
    const embedded = await job<IngestReport>('rag.ingest', { collection: 'embedded', paths: [small], acl: ['public'] });
    const embeddedSeconds = (performance.now() - t) / 1000;
    return [
      `| extract + chunk + full text + write, no embedding (${plain.documents} Markdown files) | ${plain.chunks.toLocaleString('en-US')} | ${fmt(plainSeconds, 2)} | ${fmt(plain.chunks / plainSeconds, 0)} |`,
      `| the same with stories260K embeddings, batched (${embedded.documents} files) | ${embedded.chunks.toLocaleString('en-US')} | ${fmt(embeddedSeconds, 2)} | ${fmt(embedded.chunks / embeddedSeconds, 0)} |`,
    ];
  } finally {
    await core.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

export async function benchRagPerf(sizes = [100_000, 1_000_000]): Promise<string> {
  const rows: string[] = [];
  // 100k both ways; 1M with binary codes and exact rescoring only (exact float search there is the brute force).
  for (const size of sizes) {
    if (size < 1_000_000) rows.push(await measure(size, 'none'));
    rows.push(await measure(size, 'binary'));
  }
  const ingest = await ingestionThroughput();
  return [
    `### Retrieval latency: synthetic ${DIMS}-dim collections, k = ${K}`,
    '',
    `Machine: ${machineLine()}. Vectors are clustered (1,000 centroids + noise), texts 40 Zipf-distributed words; one access-list set. Brute force = a JavaScript scan of every vector in the same process.`,
    '',
    '| collection | hybrid p50 ms | hybrid p95 ms | vector p50 ms | vector p95 ms | brute force p50 ms | brute force p95 ms | speed-up (p50) | recall@10 vs brute force | build |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '### Ingestion throughput',
    '',
    '| run | chunks | seconds | chunks/s |',
    '| --- | ---: | ---: | ---: |',
    ...ingest,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = process.argv.includes('--small') ? [100_000] : undefined;
  console.log(await benchRagPerf(sizes));
}
