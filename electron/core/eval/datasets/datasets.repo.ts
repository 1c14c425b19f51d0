import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../../../native/sqlite/open.js';
import type { EvalCase, HumanLabel } from '../../contract/eval.api.js';
import type { NewCase } from './case-shape.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';

export interface DatasetRow {
  id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: string;
}

export interface DatasetVersionRow {
  id: number;
  dataset_id: string;
  version: number;
  case_count: number;
  content_hash: string;
  source: string;
  note: string;
  created_by: string;
  created_at: string;
}

interface CaseRow {
  id: number;
  ordinal: number;
  case_key: string;
  vars_json: string;
  expected: string | null;
  references_json: string;
  contexts_json: string;
  tags_json: string;
  human_json: string | null;
  assert_json: string;
}

export type StoredCase = EvalCase & { id: number };

export function hashCases(cases: NewCase[]): string {
  const hash = createHash('sha256');
  for (const c of cases) hash.update(JSON.stringify([c.key, c.vars, c.expected, c.references, c.contexts, c.tags, c.human, c.assert])).update('\n');
  return hash.digest('hex');
}

/** SQL of datasets: a dataset has numbered versions, each a frozen list of cases. */
export class DatasetsRepo {
  constructor(readonly db: Db) {}

  byName(name: string): DatasetRow | undefined {
    return this.db.prepare('SELECT * FROM datasets WHERE name = ? OR id = ?').get(name, name) as DatasetRow | undefined;
  }

  list(): DatasetRow[] {
    return this.db.prepare('SELECT * FROM datasets ORDER BY name').all() as DatasetRow[];
  }

  versions(datasetId: string): DatasetVersionRow[] {
    return this.db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY version DESC').all(datasetId) as DatasetVersionRow[];
  }

  version(datasetId: string, version?: number): DatasetVersionRow | undefined {
    return version === undefined
      ? (this.db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY version DESC LIMIT 1').get(datasetId) as DatasetVersionRow | undefined)
      : (this.db.prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? AND version = ?').get(datasetId, version) as DatasetVersionRow | undefined);
  }

  versionById(id: number): DatasetVersionRow | undefined {
    return this.db.prepare('SELECT * FROM dataset_versions WHERE id = ?').get(id) as DatasetVersionRow | undefined;
  }

  datasetById(id: string): DatasetRow | undefined {
    return this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
  }

  /**
   * Adds a version (creating the dataset on first import), all in one transaction. Content equal to the latest
   * version reuses it, so importing the same file twice does not mint versions. `checkLatest` runs inside the
   * transaction before anything is written: what it throws rolls everything back (labeling refuses a stale base).
   */
  addVersion(input: {
    name: string;
    description?: string | undefined;
    cases: NewCase[];
    source: string;
    note?: string | undefined;
    user: string;
    checkLatest?: (latest: DatasetVersionRow | undefined) => void;
  }): { row: DatasetVersionRow; reused: boolean } {
    const hash = hashCases(input.cases);
    return writeTransaction(this.db, () => {
      let dataset = this.byName(input.name);
      input.checkLatest?.(dataset ? this.version(dataset.id) : undefined);
      if (!dataset) {
        dataset = { id: randomUUID(), name: input.name, description: input.description ?? '', created_by: input.user, created_at: new Date().toISOString() };
        this.db.prepare('INSERT INTO datasets (id, name, description, created_by, created_at) VALUES (@id, @name, @description, @created_by, @created_at)').run(dataset);
      } else if (input.description !== undefined) {
        this.db.prepare('UPDATE datasets SET description = ? WHERE id = ?').run(input.description, dataset.id);
      }
      const latest = this.version(dataset.id);
      if (latest && latest.content_hash === hash) return { row: latest, reused: true };
      const version = (latest?.version ?? 0) + 1;
      const result = this.db
        .prepare('INSERT INTO dataset_versions (dataset_id, version, case_count, content_hash, source, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(dataset.id, version, input.cases.length, hash, input.source, input.note ?? '', input.user, new Date().toISOString());
      const versionId = Number(result.lastInsertRowid);
      const insert = this.db.prepare(`INSERT INTO dataset_cases (dataset_version_id, ordinal, case_key, vars_json, expected, references_json, contexts_json, tags_json, human_json, assert_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      input.cases.forEach((c, i) => {
        insert.run(versionId, i + 1, c.key ?? String(i + 1), JSON.stringify(c.vars), c.expected, JSON.stringify(c.references), JSON.stringify(c.contexts), JSON.stringify(c.tags),
          c.human ? JSON.stringify(c.human) : null, JSON.stringify(c.assert));
      });
      return { row: this.versionById(versionId) as DatasetVersionRow, reused: false };
    });
  }

  cases(versionId: number, offset = 0, limit = -1): StoredCase[] {
    const rows = this.db.prepare('SELECT * FROM dataset_cases WHERE dataset_version_id = ? ORDER BY ordinal LIMIT ? OFFSET ?').all(versionId, limit, offset) as CaseRow[];
    return rows.map((r) => ({
      id: r.id, key: r.case_key, ordinal: r.ordinal, vars: JSON.parse(r.vars_json) as Record<string, unknown>, expected: r.expected,
      references: JSON.parse(r.references_json) as string[], contexts: JSON.parse(r.contexts_json) as string[], tags: JSON.parse(r.tags_json) as string[],
      human: r.human_json ? (JSON.parse(r.human_json) as HumanLabel) : null, assert: JSON.parse(r.assert_json) as Array<Record<string, unknown>>,
    }));
  }
}
