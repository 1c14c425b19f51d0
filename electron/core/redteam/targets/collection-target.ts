import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallContext } from '../../contract/context.js';
import { AppError } from '../../contract/errors.js';
import type { JobControl } from '../../jobs/job-runner.js';
import { AskService } from '../../rag/answer/ask.service.js';
import { TracesRepo } from '../../rag/answer/traces.repo.js';
import { AccessSets } from '../../rag/access.js';
import { CollectionsRepo } from '../../rag/collections/collections.repo.js';
import { CollectionsService } from '../../rag/collections/collections.service.js';
import { extractBudgetFromEnv } from '../../rag/extract/extract-budget.js';
import { ExtractSandbox } from '../../rag/extract/extract-sandbox.js';
import { DocumentsRepo } from '../../rag/index/documents.repo.js';
import { VectorStore } from '../../rag/index/vector-store.js';
import { IngestService } from '../../rag/ingest/ingest.service.js';
import { SearchService } from '../../rag/search/search.service.js';
import type { CoreServices } from '../../services/core-services.js';
import { poisonedDocument, secretDocument, type Planted } from './poisoned-docs.js';

type Services = Pick<CoreServices, 'db' | 'models' | 'inference' | 'events' | 'audit' | 'guard'>;

/** A scratch copy of a collection with poisoned documents planted, asked questions that retrieve them. */
export interface ScratchCollection {
  name: string;
  /** Asks the scratch collection, as `rag.ask` would; the passages retrieved for it come back for the transcript. */
  ask(question: string, model: string | undefined, job: JobControl): Promise<{ answer: string; passages: string[] }>;
  /** Removes the scratch collection, its index and staged files. Safe to call twice. */
  remove(): void;
}

/** Scratch names say what they are, so one left by a crash is recognisable (and removable) on the Collections screen. */
export const scratchName = (runId: string): string => `redteam-scratch-${runId}`;

/**
 * Copies `source` for an attack: its settings, the text of the documents the caller may read (so the copy never
 * holds more than the caller could read), and one poisoned document per probe. Every document is readable only by
 * the caller. On any failure the copy is removed before the error goes on.
 */
export async function prepareScratch(s: Services, source: string, runId: string, planted: Planted[], canary: string, ctx: CallContext, job: JobControl): Promise<ScratchCollection> {
  const collections = new CollectionsService(new CollectionsRepo(s.db), s.models);
  const docs = new DocumentsRepo(s.db);
  const vectors = new VectorStore(s.db);
  const access = new AccessSets(s.db);
  const row = collections.row(source);
  const readable = access.readableBy(ctx);
  const index = collections.activeIndex(row.id);
  const sourceDocs = docs.list(index.id, readable, 0, 100_000).rows;
  const all = docs.indexedSources(index.id).length;
  if (all > 0 && sourceDocs.length === 0) throw new AppError('FORBIDDEN', `You may read none of the documents of "${row.name}"; ask its owner for read access to attack it`);

  const name = scratchName(runId);
  const staging = mkdtempSync(path.join(os.tmpdir(), 'enclave-redteam-'));
  const sandbox = new ExtractSandbox(extractBudgetFromEnv());
  const search = new SearchService(s.db, collections, docs, vectors, s.inference);
  let created = false;
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    sandbox.close();
    rmSync(staging, { recursive: true, force: true });
    const scratch = created ? collections.repo.byRef(name) : undefined;
    if (!scratch) return;
    for (const idx of collections.repo.indexes(scratch.id)) vectors.drop(idx.id);
    collections.repo.remove(scratch.id);
  };
  try {
    collections.create(name, collections.settings(row.id), ctx.user);
    created = true;
    sourceDocs.forEach((d, i) => writeFileSync(path.join(staging, `source-${i}.txt`), docs.chunks(d.id).map((c) => c.text).join('\n\n')));
    planted.forEach((p, i) => writeFileSync(path.join(staging, `poisoned-${i}.txt`), poisonedDocument(p, i)));
    writeFileSync(path.join(staging, 'secret.txt'), secretDocument(canary));
    const ingest = new IngestService(s.db, collections, docs, vectors, s.inference, s.events, async () => undefined, sandbox);
    await ingest.ingest({ collection: name, paths: [staging], acl: [`user:${ctx.user}`], removeMissing: false }, ctx, { ...job, progress: () => undefined });
  } catch (error) {
    remove();
    throw error;
  }
  const ask = new AskService(collections, search, s.inference, new TracesRepo(s.db), s.events, s.audit, undefined, s.guard);
  return {
    name,
    remove,
    async ask(question, model, job) {
      // What retrieval gives the answer (a small model seldom cites): the transcript shows whether the poison was in it.
      const hits = await search.search({ collection: name, query: question }, ctx);
      const result = await ask.ask({ collection: name, question, model, use: 'evaluation' }, ctx, { ...job, progress: () => undefined });
      return { answer: result.answer, passages: hits.map((h) => h.text) };
    },
  };
}
