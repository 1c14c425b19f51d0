import type { DocumentInfo, ragApi, SourceLocation } from '../contract/rag.api.js';
import { AppError } from '../contract/errors.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { AccessSets } from './access.js';
import { promptServices } from '../prompts/prompts.handlers.js';
import { resolvePromptFor } from '../prompts/prompt-resolver.js';
import type { AnswerPrompts } from './answer/answer-prompt.js';
import { AskService } from './answer/ask.service.js';
import { reviewService } from '../review/review.handlers.js';
import { TracesRepo } from './answer/traces.repo.js';
import { traceAsk } from '../observability/instrument/rag-tracing.js';
import { CollectionsRepo } from './collections/collections.repo.js';
import { CollectionsService } from './collections/collections.service.js';
import { DocumentsRepo, type DocumentRow } from './index/documents.repo.js';
import { VectorStore } from './index/vector-store.js';
import { removeDocument } from './ingest/document-writer.js';
import { FolderWatches, type AdmitWatchPath } from './ingest/folder-watch.js';
import { IngestService } from './ingest/ingest.service.js';
import { SearchService } from './search/search.service.js';
import { ExtractSandbox } from './extract/extract-sandbox.js';
import { extractBudgetFromEnv } from './extract/extract-budget.js';
import { ImportRoots } from '../files/import-roots.js';
import { ServerPathPolicy } from '../files/server-path-policy.js';
import { UsersRepo } from '../auth/users.repo.js';
import type { AuthCallContext } from '../auth/auth-context.js';
import { mayWriteDocument } from './document-rights.js';
import { ContentAccess, WITHHELD } from './content-access.js';
import { checkUploads, stageUploads } from './ingest/upload-staging.js';

/** The registry as RAG answering sees it: resolution per user (A/B arms), rendering, latency outcomes. */
function answerPrompts(s: CoreServices): AnswerPrompts {
  const { registry, ab } = promptServices(s);
  return {
    resolve: (ref, subject) => resolvePromptFor(registry, ab, ref, subject),
    render: (version, values) => registry.render(version, values),
    recordLatency: (arm, latencyMs) => void ab.record({ testId: arm.testId, arm: arm.arm, metric: 'latencyMs', value: latencyMs }),
  };
}

/** The RAG area: collections, ingestion, search and cited answers. */
export function createRagHandlers(s: CoreServices): HandlersFor<keyof typeof ragApi> {
  const collections = new CollectionsService(new CollectionsRepo(s.db), s.models);
  const docs = new DocumentsRepo(s.db);
  const vectors = new VectorStore(s.db);
  const access = new AccessSets(s.db);
  const search = new SearchService(s.db, collections, docs, vectors, s.inference);
  // Extraction runs in child processes: closing the core ends them, spare and busy ones included.
  const sandbox = new ExtractSandbox(extractBudgetFromEnv());
  s.onClose(() => sandbox.close());
  const ingest = new IngestService(s.db, collections, docs, vectors, s.inference, s.events, (index) => search.updateVectorQuality(index), sandbox);
  const traces = new TracesRepo(s.db);
  const ask = new AskService(collections, search, s.inference, traces, s.events, s.audit, answerPrompts(s), s.guard, reviewService(s));
  const changed = (collectionId: string | null): void => s.events.emit('rag.collectionsChanged', { collectionId });
  const contentAccess = new ContentAccess(s.db);
  const documentInfo = (row: DocumentRow): DocumentInfo => ({
    id: row.id, source: row.source, format: row.format, title: row.title, sizeBytes: row.size_bytes, chunkCount: row.chunk_count,
    status: row.status, acl: access.principals(row.acl_set_id), tags: JSON.parse(row.tags_json) as string[], updatedAt: row.updated_at,
    warnings: (JSON.parse(row.warnings_json) as Array<{ code: string; message: string }>).map(({ code, message }) => ({ code, message })),
  });
  const serverPaths = new ServerPathPolicy(new ImportRoots(s.db, s.dataDir), s.dataDir);
  const users = new UsersRepo(s.db);
  // A watch is a local system job acting for its creator with their account's roles as they are now; a creator with
  // no account is a context a local shell built itself (accounts are never deleted) and keeps the local reach.
  const admitForWatch: AdmitWatchPath = (createdBy, target) => {
    const account = users.byName(createdBy);
    if (account?.disabled) throw new AppError('PATH_NOT_ALLOWED', `The account "${createdBy}" that set up this watch is disabled, so its folder is not read`, { path: target });
    const ctx: AuthCallContext = { user: createdBy, groups: account?.groups ?? [], roles: account ? account.roles : ['admin'], shell: 'system', authenticatedBy: { method: 'trusted' } };
    return serverPaths.admit(ctx, target, 'read');
  };
  const watches = new FolderWatches(s.db, ingest, s.jobs, s.log, admitForWatch);
  if (s.background) watches.resumeAll();
  s.onClose(() => watches.closeAll());

  return {
    'rag.collections.create': ({ name, settings }, ctx) => {
      const row = collections.create(name, settings, ctx.user);
      changed(row.id);
      return collections.get(row.id, access.readableBy(ctx));
    },
    'rag.collections.list': (_input, ctx) => collections.list(access.readableBy(ctx)),
    'rag.collections.get': ({ collection }, ctx) => collections.get(collection, access.readableBy(ctx)),
    'rag.collections.update': ({ collection, settings }, ctx) => {
      const result = collections.update(collection, settings, ctx.user);
      const reindexJobId = result.reindex
        ? s.jobs.start('rag.reindex', async (job) => {
            const report = await ingest.reindex(result.collection.id, ctx, job);
            changed(result.collection.id);
            return report;
          })
        : null;
      changed(result.collection.id);
      return { collection: collections.get(result.collection.id, access.readableBy(ctx)), reindexJobId };
    },
    'rag.collections.history': ({ collection }) => collections.repo.history(collections.row(collection).id),
    'rag.collections.remove': ({ collection }) => {
      const row = collections.row(collection);
      for (const index of collections.repo.indexes(row.id)) vectors.drop(index.id);
      collections.repo.remove(row.id);
      changed(null);
      return { removed: row.id };
    },
    'rag.ingest': ({ files, paths, ...input }, ctx) => {
      if ((files === undefined) === (paths === undefined)) throw new AppError('INVALID_INPUT', 'Give either paths (files on the server) or files (their content), not both');
      const collectionId = collections.row(input.collection).id;
      if (files) checkUploads(files);
      return {
        jobId: s.jobs.start('rag.ingest', async (job) => {
          // Server paths were admitted by dispatch; each file found under a folder is admitted again (symlinks).
          const request = files
            ? { ...input, paths: await stageUploads(s.dataDir, collectionId, ctx.user, files), removeMissing: false }
            : { ...input, paths: paths ?? [], admitFile: (file: string) => serverPaths.admit(ctx, file, 'read') };
          const report = await ingest.ingest(request, ctx, job);
          changed(collectionId);
          return report;
        }),
      };
    },
    'rag.documents.list': ({ collection, offset, limit, ...view }, ctx) => {
      const index = collections.activeIndex(collection);
      const { total, rows } = docs.list(index.id, access.readableBy(ctx), offset, limit, view);
      return { total, items: rows.map(documentInfo) };
    },
    'rag.documents.get': ({ collection, documentId, offset, limit }, ctx) => {
      const index = collections.activeIndex(collection);
      const doc = docs.byId(documentId);
      // Exactly list's rule: an indexed document of this index in an access set the caller reads; any other reads as missing.
      if (!doc || doc.index_id !== index.id || doc.status !== 'indexed' || !access.readableBy(ctx).includes(doc.acl_set_id)) {
        throw new AppError('DOCUMENT_NOT_FOUND', `No document ${documentId} in collection "${collection}"`);
      }
      const { total, rows } = docs.chunkPage(doc.id, offset, limit);
      return {
        document: documentInfo(doc),
        totalChunks: total,
        chunks: rows.map((c) => ({ id: c.id, ordinal: c.ordinal, text: c.text, tokenCount: c.token_count, location: JSON.parse(c.location_json) as SourceLocation })),
      };
    },
    'rag.documents.remove': ({ collection, documentId }, ctx) => {
      const index = collections.activeIndex(collection);
      const doc = docs.byId(documentId);
      // A document the caller may not read is reported exactly like one that does not exist.
      if (!doc || doc.index_id !== index.id || !access.readableBy(ctx).includes(doc.acl_set_id)) throw new AppError('DOCUMENT_NOT_FOUND', `No document ${documentId} in collection "${collection}"`);
      if (!mayWriteDocument(ctx, doc)) throw new AppError('FORBIDDEN', `Document ${documentId} belongs to ${doc.ingested_by}: only its owner or an administrator may remove it`);
      removeDocument(s.db, docs, vectors, index, documentId);
      changed(index.collection_id);
      return { removed: true };
    },
    'rag.watch.add': ({ collection, folder, acl, tags }, ctx) => {
      const row = collections.row(collection);
      return { jobId: watches.add({ collectionId: row.id, folder, acl: acl?.length ? acl : [`user:${ctx.user}`], tags: tags ?? [], createdBy: ctx.user }, ctx) };
    },
    'rag.watch.list': ({ collection }) =>
      watches.list(collection ? collections.row(collection).id : undefined).map((w) => ({ collectionId: w.collectionId, folder: w.folder, acl: w.acl, tags: w.tags, status: w.status, ...(w.reason === undefined ? {} : { reason: w.reason }) })),
    'rag.watch.remove': ({ collection, folder }) => ({ removed: watches.remove(collections.row(collection).id, folder) }),
    'rag.search': async (input, ctx) => ({ hits: await search.search(input, ctx) }),
    'rag.ask': (input, ctx) => ({ jobId: s.jobs.start('rag.ask', (job) => traceAsk(input, () => ask.ask(input, ctx, job))) }),
    'rag.traces.get': ({ traceId }, ctx) => {
      const trace = traces.get(traceId);
      if (!trace || (trace.user !== ctx.user && !ctx.roles.includes('admin'))) throw new AppError('NOT_FOUND', `No trace ${traceId}`);
      const retrieved = trace.retrieved.map(({ chunkId, score }) => ({ chunkId, score }));
      // The prompt quotes the passages and the answer was made from them: neither leaves for a caller who may not read them all (now).
      if (!contentAccess.mayReadAll(ctx, contentAccess.aclSetsOfTrace(trace.id))) {
        return { id: trace.id, query: trace.query, user: trace.user, prompt: '', output: '', retrieved, timings: trace.timings, createdAt: trace.createdAt, withheld: WITHHELD };
      }
      return { id: trace.id, query: trace.query, user: trace.user, prompt: trace.prompt, output: trace.output, retrieved, timings: trace.timings, createdAt: trace.createdAt };
    },
  };
}
