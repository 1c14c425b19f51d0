// Ingestion with a bge-small-shaped embedding model (issue 17): the whole app path (extract, chunk with the model's
// tokenizer, embed through the inference host, write) against raw node-llama-cpp embedding the very same chunk texts
// in-process (no IPC, no SQLite, nothing but embedding), in one run. The share of ingestion time outside embedding
// is what the app adds. A new collection's first ingest also calibrates its index (vector-quality.ts embeds up to 60
// probe sentences, again only once the index doubles): a one-off per index, timed apart from the throughput.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import type { IngestReport } from '../electron/core/contract/rag.api.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { chooseBatchThreads, chooseThreads } from '../native/llama/thread-policy.js';
import { fmt, machineLine } from './machine.js';
import { ensureShapedModel } from './shaped-models/build-shaped-models.js';
import { target, type Target } from './targets.js';

const FILES = 24;
const PARAGRAPHS = 12;

function writeCorpus(dir: string, files: number, seed: number): void {
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const words = ['market', 'river', 'policy', 'contract', 'invoice', 'patient', 'network', 'garden', 'report', 'budget', 'engine', 'signal', 'harbour', 'lecture', 'protein'];
  const sentence = (): string => `${Array.from({ length: 14 }, () => words[Math.floor(random() * words.length)]).join(' ')}.`;
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) writeFileSync(path.join(dir, `doc-${f}.md`), Array.from({ length: PARAGRAPHS }, () => `${sentence()} ${sentence()} ${sentence()}`).join('\n\n'));
}

export async function benchShapedIngest(): Promise<{ markdown: string; targets: Target[] }> {
  const model = ensureShapedModel('bgeSmall', 'Q8_0', (line) => void process.stderr.write(`bench: ${line}\n`));
  const temp = mkdtempSync(path.join(os.tmpdir(), 'enclave-shaped-ingest-'));
  // The first ingest (twice the files) makes and calibrates the index; the timed one adds to it, as most ingests do.
  const first = path.join(temp, 'first');
  const corpus = path.join(temp, 'corpus');
  writeCorpus(first, FILES * 2, 11);
  writeCorpus(corpus, FILES, 7);
  const core = createInProcessCore({ dataDir: path.join(temp, 'data'), modelsDir: temp });
  const { call, job } = coreClient(core);
  let appSeconds: number;
  let firstSeconds: number;
  let firstReport: IngestReport;
  let report: IngestReport;
  try {
    await job('models.import', { path: model, name: 'bge-shaped', role: 'embedding', approve: true });
    await call('rag.collections.create', { name: 'warm', settings: { embeddingModel: 'bge-shaped', chunking: { chunkTokens: 128, overlapTokens: 0 } } });
    await call('rag.collections.create', { name: 'shaped', settings: { embeddingModel: 'bge-shaped', chunking: { chunkTokens: 128, overlapTokens: 0 } } });
    writeFileSync(path.join(temp, 'warm.md'), 'A short warm-up document so the model is loaded before timing.');
    await job('rag.ingest', { collection: 'warm', paths: [path.join(temp, 'warm.md')], acl: ['public'] });
    let started = performance.now();
    firstReport = await job<IngestReport>('rag.ingest', { collection: 'shaped', paths: [first], acl: ['public'] });
    firstSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    report = await job<IngestReport>('rag.ingest', { collection: 'shaped', paths: [corpus], acl: ['public'] });
    appSeconds = (performance.now() - started) / 1000;
  } finally {
    await core.close();
  }
  // The very texts the app embedded, in order.
  const db = new Database(path.join(temp, 'data', 'enclave.db'), { readonly: true });
  const texts = (db.prepare("SELECT c.text FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.source LIKE ? ORDER BY c.id").all(`${corpus}%`) as Array<{ text: string }>).map((r) => r.text);
  db.close();

  // Raw node-llama-cpp with the threads the app's host uses for embedding.
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const loaded = await llama.loadModel({ modelPath: model });
  const threads = chooseBatchThreads(os.availableParallelism(), chooseThreads({ cpuCores: os.availableParallelism(), modelBytes: loaded.size, gpuOffload: false }));
  const context = await loaded.createEmbeddingContext({ contextSize: 512, threads });
  await context.getEmbeddingFor('warm up');
  const rawStarted = performance.now();
  for (const text of texts) await context.getEmbeddingFor(text);
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await context.dispose();
  await loaded.dispose();
  rmSync(temp, { recursive: true, force: true });

  const ratio = rawSeconds / appSeconds;
  const outside = 1 - rawSeconds / appSeconds;
  const markdown = [
    '### Ingestion at real size: bge-small shape (Q8_0), app path vs raw node-llama-cpp embedding',
    '',
    `Machine: ${machineLine()}. Markdown files of 12 paragraphs, chunks of up to 128 tokens; embedding threads ${threads} (thread-policy.ts).`,
    '',
    '| path | seconds | chunks/s |',
    '| --- | ---: | ---: |',
    `| app: a new collection's first rag.ingest, ${firstReport.documents} files, ${firstReport.chunks} chunks (and its index calibrated) | ${fmt(firstSeconds, 2)} | ${fmt(firstReport.chunks / firstSeconds)} |`,
    `| app: rag.ingest into it, ${report.documents} files, ${texts.length} chunks (extract, tokenize, chunk, scan, embed in the host process, FTS + vectors written) | ${fmt(appSeconds, 2)} | ${fmt(texts.length / appSeconds)} |`,
    `| raw node-llama-cpp getEmbeddingFor over the same chunk texts, in-process | ${fmt(rawSeconds, 2)} | ${fmt(texts.length / rawSeconds)} |`,
    '',
    `App throughput / raw embedding throughput: **${fmt(ratio, 3)}** (target ≥ 0.9); share of ingestion time outside embedding: ${fmt(outside * 100, 1)}%.`,
    `A new collection's first ingest, calibration included: ${fmt(firstReport.chunks / firstSeconds / (texts.length / rawSeconds), 3)} of raw throughput (same text distribution).`,
  ].join('\n');
  return { markdown, targets: [target('ingest-bge-vs-raw-embedding', ratio, '>=', 0.9)] };
}
