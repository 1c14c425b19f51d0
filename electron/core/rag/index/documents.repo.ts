import type { Db } from '../../../../native/sqlite/open.js';

export interface DocumentRow {
  id: number;
  collection_id: string;
  index_id: number;
  source: string;
  format: string;
  content_sha256: string;
  size_bytes: number;
  title: string | null;
  tags_json: string;
  acl_set_id: number;
  status: 'indexing' | 'indexed';
  chunk_count: number;
  warnings_json: string;
  /** The owner: the user whose ingestion wrote it; only they (or an administrator) change or remove it. */
  ingested_by: string;
  updated_at: string;
}

export interface ChunkRow {
  id: number;
  document_id: number;
  ordinal: number;
  text: string;
  text_sha256: string;
  token_count: number;
  location_json: string;
}

/** How a listing is filtered and ordered (rag.documents.list). */
export interface DocumentView {
  sort?: 'source' | 'format' | 'size' | 'chunks' | 'updated';
  order?: 'asc' | 'desc';
  status?: 'all' | 'ok' | 'attention';
  query?: string;
  format?: string;
}

const sortColumns = { source: 'source', format: 'format', size: 'size_bytes', chunks: 'chunk_count', updated: 'updated_at' } as const;

export interface NewChunk {
  ordinal: number;
  text: string;
  textSha256: string;
  tokenCount: number;
  location: object;
}

/** SQL for documents and their chunks. */
export class DocumentsRepo {
  constructor(private readonly db: Db) {}

  /**
   * The visible (indexed) document of a source that `owner` ingested. Another user's document of the same source is
   * never returned: re-ingesting cannot take it over, nor tell the caller that it exists.
   */
  bySource(indexId: number, source: string, owner: string): DocumentRow | undefined {
    return this.db.prepare("SELECT * FROM documents WHERE index_id = ? AND source = ? AND ingested_by = ? AND status = 'indexed'").get(indexId, source, owner) as DocumentRow | undefined;
  }

  indexedSources(indexId: number): DocumentRow[] {
    return this.db.prepare("SELECT * FROM documents WHERE index_id = ? AND status = 'indexed' ORDER BY id").all(indexId) as DocumentRow[];
  }

  byId(id: number): DocumentRow | undefined {
    return this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  }

  /** The visible documents the given access sets may read. */
  list(indexId: number, aclSets: number[], offset: number, limit: number, view: DocumentView = {}): { total: number; rows: DocumentRow[] } {
    if (aclSets.length === 0) return { total: 0, rows: [] };
    let where = `index_id = ? AND status = 'indexed' AND acl_set_id IN (${aclSets.map(() => '?').join(',')})`;
    const params: unknown[] = [indexId, ...aclSets];
    if (view.status === 'ok') where += " AND chunk_count > 0 AND warnings_json = '[]'";
    if (view.status === 'attention') where += " AND (chunk_count = 0 OR warnings_json <> '[]')";
    if (view.query) {
      where += " AND instr(lower(source), lower(?)) > 0";
      params.push(view.query);
    }
    if (view.format) {
      where += ' AND format = ?';
      params.push(view.format);
    }
    // The column comes from a fixed map (never from the caller's text); id breaks ties so pages never overlap.
    const order = `${sortColumns[view.sort ?? 'source']} ${view.order === 'desc' ? 'DESC' : 'ASC'}, id`;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM documents WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM documents WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as DocumentRow[];
    return { total, rows };
  }

  /** The visible documents under a source prefix that `owner` ingested (folder syncs and archives change only those). */
  sourcesUnder(indexId: number, prefix: string, owner: string): DocumentRow[] {
    return this.db.prepare("SELECT * FROM documents WHERE index_id = ? AND status = 'indexed' AND ingested_by = ? AND substr(source, 1, length(?)) = ?").all(indexId, owner, prefix, prefix) as DocumentRow[];
  }

  /** Documents left 'indexing' by an interrupted run. */
  unfinished(indexId: number): DocumentRow[] {
    return this.db.prepare("SELECT * FROM documents WHERE index_id = ? AND status = 'indexing'").all(indexId) as DocumentRow[];
  }

  insert(row: Omit<DocumentRow, 'id' | 'chunk_count' | 'status' | 'updated_at'>): number {
    const now = new Date().toISOString();
    return Number(this.db.prepare(`INSERT INTO documents (collection_id, index_id, source, format, content_sha256, size_bytes, title, tags_json,
      acl_set_id, status, warnings_json, ingested_by, created_at, updated_at)
      VALUES (@collection_id, @index_id, @source, @format, @content_sha256, @size_bytes, @title, @tags_json, @acl_set_id, 'indexing',
      @warnings_json, @ingested_by, @now, @now)`).run({ ...row, now }).lastInsertRowid);
  }

  markIndexed(id: number, chunkCount: number): void {
    this.db.prepare("UPDATE documents SET status = 'indexed', chunk_count = ?, updated_at = ? WHERE id = ?").run(chunkCount, new Date().toISOString(), id);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  }

  chunkHashes(documentId: number): Map<string, number> {
    const rows = this.db.prepare('SELECT id, text_sha256 FROM chunks WHERE document_id = ?').all(documentId) as Array<{ id: number; text_sha256: string }>;
    return new Map(rows.map((r) => [r.text_sha256, r.id]));
  }

  chunkIds(documentId: number): number[] {
    return (this.db.prepare('SELECT id FROM chunks WHERE document_id = ?').all(documentId) as Array<{ id: number }>).map((r) => r.id);
  }

  /** A page of a document's chunks in reading order, with their count. */
  chunkPage(documentId: number, offset: number, limit: number): { total: number; rows: ChunkRow[] } {
    const total = (this.db.prepare('SELECT count(*) AS n FROM chunks WHERE document_id = ?').get(documentId) as { n: number }).n;
    const rows = this.db.prepare('SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal LIMIT ? OFFSET ?').all(documentId, limit, offset) as ChunkRow[];
    return { total, rows };
  }

  chunks(documentId: number): ChunkRow[] {
    return this.db.prepare('SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal').all(documentId) as ChunkRow[];
  }

  insertChunk(documentId: number, indexId: number, aclSetId: number, chunk: NewChunk): number {
    return Number(this.db.prepare(`INSERT INTO chunks (document_id, index_id, acl_set_id, ordinal, text, text_sha256, token_count, location_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(documentId, indexId, aclSetId, chunk.ordinal, chunk.text, chunk.textSha256, chunk.tokenCount, JSON.stringify(chunk.location)).lastInsertRowid);
  }

  deleteChunks(chunkIds: number[]): void {
    const statement = this.db.prepare('DELETE FROM chunks WHERE id = ?');
    for (const id of chunkIds) statement.run(id);
  }

  chunksByIds(ids: number[]): Array<ChunkRow & { source: string }> {
    if (ids.length === 0) return [];
    return this.db.prepare(`SELECT c.*, d.source FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<ChunkRow & { source: string }>;
  }
}
