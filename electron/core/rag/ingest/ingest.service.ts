import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Db } from '../../../../native/sqlite/open.js';
import type { CallContext } from '../../contract/context.js';
import { AppError, isAppError } from '../../contract/errors.js';
import type { CollectionSettings, IngestReport } from '../../contract/rag.api.js';
import type { EventBus } from '../../events/event-bus.js';
import type { InferenceService } from '../../inference/inference.service.js';
import type { JobControl } from '../../jobs/job-runner.js';
import { AccessSets } from '../access.js';
import { chunkSections } from '../chunking/chunker.js';
import type { IndexRow } from '../collections/collections.repo.js';
import type { CollectionsService } from '../collections/collections.service.js';
import { extractBudgetFromEnv } from '../extract/extract-budget.js';
import { ExtractSandbox } from '../extract/extract-sandbox.js';
import type { ExtractedDocument, ExtractedSection } from '../extract/extract.types.js';
import type { DocumentsRepo } from '../index/documents.repo.js';
import type { VectorStore } from '../index/vector-store.js';
import { DocumentWriter, removeDocument } from './document-writer.js';
import { Embedder } from './embedder.js';
import { walk } from './file-walk.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';

export interface IngestRequest {
  collection: string;
  paths: string[];
  acl?: string[] | undefined;
  tags?: string[] | undefined;
  removeMissing: boolean;
  /** Admits each file found (server-side paths: a symlink inside a folder may point anywhere); throws to skip it. */
  admitFile?: ((file: string) => Promise<unknown>) | undefined;
}

interface Target {
  collectionId: string;
  index: IndexRow;
  settings: CollectionSettings;
  embedder: Embedder;
  aclSetId: number;
  tagsJson: string;
  user: string;
}

/** Characters of extracted text chunked and written at a time: bounds memory for any file size. */
const BATCH_CHARS = 512 * 1024;

/** Ingestion: files and folders in, chunks, vectors and full text out, one collection at a time. */
export class IngestService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly collections: CollectionsService,
    private readonly docs: DocumentsRepo,
    private readonly vectors: VectorStore,
    private readonly inference: InferenceService,
    private readonly events: EventBus,
    /** Called after an index's content changed (e.g. to re-measure its vector quality). */
    private readonly onIndexChanged: (index: IndexRow) => Promise<unknown> = async () => undefined,
    /** Each file is extracted in a child process under a time and memory budget; a file that exceeds it is skipped. */
    private readonly sandbox: ExtractSandbox = new ExtractSandbox(extractBudgetFromEnv()),
  ) {}

  /** Runs after any ingestion already under way in the same collection: one writer per index. */
  ingest(request: IngestRequest, ctx: CallContext, job: JobControl): Promise<IngestReport> {
    const collectionId = this.collections.row(request.collection).id;
    const previous = this.queues.get(collectionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(collectionId, request, ctx, job));
    this.queues.set(collectionId, run);
    return run;
  }

  /**
   * Builds a new index with the current settings (a new embedding model, chunking or quantization) while the old
   * one keeps answering, then swaps them in one transaction. Files are read again; a file that is gone is rebuilt
   * from its stored text.
   */
  reindex(collection: string, ctx: CallContext, job: JobControl): Promise<{ documents: number; chunks: number }> {
    const collectionId = this.collections.row(collection).id;
    const previous = this.queues.get(collectionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.rebuild(collectionId, ctx, job));
    this.queues.set(collectionId, run);
    return run;
  }

  private async rebuild(collectionId: string, ctx: CallContext, job: JobControl): Promise<{ documents: number; chunks: number }> {
    const settings = this.collections.settings(collectionId);
    const old = this.collections.activeIndex(collectionId);
    const repo = this.collections.repo;
    const fresh = repo.index(repo.createIndex(collectionId, settings.embeddingModel, settings.quantization, 'building'));
    const report: IngestReport = { documents: 0, chunks: 0, unchanged: 0, updated: 0, removed: 0, embeddedChunks: 0, reusedEmbeddings: 0, skipped: [], warnings: [] };
    try {
      const sources = this.docs.indexedSources(old.id).filter((d) => !d.source.includes('!/'));
      for (const [done, doc] of sources.entries()) {
        if (job.signal.aborted) throw new AppError('CANCELLED', 'The re-indexing was cancelled; the old index keeps answering');
        const target: Target = {
          collectionId, index: fresh, settings, embedder: new Embedder(this.inference, fresh.embedding_model_id),
          // The rebuilt document keeps its owner: whoever changed the settings does not gain write rights on it.
          aclSetId: doc.acl_set_id, tagsJson: doc.tags_json, user: doc.ingested_by,
        };
        try {
          await this.ingestFile(doc.source, target, job, report);
        } catch (error) {
          if (!isAppError(error) || error.code === 'CANCELLED') throw error;
          await this.rebuildFromStoredText(doc.id, doc.source, doc.content_sha256, doc.size_bytes, target, job);
        }
        job.progress((done + 1) / Math.max(1, sources.length), doc.source);
      }
      await this.onIndexChanged(repo.index(fresh.id));
      writeTransaction(this.db, () => repo.activate(collectionId, fresh.id));
    } catch (error) {
      this.dropIndex(fresh);
      throw error;
    }
    this.dropIndex(old);
    return { documents: report.documents, chunks: report.chunks };
  }

  private async rebuildFromStoredText(documentId: number, source: string, sha256: string, sizeBytes: number, target: Target, job: JobControl): Promise<void> {
    const sections: ExtractedSection[] = this.docs.chunks(documentId).map((chunk) => ({ text: chunk.text, kind: 'paragraph', location: JSON.parse(chunk.location_json) }));
    const writer = this.writer(target, source, sha256, sizeBytes);
    try {
      await writer.add(await chunkSections(sections, target.settings.chunking, target.embedder.countTokens), job.signal);
      writer.commit({ format: 'text', title: null, warningsJson: JSON.stringify([{ code: 'REBUILT_FROM_INDEX', message: 'The source file was gone; rebuilt from the stored text' }]) });
    } catch (error) {
      writer.abandon();
      throw error;
    }
  }

  private dropIndex(index: IndexRow): void {
    this.vectors.drop(index.id);
    this.db.prepare('DELETE FROM rag_indexes WHERE id = ?').run(index.id);
  }

  private async run(collectionId: string, request: IngestRequest, ctx: CallContext, job: JobControl): Promise<IngestReport> {
    const settings = this.collections.settings(collectionId);
    const index = this.collections.activeIndex(collectionId);
    const acl = request.acl && request.acl.length > 0 ? request.acl : [`user:${ctx.user}`];
    const target: Target = {
      collectionId, index, settings,
      embedder: new Embedder(this.inference, index.embedding_model_id),
      aclSetId: new AccessSets(this.db).idFor(acl),
      tagsJson: JSON.stringify([...new Set(request.tags ?? [])].sort()),
      user: ctx.user,
    };
    this.sweepInterrupted(index);
    const report: IngestReport = { documents: 0, chunks: 0, unchanged: 0, updated: 0, removed: 0, embeddedChunks: 0, reusedEmbeddings: 0, skipped: [], warnings: [] };
    const found = await walk(request.paths, job.signal);
    report.skipped.push(...found.unreadable);
    const total = found.files.length;
    for (const missing of found.unreadable) this.progress(job, missing.path, 'skipped', 0, total, undefined, { code: missing.code, message: missing.message });
    for (const [done, file] of found.files.entries()) {
      if (job.signal.aborted) throw new AppError('CANCELLED', 'The ingestion was cancelled; documents finished so far are kept');
      this.progress(job, file, 'extracting', done, total);
      try {
        await request.admitFile?.(file);
        const outcome = await this.ingestFile(file, target, job, report, () => this.progress(job, file, 'embedding', done, total));
        this.progress(job, file, outcome.state, done + 1, total, outcome.chunks);
      } catch (error) {
        if (job.signal.aborted) throw new AppError('CANCELLED', 'The ingestion was cancelled; documents finished so far are kept');
        if (!isAppError(error)) throw error;
        const code = (error.details as { extractCode?: string } | undefined)?.extractCode ?? error.code;
        report.skipped.push({ path: file, code, message: error.message });
        this.progress(job, file, 'skipped', done + 1, total, undefined, { code, message: error.message });
      }
      job.progress((done + 1) / Math.max(1, total), `${done + 1} of ${total} files`);
    }
    if (request.removeMissing) report.removed = this.removeMissing(index, found.folders, new Set(found.files), ctx.user, job);
    if (report.documents > 0 || report.removed > 0) await this.onIndexChanged(index);
    return report;
  }

  private async ingestFile(file: string, target: Target, job: JobControl, report: IngestReport, embedding = (): void => undefined): Promise<{ state: 'indexed' | 'unchanged'; chunks: number }> {
    const { sha256, sizeBytes } = await hashFile(file, job.signal);
    const existing = this.docs.bySource(target.index.id, file, target.user);
    if (existing && existing.content_sha256 === sha256 && existing.acl_set_id === target.aclSetId && existing.tags_json === target.tagsJson) {
      report.unchanged++;
      return { state: 'unchanged', chunks: existing.chunk_count };
    }
    const writer = this.writer(target, file, sha256, sizeBytes);
    try {
      const stream = this.sandbox.extract(file, { signal: job.signal });
      let batch: ExtractedSection[] = [];
      let batchChars = 0;
      for await (const section of stream) {
        batch.push(section);
        batchChars += section.text.length;
        if (batchChars >= BATCH_CHARS) {
          if (target.embedder.enabled) embedding();
          await writer.add(await chunkSections(batch, target.settings.chunking, target.embedder.countTokens), job.signal);
          batch = [];
          batchChars = 0;
        }
      }
      if (target.embedder.enabled) embedding();
      await writer.add(await chunkSections(batch, target.settings.chunking, target.embedder.countTokens), job.signal);
      if (job.signal.aborted) throw new AppError('CANCELLED', 'cancelled');
      const summary = stream.summary();
      for (const warning of summary.warnings) report.warnings.push({ path: file, code: warning.code, message: warning.message });
      // An archive is done only when all its members are: its own row commits last, so a crash before that leaves
      // it unfinished (or at its old version) and the next run re-processes whatever members are missing.
      const memberChunks = await this.ingestMembers(file, summary.members ?? [], target, job, report);
      const chunks = writer.commit({ format: summary.format, title: summary.title ?? null, warningsJson: JSON.stringify(summary.warnings) });
      // Members were tallied as documents of their own: the archive adds only its own chunks (report == stored).
      this.tally(report, writer, existing !== undefined, chunks);
      return { state: 'indexed', chunks: chunks + memberChunks };
    } catch (error) {
      writer.abandon();
      throw error;
    }
  }

  /** A ZIP's members become documents of their own (`archive.zip!/member`), replaced or removed with the archive. */
  private async ingestMembers(archive: string, members: ExtractedDocument[], target: Target, job: JobControl, report: IngestReport): Promise<number> {
    const prefix = `${archive}!/`;
    const kept = new Set<string>();
    let chunks = 0;
    for (const member of members) {
      const source = `${prefix}${member.path}`;
      kept.add(source);
      const existing = this.docs.bySource(target.index.id, source, target.user);
      if (existing?.content_sha256 === member.sha256 && existing.acl_set_id === target.aclSetId && existing.tags_json === target.tagsJson) continue;
      const writer = this.writer(target, source, member.sha256, member.sizeBytes);
      try {
        await writer.add(await chunkSections(member.sections, target.settings.chunking, target.embedder.countTokens), job.signal);
        const count = writer.commit({ format: member.format, title: member.title ?? null, warningsJson: JSON.stringify(member.warnings) });
        this.tally(report, writer, existing !== undefined, count);
        chunks += count;
      } catch (error) {
        writer.abandon();
        throw error;
      }
    }
    for (const stale of this.docs.sourcesUnder(target.index.id, prefix, target.user)) {
      if (!kept.has(stale.source)) removeDocument(this.db, this.docs, this.vectors, target.index, stale.id);
    }
    return chunks;
  }

  private writer(target: Target, source: string, sha256: string, sizeBytes: number): DocumentWriter {
    return new DocumentWriter(this.db, this.docs, this.vectors, target.embedder, {
      collectionId: target.collectionId, index: target.index, source, sha256, sizeBytes,
      aclSetId: target.aclSetId, tagsJson: target.tagsJson, user: target.user, injectionPolicy: target.settings.injection.policy,
    });
  }

  private tally(report: IngestReport, writer: DocumentWriter, replaced: boolean, chunks: number): void {
    report.documents++;
    if (replaced) report.updated++;
    report.chunks += chunks;
    report.embeddedChunks += writer.embedded;
    report.reusedEmbeddings += writer.reused;
  }

  /** Documents under a synced folder whose files are gone leave the index. */
  private removeMissing(index: IndexRow, folders: string[], present: Set<string>, owner: string, job: JobControl): number {
    let removed = 0;
    for (const folder of folders) {
      for (const doc of this.docs.sourcesUnder(index.id, folder.endsWith('/') ? folder : `${folder}/`, owner)) {
        const file = doc.source.split('!/')[0] ?? doc.source;
        if (present.has(file)) continue;
        removeDocument(this.db, this.docs, this.vectors, index, doc.id);
        this.progress(job, doc.source, 'removed', 0, 0);
        removed++;
      }
    }
    return removed;
  }

  /** Staged documents of an interrupted run were never visible; their rows and vectors are garbage now. */
  private sweepInterrupted(index: IndexRow): void {
    for (const doc of this.docs.unfinished(index.id)) removeDocument(this.db, this.docs, this.vectors, index, doc.id);
  }

  private progress(job: JobControl, path: string, state: 'extracting' | 'embedding' | 'indexed' | 'unchanged' | 'skipped' | 'removed', done: number, total: number, chunks?: number, error?: { code: string; message: string }): void {
    this.events.emit('rag.fileProgressed', { jobId: job.jobId, path, state, done, total, ...(chunks !== undefined ? { chunks } : {}), ...(error ? { error } : {}) });
  }
}

async function hashFile(file: string, signal: AbortSignal): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024, signal })) {
      hash.update(chunk as Buffer);
      sizeBytes += (chunk as Buffer).length;
    }
  } catch (error) {
    if (signal.aborted) throw new AppError('CANCELLED', 'cancelled');
    throw new AppError('FILE_UNREADABLE', `\`${file}\` cannot be read: ${(error as Error).message}`);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
