import type { Db } from '../../../../native/sqlite/open.js';
import { promptKey, promptLabelsKey, promptVersionKey, type TransferObject } from './transfer-object.js';

interface PromptRow { id: string; name: string; description: string; created_by: string; created_at: string }
interface VersionRow {
  id: number; version: string; kind: string; system_template: string; user_template: string; variables_json: string; params_json: string;
  output_schema_json: string | null; message: string; author: string; created_at: string;
}
interface LabelRow { label: string; version: string; protected: number; updated_by: string; updated_at: string }

/**
 * Prompts with all their (immutable) versions and their current labels. `names` null: every prompt.
 * `onlyVersions` (with `names` null): just these `prompt:NAME@VERSION` keys and their prompts (what a run evaluated).
 */
export function collectPrompts(db: Db, names: readonly string[] | null, onlyVersions?: ReadonlySet<string>): TransferObject[] {
  const rows = db.prepare('SELECT id, name, description, created_by, created_at FROM prompts ORDER BY name').all() as PromptRow[];
  const wanted = names === null ? null : new Set(names.map((n) => n.toLowerCase()));
  const versions = db.prepare(`SELECT id, version, kind, system_template, user_template, variables_json, params_json, output_schema_json, message, author, created_at
    FROM prompt_versions WHERE prompt_id = ? ORDER BY major, minor, patch`);
  const labels = db.prepare(`SELECT l.label, v.version, l.protected, l.updated_by, l.updated_at FROM prompt_labels l JOIN prompt_versions v ON v.id = l.version_id
    WHERE l.prompt_id = ? ORDER BY l.label`);
  const objects: TransferObject[] = [];
  for (const p of rows) {
    const whole = wanted === null ? onlyVersions === undefined : wanted.has(p.name.toLowerCase());
    const chosen = (versions.all(p.id) as VersionRow[]).filter((v) => whole || onlyVersions?.has(promptVersionKey(p.name, v.version)));
    if (!whole && chosen.length === 0) continue;
    objects.push({ key: promptKey(p.name), kind: 'prompt', data: { name: p.name, description: p.description, createdBy: p.created_by, createdAt: p.created_at } });
    for (const v of chosen) {
      objects.push({
        key: promptVersionKey(p.name, v.version),
        kind: 'prompt-version',
        data: {
          prompt: p.name, version: v.version, kind: v.kind, systemTemplate: v.system_template, userTemplate: v.user_template, variablesJson: v.variables_json,
          paramsJson: v.params_json, outputSchemaJson: v.output_schema_json, message: v.message, author: v.author, createdAt: v.created_at,
        },
      });
    }
    if (!whole) continue;
    const current = labels.all(p.id) as LabelRow[];
    if (current.length > 0) {
      const data = Object.fromEntries(current.map((l) => [l.label, { version: l.version, protected: l.protected === 1, updatedBy: l.updated_by, updatedAt: l.updated_at }]));
      objects.push({ key: promptLabelsKey(p.name), kind: 'prompt-labels', data: { prompt: p.name, labels: data } });
    }
  }
  return objects;
}
