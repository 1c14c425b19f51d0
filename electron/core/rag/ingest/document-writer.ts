import type { Db } from '../../../../native/sqlite/open.js';
import type { IndexRow } from '../collections/collections.repo.js';
import type { Chunk } from '../chunking/chunker.js';
import type { DocumentsRepo } from '../index/documents.repo.js';
import type { VectorStore } from '../index/vector-store.js';
import type { Embedder } from './embedder.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import { InjectionFlagger, type InjectionPolicy } from './injection-flags.js';

export interface StagedDocument {
  collectionId: string;
  index: IndexRow;
  source: string;
  sha256: string;
  sizeBytes: number;
  aclSetId: number;
  tagsJson: string;
  user: string;
  /** What a chunk with planted instructions becomes (collection setting `injection.policy`); absent: not scanned. */
  injectionPolicy?: InjectionPolicy | undefined;
}

/**
 * Writes one document as a staged replacement: chunks and vectors go in under an 'indexing' row that retrieval
 * never sees, batch by batch, and one final transaction swaps it for the old version. A crash at any point leaves
 * the old version (or nothing) visible, and the staged rows are swept on the next run.
 */
export class DocumentWriter {
  private ordinal = 0;
  private chunkCount = 0;
  embedded = 0;
  reused = 0;
  readonly documentId: number;
  private readonly previousId: number | undefined;
  private readonly reusable: Map<string, number>;
  private readonly flagger: InjectionFlagger | undefined;

  constructor(
    private readonly db: Db,
    private readonly docs: DocumentsRepo,
    private readonly vectors: VectorStore,
    private readonly embedder: Embedder,
    private readonly doc: StagedDocument,
  ) {
    const previous = docs.bySource(doc.index.id, doc.source, doc.user);
    this.previousId = previous?.id;
    // Unchanged chunk text keeps its vector: a changed file re-embeds only its changed chunks.
    this.reusable = previous && doc.index.embedding_model_id ? docs.chunkHashes(previous.id) : new Map();
    this.flagger = doc.injectionPolicy ? new InjectionFlagger(db, doc.injectionPolicy, doc.source) : undefined;
    this.documentId = docs.insert({
      collection_id: doc.collectionId, index_id: doc.index.id, source: doc.source, format: 'unknown', content_sha256: doc.sha256,
      size_bytes: doc.sizeBytes, title: null, tags_json: doc.tagsJson, acl_set_id: doc.aclSetId, warnings_json: '[]', ingested_by: doc.user,
    });
  }

  async add(all: Chunk[], signal: AbortSignal): Promise<void> {
    // Scanned before anything is embedded: a refused document stops here, a quarantined chunk is never indexed.
    const verdicts = this.flagger?.judge(all, this.ordinal) ?? [];
    const chunks = all.filter((_, i) => verdicts[i]?.action !== 'quarantined');
    if (all.length === 0) return;
    const index = this.doc.index;
    const reuse = chunks.map((c) => this.reusable.get(c.textSha256));
    const fresh = chunks.filter((_, i) => reuse[i] === undefined);
    const embeddings = this.embedder.enabled && fresh.length > 0 ? await this.embedder.embed(fresh.map((c) => c.text), signal) : [];
    if (this.embedder.enabled && embeddings.length > 0) this.ensureVectorTable(embeddings[0]!.length);
    let next = 0;
    const stage = this.db.prepare('INSERT INTO staged_vectors (chunk_id, embedding) VALUES (?, ?)');
    writeTransaction(this.db, () => {
      const ids = new Map<Chunk, number>();
      chunks.forEach((chunk, i) => {
        const ordinal = this.ordinal + all.indexOf(chunk);
        const id = this.docs.insertChunk(this.documentId, index.id, this.doc.aclSetId, { ...chunk, ordinal });
        ids.set(chunk, id);
        if (!this.embedder.enabled) return;
        const reusedFrom = reuse[i];
        const vector = reusedFrom !== undefined ? this.vectors.vector(index.id, reusedFrom) : embeddings[next++];
        if (reusedFrom !== undefined) this.reused++;
        else this.embedded++;
        if (vector) stage.run(id, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
      });
      this.flagger?.record(this.documentId, all, verdicts, ids, this.ordinal);
    });
    this.ordinal += all.length;
    this.chunkCount += chunks.length;
  }

  /** The swap: the old version and its vectors go, the staged one becomes visible. */
  commit(fields: { format: string; title: string | null; warningsJson: string }): number {
    writeTransaction(this.db, () => {
      if (this.previousId !== undefined) this.removeDocument(this.previousId);
      this.publishVectors();
      const warnings = [...(JSON.parse(fields.warningsJson) as unknown[]), ...(this.flagger?.warnings() ?? [])];
      this.db.prepare('UPDATE documents SET format = ?, title = ?, warnings_json = ? WHERE id = ?').run(fields.format, fields.title, JSON.stringify(warnings), this.documentId);
      this.docs.markIndexed(this.documentId, this.chunkCount);
    });
    return this.chunkCount;
  }

  /** Staged vectors move into the searchable tables inside the commit transaction. */
  private publishVectors(): void {
    const index = this.doc.index;
    const rows = this.db
      .prepare('SELECT s.chunk_id, s.embedding FROM staged_vectors s JOIN chunks c ON c.id = s.chunk_id WHERE c.document_id = ?')
      .all(this.documentId) as Array<{ chunk_id: number; embedding: Buffer }>;
    for (const row of rows) {
      const vector = new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength));
      this.vectors.insert(index.id, index.quantization, row.chunk_id, this.doc.aclSetId, vector);
    }
    this.db.prepare('DELETE FROM staged_vectors WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = ?)').run(this.documentId);
  }

  abandon(): void {
    writeTransaction(this.db, () => this.removeDocument(this.documentId));
  }

  private removeDocument(documentId: number): void {
    if (this.doc.index.dimensions !== null) this.vectors.remove(this.doc.index.id, this.doc.index.quantization, this.docs.chunkIds(documentId));
    this.docs.remove(documentId);
  }

  private ensureVectorTable(dimensions: number): void {
    if (this.doc.index.dimensions === dimensions) return;
    this.vectors.ensure(this.doc.index.id, dimensions, this.doc.index.quantization);
    this.db.prepare('UPDATE rag_indexes SET dimensions = ? WHERE id = ?').run(dimensions, this.doc.index.id);
    this.doc.index.dimensions = dimensions;
  }
}

/** Removes a visible document with its vectors (used for deletions and folder syncs). */
export function removeDocument(db: Db, docs: DocumentsRepo, vectors: VectorStore, index: IndexRow, documentId: number): void {
  writeTransaction(db, () => {
    if (index.dimensions !== null) vectors.remove(index.id, index.quantization, docs.chunkIds(documentId));
    docs.remove(documentId);
  });
}
