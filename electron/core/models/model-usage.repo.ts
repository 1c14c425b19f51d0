import type { Db } from '../../../native/sqlite/open.js';
import type { ModelDependant } from '../contract/models.api.js';

/**
 * What refers to a model, read straight from the tables that keep the references: collections (their current
 * settings and live indexes), registry prompt versions and the protected labels pointing at them, and eval runs.
 * Collections store models by id; prompt versions and eval results keep the reference as it was written (id or name).
 */
export class ModelUsageRepo {
  constructor(private readonly db: Db) {}

  dependants(model: { id: string; name: string }): ModelDependant[] {
    const refs = { id: model.id, name: model.name };
    const found: ModelDependant[] = [];
    const collections = this.db.prepare(`
      SELECT c.id, c.name,
        json_extract(s.settings_json, '$.embeddingModel') = @id
          OR EXISTS (SELECT 1 FROM rag_indexes i WHERE i.collection_id = c.id AND i.status != 'retired' AND i.embedding_model_id = @id) AS embeds,
        json_extract(s.settings_json, '$.answer.model') = @id AS answers
      FROM collections c JOIN collection_settings s ON s.collection_id = c.id AND s.version = c.settings_version
      ORDER BY c.name`).all(refs) as Array<{ id: string; name: string; embeds: number; answers: number }>;
    for (const c of collections) {
      if (c.embeds) found.push({ kind: 'collection-embedding', label: `collection "${c.name}" (embedding model)`, id: c.id });
      if (c.answers) found.push({ kind: 'collection-answer', label: `collection "${c.name}" (answer model)`, id: c.id });
    }
    const versions = this.db.prepare(`
      SELECT v.id, p.name, v.version FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id
      WHERE json_extract(v.params_json, '$.model') COLLATE NOCASE IN (@id, @name) ORDER BY p.name, v.major, v.minor, v.patch`).all(refs) as Array<{ id: number; name: string; version: string }>;
    for (const v of versions) found.push({ kind: 'prompt-version', label: `${v.name}@${v.version}`, id: String(v.id) });
    const labels = this.db.prepare(`
      SELECT p.name, l.label, v.version FROM prompt_labels l JOIN prompts p ON p.id = l.prompt_id JOIN prompt_versions v ON v.id = l.version_id
      WHERE l.protected = 1 AND json_extract(v.params_json, '$.model') COLLATE NOCASE IN (@id, @name) ORDER BY p.name, l.label`).all(refs) as Array<{ name: string; label: string; version: string }>;
    for (const l of labels) found.push({ kind: 'protected-label', label: `${l.name}@${l.label} (protected, → ${l.version})`, id: `${l.name}@${l.label}` });
    const runs = this.db.prepare(`
      SELECT r.id, r.name FROM eval_runs r WHERE EXISTS (SELECT 1 FROM eval_results e WHERE e.run_id = r.id AND e.model COLLATE NOCASE IN (@id, @name))
      ORDER BY r.created_at`).all(refs) as Array<{ id: string; name: string }>;
    for (const r of runs) found.push({ kind: 'eval-run', label: `eval run "${r.name}"`, id: r.id });
    return found;
  }
}
