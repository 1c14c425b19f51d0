import type { Db } from '../../../native/sqlite/open.js';
import type { Model } from '../contract/schemas.js';

interface ModelRow {
  id: string; name: string; path: string; sha256: string; size_bytes: number; file_mtime_ms: number;
  architecture: string | null; parameter_count: number | null; quantization: string | null;
  context_length: number | null; embedding_length: number | null; chat_template: string | null;
  license: string | null; metadata_name: string | null; vocab_only: number; role: Model['role'];
  approval: Model['approval']; source: Model['source']; metadata_json: string; created_at: string;
}

export interface StoredModel extends Model {
  fileMtimeMs: number;
}

export interface NewModel extends StoredModel {
  metadataJson: string;
}

const toModel = (row: ModelRow): StoredModel => ({
  id: row.id, name: row.name, path: row.path, sha256: row.sha256, sizeBytes: row.size_bytes, fileMtimeMs: row.file_mtime_ms,
  architecture: row.architecture, parameterCount: row.parameter_count, quantization: row.quantization,
  contextLength: row.context_length, embeddingLength: row.embedding_length, chatTemplate: row.chat_template,
  license: row.license, metadataName: row.metadata_name, vocabOnly: row.vocab_only === 1, role: row.role,
  approval: row.approval, source: row.source, createdAt: row.created_at,
});

/** SQL for the model library; nothing else touches the `models` table. */
export class ModelsRepo {
  constructor(private readonly db: Db) {}

  list(role?: Model['role']): StoredModel[] {
    const rows = role
      ? this.db.prepare('SELECT * FROM models WHERE role = ? ORDER BY name').all(role)
      : this.db.prepare('SELECT * FROM models ORDER BY name').all();
    return (rows as ModelRow[]).map(toModel);
  }

  byId(id: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
    return row && toModel(row);
  }

  byName(name: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE name = ?').get(name) as ModelRow | undefined;
    return row && toModel(row);
  }

  bySha(sha256: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE sha256 = ?').get(sha256) as ModelRow | undefined;
    return row && toModel(row);
  }

  byPath(path: string): StoredModel | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE path = ?').get(path) as ModelRow | undefined;
    return row && toModel(row);
  }

  metadata(id: string): Record<string, unknown> {
    const row = this.db.prepare('SELECT metadata_json FROM models WHERE id = ?').get(id) as { metadata_json: string } | undefined;
    return row ? (JSON.parse(row.metadata_json) as Record<string, unknown>) : {};
  }

  insert(model: NewModel): void {
    this.db.prepare(`INSERT INTO models (id, name, path, sha256, size_bytes, file_mtime_ms, architecture, parameter_count,
      quantization, context_length, embedding_length, chat_template, license, metadata_name, vocab_only, role, approval,
      source, metadata_json, created_at)
      VALUES (@id, @name, @path, @sha256, @sizeBytes, @fileMtimeMs, @architecture, @parameterCount, @quantization,
      @contextLength, @embeddingLength, @chatTemplate, @license, @metadataName, @vocabOnly, @role, @approval, @source,
      @metadataJson, @createdAt)`).run({ ...model, vocabOnly: model.vocabOnly ? 1 : 0 });
  }

  update(id: string, fields: Partial<Pick<Model, 'name' | 'role' | 'approval'>>): void {
    this.db.prepare(`UPDATE models SET name = coalesce(@name, name), role = coalesce(@role, role),
      approval = coalesce(@approval, approval) WHERE id = @id`).run({ id, name: null, role: null, approval: null, ...fields });
  }

  recordFileState(id: string, sizeBytes: number, fileMtimeMs: number): void {
    this.db.prepare('UPDATE models SET size_bytes = ?, file_mtime_ms = ? WHERE id = ?').run(sizeBytes, fileMtimeMs, id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM models WHERE id = ?').run(id);
  }
}
