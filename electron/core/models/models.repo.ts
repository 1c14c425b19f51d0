import type { Db } from '../../../native/sqlite/open.js';
import { writeTransaction } from '../../../native/sqlite/write-transaction.js';
import type { ModelEvent } from '../contract/models.api.js';
import type { Model } from '../contract/schemas.js';

export type ModelEventAction = ModelEvent['action'];

interface ModelRow {
  id: string; name: string; path: string; sha256: string; size_bytes: number; file_mtime_ms: number;
  architecture: string | null; parameter_count: number | null; quantization: string | null;
  context_length: number | null; embedding_length: number | null; chat_template: string | null;
  license: string | null; metadata_name: string | null; vocab_only: number; role: Model['role'];
  approval: Model['approval']; source: Model['source']; metadata_json: string; created_at: string;
  retired_at: string | null; removed_at: string | null;
  location: 'local' | 'remote'; endpoint_id: string | null; remote_model_id: string | null;
}

export interface StoredModel extends Model {
  fileMtimeMs: number;
  /** Removed from the library: hidden, but kept so that re-importing the same file restores this entry. */
  removedAt: string | null;
}

export interface NewModel extends StoredModel {
  metadataJson: string;
}

const toModel = (row: ModelRow): StoredModel => ({
  id: row.id, name: row.name, path: row.path, sha256: row.sha256, sizeBytes: row.size_bytes, fileMtimeMs: row.file_mtime_ms,
  architecture: row.architecture, parameterCount: row.parameter_count, quantization: row.quantization,
  contextLength: row.context_length, embeddingLength: row.embedding_length, chatTemplate: row.chat_template,
  license: row.license, metadataName: row.metadata_name, vocabOnly: row.vocab_only === 1, role: row.role,
  approval: row.approval, retiredAt: row.retired_at, source: row.source, createdAt: row.created_at, removedAt: row.removed_at,
  remote: row.location === 'remote' && row.endpoint_id && row.remote_model_id ? { endpointId: row.endpoint_id, modelId: row.remote_model_id } : null,
});

/** Models in the library: removed entries are kept for re-import but never listed or resolved by name. */
const IN_LIBRARY = 'removed_at IS NULL';

/** SQL for the model library; nothing else touches the `models` table. */
export class ModelsRepo {
  constructor(private readonly db: Db) {}

  list(role?: Model['role']): StoredModel[] {
    const rows = role
      ? this.db.prepare(`SELECT * FROM models WHERE ${IN_LIBRARY} AND role = ? ORDER BY name`).all(role)
      : this.db.prepare(`SELECT * FROM models WHERE ${IN_LIBRARY} ORDER BY name`).all();
    return (rows as ModelRow[]).map(toModel);
  }

  /** By id, removed or not: old runs and traces name models by id and must still resolve. */
  byId(id: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
    return row && toModel(row);
  }

  byName(name: string): StoredModel | undefined {
    const row = this.db.prepare(`SELECT * FROM models WHERE ${IN_LIBRARY} AND name = ?`).get(name) as ModelRow | undefined;
    return row && toModel(row);
  }

  bySha(sha256: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE sha256 = ?').get(sha256) as ModelRow | undefined;
    return row && toModel(row);
  }

  byPath(path: string): StoredModel | undefined {
    const row = this.db.prepare(`SELECT * FROM models WHERE ${IN_LIBRARY} AND path = ?`).get(path) as ModelRow | undefined;
    return row && toModel(row);
  }

  metadata(id: string): Record<string, unknown> {
    const row = this.db.prepare('SELECT metadata_json FROM models WHERE id = ?').get(id) as { metadata_json: string } | undefined;
    return row ? (JSON.parse(row.metadata_json) as Record<string, unknown>) : {};
  }

  /** The entry and its first history events in one transaction: a failed import leaves neither. */
  insert(model: NewModel, events: Array<{ action: ModelEventAction; actor: string; reason: string | null }>): void {
    const { retiredAt: _retired, removedAt: _removed, remote, ...fields } = model;
    writeTransaction(this.db, () => {
      this.insertRow(fields, remote ?? null);
      for (const event of events) this.recordEvent(model.id, event);
    });
  }

  private insertRow(fields: Omit<NewModel, 'retiredAt' | 'removedAt' | 'remote'>, remote: Model['remote']): void {
    this.db.prepare(`INSERT INTO models (id, name, path, sha256, size_bytes, file_mtime_ms, architecture, parameter_count,
      quantization, context_length, embedding_length, chat_template, license, metadata_name, vocab_only, role, approval,
      source, metadata_json, created_at, location, endpoint_id, remote_model_id)
      VALUES (@id, @name, @path, @sha256, @sizeBytes, @fileMtimeMs, @architecture, @parameterCount, @quantization,
      @contextLength, @embeddingLength, @chatTemplate, @license, @metadataName, @vocabOnly, @role, @approval, @source,
      @metadataJson, @createdAt, @location, @endpointId, @remoteModelId)`).run({
      ...fields, vocabOnly: fields.vocabOnly ? 1 : 0,
      location: remote ? 'remote' : 'local', endpointId: remote?.endpointId ?? null, remoteModelId: remote?.modelId ?? null,
    });
  }

  /** The remote models an endpoint serves, in the library or removed (discovery restores a removed one). */
  byEndpoint(endpointId: string): StoredModel[] {
    return (this.db.prepare('SELECT * FROM models WHERE endpoint_id = ? ORDER BY name').all(endpointId) as ModelRow[]).map(toModel);
  }

  update(id: string, fields: Partial<Pick<Model, 'name' | 'role'>>): void {
    this.db.prepare('UPDATE models SET name = coalesce(@name, name), role = coalesce(@role, role) WHERE id = @id')
      .run({ id, name: null, role: null, ...fields });
  }

  /** A decision and its history entry, in one transaction: the state never changes without its record. */
  decide(id: string, change: { approval?: Model['approval']; retiredAt?: string | null; removedAt?: string | null; path?: string; name?: string }, event: { action: ModelEventAction; actor: string; reason: string | null }): void {
    // Read then write: the write lock is taken first (a deferred transaction fails with SQLITE_BUSY_SNAPSHOT).
    writeTransaction(this.db, () => {
      const row = this.db.prepare('SELECT approval, retired_at, removed_at, path, name FROM models WHERE id = ?').get(id) as Pick<ModelRow, 'approval' | 'retired_at' | 'removed_at' | 'path' | 'name'>;
      this.db.prepare('UPDATE models SET approval = ?, retired_at = ?, removed_at = ?, path = ?, name = ? WHERE id = ?').run(
        change.approval ?? row.approval,
        change.retiredAt === undefined ? row.retired_at : change.retiredAt,
        change.removedAt === undefined ? row.removed_at : change.removedAt,
        change.path ?? row.path,
        change.name ?? row.name,
        id,
      );
      this.recordEvent(id, event);
    });
  }

  recordEvent(id: string, event: { action: ModelEventAction; actor: string; reason: string | null }): void {
    this.db.prepare('INSERT INTO model_events (model_id, action, actor, reason, at) VALUES (?, ?, ?, ?, ?)')
      .run(id, event.action, event.actor, event.reason, new Date().toISOString());
  }

  history(id: string): ModelEvent[] {
    return this.db.prepare('SELECT action, actor, reason, at FROM model_events WHERE model_id = ? ORDER BY id').all(id) as ModelEvent[];
  }

  recordFileState(id: string, sizeBytes: number, fileMtimeMs: number): void {
    this.db.prepare('UPDATE models SET size_bytes = ?, file_mtime_ms = ? WHERE id = ?').run(sizeBytes, fileMtimeMs, id);
  }

}
