// Retrieval quality on SQuAD 2.0 (1,216 passages): bm25, vector and hybrid through the app's own search path,
// plus abstention on the unanswerable questions. `--embedding-model FILE` measures a real embedding model.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hit, IngestReport } from '../electron/core/contract/rag.api.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { lexicalCoverage } from '../electron/core/rag/search/fts-query.js';
import { fmt, machineLine } from './machine.js';
import { loadSquad, scoreRankings, type RetrievalScores } from './squad.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function benchRagQuality(embeddingModel = path.resolve(root, '../shared/models/stories260K.gguf')): Promise<string> {
  const { passages, queries, gold } = loadSquad();
  const temp = mkdtempSync(path.join(os.tmpdir(), 'enclave-squad-'));
  const corpus = path.join(temp, 'corpus');
  mkdirSync(corpus);
  for (const p of passages) writeFileSync(path.join(corpus, `${p._id}.txt`), `${p.title}\n\n${p.text}`);
  const core = createInProcessCore({ dataDir: path.join(temp, 'data'), modelsDir: temp });
  const { call, job } = coreClient(core);
  try {
    const model = await job<{ name: string }>('models.import', { path: embeddingModel, role: 'embedding', approve: true });
    await call('rag.collections.create', { name: 'squad', settings: { embeddingModel: model.name } });
    const started = performance.now();
    const report = await job<IngestReport>('rag.ingest', { collection: 'squad', paths: [corpus], acl: ['public'] });
    const ingestSeconds = (performance.now() - started) / 1000;

    const { vectorQuality } = await call<{ vectorQuality: number | null }>('rag.collections.get', { collection: 'squad' });
    const answerable = queries.filter((q) => !q.is_impossible && gold.has(q._id));
    const scores: Record<string, RetrievalScores> = {};
    const bestHits = new Map<string, Hit[]>();
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      const rankings = [];
      for (const q of answerable) {
        const { hits } = await call<{ hits: Hit[] }>('rag.search', { collection: 'squad', query: q.text, mode, k: 10 });
        rankings.push({ ranked: hits.map((h) => path.basename(h.source, '.txt')), gold: gold.get(q._id)! });
      }
      scores[mode] = scoreRankings(rankings);
    }
    // Abstention: the ask path abstains when no retrieved passage covers enough of the question's content words.
    const threshold = 0.3;
    const unanswerable = queries.filter((q) => q.is_impossible);
    const abstains = async (question: string): Promise<boolean> => {
      const hits = bestHits.get(question) ?? (await call<{ hits: Hit[] }>('rag.search', { collection: 'squad', query: question, mode: 'hybrid', k: 8 })).hits;
      return Math.max(0, ...hits.map((h) => lexicalCoverage(question, h.text))) < threshold;
    };
    let abstainedUnanswerable = 0;
    for (const q of unanswerable) if (await abstains(q.text)) abstainedUnanswerable++;
    let abstainedAnswerable = 0;
    for (const q of answerable) if (await abstains(q.text)) abstainedAnswerable++;

    const row = (mode: string, s: RetrievalScores): string => `| ${mode} | ${fmt(s.recall1, 3)} | ${fmt(s.recall5, 3)} | ${fmt(s.recall10, 3)} | ${fmt(s.mrr10, 3)} | ${fmt(s.ndcg10, 3)} |`;
    return [
      `### Retrieval quality: SQuAD 2.0, ${passages.length} passages, ${answerable.length} answerable questions`,
      '',
      `Machine: ${machineLine()}. Embedding model: ${path.basename(embeddingModel)}. Ingested ${report.documents} passages into ${report.chunks} chunks in ${fmt(ingestSeconds)} s (embedding included).`,
      '',
      '| mode | Recall@1 | Recall@5 | Recall@10 | MRR@10 | nDCG@10 |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('bm25', scores.bm25!),
      row('vector', scores.vector!),
      row('hybrid (RRF)', scores.hybrid!),
      '',
      `Hybrid − BM25 Recall@5: ${fmt(scores.hybrid!.recall5 - scores.bm25!.recall5, 3)}. Measured vector quality of this index: ${vectorQuality === null ? 'not measured' : fmt(vectorQuality, 2)} ` +
        '(sub-span self-retrieval at top 1 relative to BM25; below 0.5 the vector side is left out of hybrid fusion, so weak vectors cannot lower it).',
      `Abstention (question content-word coverage < ${threshold} in every retrieved passage): ${abstainedUnanswerable}/${unanswerable.length} unanswerable questions abstained (${fmt((100 * abstainedUnanswerable) / unanswerable.length)}%), ` +
        `${abstainedAnswerable}/${answerable.length} answerable questions wrongly abstained (${fmt((100 * abstainedAnswerable) / answerable.length)}%).`,
    ].join('\n');
  } finally {
    await core.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const flag = process.argv.indexOf('--embedding-model');
  console.log(await benchRagQuality(flag > 0 ? path.resolve(process.argv[flag + 1]!) : undefined));
}
