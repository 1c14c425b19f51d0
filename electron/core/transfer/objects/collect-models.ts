import type { Db } from '../../../../native/sqlite/open.js';
import { modelKey, type TransferObject } from './transfer-object.js';

interface ModelRow {
  id: string; name: string; sha256: string; size_bytes: number; architecture: string | null; parameter_count: number | null; quantization: string | null;
  context_length: number | null; embedding_length: number | null; license: string | null; metadata_name: string | null; role: string; approval: string;
  metadata_json: string; created_at: string; retired_at: string | null;
}

/**
 * Model manifests: SHA-256, metadata and the approval history, without the weights (GGUF files are moved as files
 * and imported with `enclave models import`; the SHA-256 here is what the receiving side checks them against).
 * `refs`: names or SHA-256 values; null: every model in the library.
 */
export function collectModels(db: Db, refs: readonly string[] | null): TransferObject[] {
  const rows = db.prepare(`SELECT id, name, sha256, size_bytes, architecture, parameter_count, quantization, context_length, embedding_length, license, metadata_name,
    role, approval, metadata_json, created_at, retired_at FROM models WHERE removed_at IS NULL ORDER BY name`).all() as ModelRow[];
  const wanted = refs === null ? null : new Set(refs.map((r) => r.toLowerCase()));
  const history = db.prepare('SELECT action, actor, reason, at FROM model_events WHERE model_id = ? ORDER BY id');
  return rows
    .filter((m) => wanted === null || wanted.has(m.name.toLowerCase()) || wanted.has(m.sha256))
    .map((m) => ({
      key: modelKey(m.sha256),
      kind: 'model' as const,
      data: {
        name: m.name, sha256: m.sha256, sizeBytes: m.size_bytes, architecture: m.architecture, parameterCount: m.parameter_count, quantization: m.quantization,
        contextLength: m.context_length, embeddingLength: m.embedding_length, license: m.license, metadataName: m.metadata_name, role: m.role, approval: m.approval,
        metadataJson: m.metadata_json, createdAt: m.created_at, retiredAt: m.retired_at, history: history.all(m.id),
      },
    }));
}
