import type { Db } from '../../../../native/sqlite/open.js';
import { datasetKey, datasetVersionKey, type TransferObject } from './transfer-object.js';

interface DatasetRow { id: string; name: string; description: string; created_by: string; created_at: string }
interface VersionRow { id: number; version: number; case_count: number; content_hash: string; source: string; note: string; created_by: string; created_at: string }
interface CaseRow {
  ordinal: number; case_key: string; vars_json: string; expected: string | null; references_json: string; contexts_json: string; tags_json: string;
  human_json: string | null; assert_json: string;
}

/**
 * Datasets with their versions; each version carries its cases (with their human labels, which are part of the
 * version). `names` null: every dataset. `onlyVersions`: just these `dataset:NAME@N` keys (what a run depends on).
 */
export function collectDatasets(db: Db, names: readonly string[] | null, onlyVersions?: ReadonlySet<string>): TransferObject[] {
  const rows = db.prepare('SELECT id, name, description, created_by, created_at FROM datasets ORDER BY name').all() as DatasetRow[];
  const wanted = names === null ? null : new Set(names.map((n) => n.toLowerCase()));
  const versions = db.prepare('SELECT id, version, case_count, content_hash, source, note, created_by, created_at FROM dataset_versions WHERE dataset_id = ? ORDER BY version');
  const cases = db.prepare(`SELECT ordinal, case_key, vars_json, expected, references_json, contexts_json, tags_json, human_json, assert_json
    FROM dataset_cases WHERE dataset_version_id = ? ORDER BY ordinal`);
  const objects: TransferObject[] = [];
  for (const d of rows) {
    const whole = wanted === null ? onlyVersions === undefined : wanted.has(d.name.toLowerCase());
    const chosen = (versions.all(d.id) as VersionRow[]).filter((v) => whole || onlyVersions?.has(datasetVersionKey(d.name, v.version)));
    if (!whole && chosen.length === 0) continue;
    objects.push({ key: datasetKey(d.name), kind: 'dataset', data: { name: d.name, description: d.description, createdBy: d.created_by, createdAt: d.created_at } });
    for (const v of chosen) {
      const list = (cases.all(v.id) as CaseRow[]).map((c) => ({
        ordinal: c.ordinal, key: c.case_key, varsJson: c.vars_json, expected: c.expected, referencesJson: c.references_json, contextsJson: c.contexts_json,
        tagsJson: c.tags_json, humanJson: c.human_json, assertJson: c.assert_json,
      }));
      objects.push({
        key: datasetVersionKey(d.name, v.version),
        kind: 'dataset-version',
        data: { dataset: d.name, version: v.version, caseCount: v.case_count, contentHash: v.content_hash, source: v.source, note: v.note, createdBy: v.created_by, createdAt: v.created_at, cases: list },
      });
    }
  }
  return objects;
}
