// Ingestion with a bge-small-shaped embedding model (issue 17): the whole app path (extract, chunk with the model's
// tokenizer, embed through the inference host, write) against raw node-llama-cpp embedding the very same chunk texts
// in-process (no IPC, no SQLite, nothing but embedding), in one run. The share of ingestion time outside embedding
// is what the app adds.
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

function writeCorpus(dir: string): void {
  let seed = 7;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const words = ['market', 'river', 'policy', 'contract', 'invoice', 'patient', 'network', 'garden', 'report', 'budget', 'engine', 'signal', 'harbour', 'lecture', 'protein'];
  const sentence = (): string => `${Array.from({ length: 14 }, () => words[Math.floor(random() * words.length)]).join(' ')}.`;
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < FILES; f++) writeFileSync(path.join(dir, `doc-${f}.md`), Array.from({ length: PARAGRAPHS }, () => `${sentence()} ${sentence()} ${sentence()}`).join('\n\n'));
}

export async function benchShapedIngest(): Promise<{ markdown: string; targets: Target[] }> {
  const model = ensureShapedModel('bgeSmall', 'Q8_0', (line) => void process.stderr.write(`bench: ${line}\n`));
  const temp = mkdtempSync(path.join(os.tmpdir(), 'enclave-shaped-ingest-'));
  const corpus = path.join(temp, 'corpus');
  writeCorpus(corpus);
  const core = createInProcessCore({ dataDir: path.join(temp, 'data'), modelsDir: temp });
  const { call, job } = coreClient(core);
  let appSeconds: number;
  let report: IngestReport;
  try {
    await job('models.import', { path: model, name: 'bge-shaped', role: 'embedding', approve: true });
    await call('rag.collections.create', { name: 'warm', settings: { embeddingModel: 'bge-shaped', chunking: { chunkTokens: 128, overlapTokens: 0 } } });
    await call('rag.collections.create', { name: 'shaped', settings: { embeddingModel: 'bge-shaped', chunking: { chunkTokens: 128, overlapTokens: 0 } } });
    writeFileSync(path.join(temp, 'warm.md'), 'A short warm-up document so the model is loaded before timing.');
    await job('rag.ingest', { collection: 'warm', paths: [path.join(temp, 'warm.md')], acl: ['public'] });
    const started = performance.now();
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
    `Machine: ${machineLine()}. ${report.documents} Markdown files, ${texts.length} chunks of up to 128 tokens; embedding threads ${threads}.`,
    '',
    '| path | seconds | chunks/s |',
    '| --- | ---: | ---: |',
    `| app: rag.ingest (extract, tokenize, chunk, embed in the host process, FTS + vectors written) | ${fmt(appSeconds, 2)} | ${fmt(texts.length / appSeconds)} |`,
    `| raw node-llama-cpp getEmbeddingFor over the same chunk texts, in-process | ${fmt(rawSeconds, 2)} | ${fmt(texts.length / rawSeconds)} |`,
    '',
    `App throughput / raw embedding throughput: **${fmt(ratio, 3)}** (target ≥ 0.9); share of ingestion time outside embedding: ${fmt(outside * 100, 1)}%.`,
  ].join('\n');
  return { markdown, targets: [target('ingest-bge-vs-raw-embedding', ratio, '>=', 0.9)] };
}
