import type { Db } from '../../../../native/sqlite/open.js';
import type { CollectionSettings } from '../../contract/rag.api.js';

export interface CollectionRow {
  id: string;
  name: string;
  settings_version: number;
  active_index_id: number | null;
  created_by: string;
  created_at: string;
}

export interface IndexRow {
  id: number;
  collection_id: string;
  embedding_model_id: string | null;
  dimensions: number | null;
  quantization: CollectionSettings['quantization'];
  status: 'building' | 'active' | 'retired';
  vector_quality: number | null;
  vector_version: number;
}

/** SQL for collections, their settings history and their indexes. */
export class CollectionsRepo {
  constructor(private readonly db: Db) {}

  all(): CollectionRow[] {
    return this.db.prepare('SELECT * FROM collections ORDER BY name').all() as CollectionRow[];
  }

  byRef(ref: string): CollectionRow | undefined {
    return this.db.prepare('SELECT * FROM collections WHERE id = ? OR name = ?').get(ref, ref) as CollectionRow | undefined;
  }

  insert(row: CollectionRow): void {
    this.db.prepare('INSERT INTO collections (id, name, settings_version, active_index_id, created_by, created_at) VALUES (@id, @name, @settings_version, @active_index_id, @created_by, @created_at)').run(row);
  }

  settings(collectionId: string, version: number): CollectionSettings {
    const row = this.db.prepare('SELECT settings_json FROM collection_settings WHERE collection_id = ? AND version = ?').get(collectionId, version) as { settings_json: string };
    return JSON.parse(row.settings_json) as CollectionSettings;
  }

  history(collectionId: string): Array<{ version: number; settings: CollectionSettings; changedBy: string; createdAt: string }> {
    const rows = this.db.prepare('SELECT version, settings_json, changed_by, created_at FROM collection_settings WHERE collection_id = ? ORDER BY version').all(collectionId) as Array<{ version: number; settings_json: string; changed_by: string; created_at: string }>;
    return rows.map((r) => ({ version: r.version, settings: JSON.parse(r.settings_json) as CollectionSettings, changedBy: r.changed_by, createdAt: r.created_at }));
  }

  addSettingsVersion(collectionId: string, version: number, settings: CollectionSettings, changedBy: string): void {
    this.db.prepare('INSERT INTO collection_settings (collection_id, version, settings_json, changed_by, created_at) VALUES (?, ?, ?, ?, ?)').run(collectionId, version, JSON.stringify(settings), changedBy, new Date().toISOString());
    this.db.prepare('UPDATE collections SET settings_version = ? WHERE id = ?').run(version, collectionId);
  }

  remove(collectionId: string): void {
    this.db.prepare('DELETE FROM collections WHERE id = ?').run(collectionId);
  }

  createIndex(collectionId: string, embeddingModelId: string | null, quantization: IndexRow['quantization'], status: IndexRow['status']): number {
    return Number(this.db.prepare('INSERT INTO rag_indexes (collection_id, embedding_model_id, quantization, status, created_at) VALUES (?, ?, ?, ?, ?)').run(collectionId, embeddingModelId, quantization, status, new Date().toISOString()).lastInsertRowid);
  }

  index(indexId: number): IndexRow {
    return this.db.prepare('SELECT * FROM rag_indexes WHERE id = ?').get(indexId) as IndexRow;
  }

  indexes(collectionId: string): IndexRow[] {
    return this.db.prepare('SELECT * FROM rag_indexes WHERE collection_id = ? ORDER BY id').all(collectionId) as IndexRow[];
  }

  setVectorQuality(indexId: number, quality: number): void {
    this.db.prepare('UPDATE rag_indexes SET vector_quality = ? WHERE id = ?').run(quality, indexId);
  }

  setDimensions(indexId: number, dimensions: number): void {
    this.db.prepare('UPDATE rag_indexes SET dimensions = ? WHERE id = ?').run(dimensions, indexId);
  }

  activate(collectionId: string, indexId: number): void {
    this.db.prepare("UPDATE rag_indexes SET status = 'retired' WHERE collection_id = ? AND status = 'active'").run(collectionId);
    this.db.prepare("UPDATE rag_indexes SET status = 'active' WHERE id = ?").run(indexId);
    this.db.prepare('UPDATE collections SET active_index_id = ? WHERE id = ?').run(indexId, collectionId);
  }

  /** Counts of what the given access sets may read: a count must not reveal documents a caller cannot see. */
  counts(indexId: number | null, aclSets: number[]): { documents: number; chunks: number } {
    if (indexId === null || aclSets.length === 0) return { documents: 0, chunks: 0 };
    return this.db
      .prepare(`SELECT count(*) AS documents, coalesce(sum(chunk_count), 0) AS chunks FROM documents
        WHERE index_id = ? AND status = 'indexed' AND acl_set_id IN (${aclSets.map(() => '?').join(',')})`)
      .get(indexId, ...aclSets) as { documents: number; chunks: number };
  }
}
