import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../native/sqlite/open.js';
import { parseSemVer } from '../../prompts/semver.js';
import { transferError } from '../transfer-errors.js';
import type { IncomingObject, PlannedObject } from './merge-plan.js';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shapes written by collect-*.ts

/**
 * Writes the objects planned as new. Runs inside the caller's one write transaction: a malformed object (a signer we
 * trust may still run a buggy build) aborts the whole import, naming the object, and nothing is half-merged.
 */
export function applyNew(db: Db, incoming: readonly IncomingObject[], plan: readonly PlannedObject[]): void {
  const byKey = new Map(incoming.map((o) => [o.entry.key, o.data]));
  const writer = new ObjectWriter(db);
  for (const planned of plan) {
    if (planned.status !== 'new') continue;
    try {
      writer.write(planned.kind, byKey.get(planned.key) as Data);
    } catch (error) {
      throw transferError('BUNDLE_INVALID', `${planned.key} could not be merged (${(error as Error).message}); nothing from this bundle was imported`, { object: planned.key });
    }
  }
}

class ObjectWriter {
  constructor(private readonly db: Db) {}

  write(kind: PlannedObject['kind'], d: Data): void {
    switch (kind) {
      case 'prompt':
        this.db.prepare('INSERT INTO prompts (id, name, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(randomUUID(), d.name, d.description, d.createdBy, d.createdAt);
        return;
      case 'prompt-version': {
        const v = parseSemVer(d.version);
        if (!v) throw new Error(`"${d.version}" is not a version number`);
        this.db
          .prepare(`INSERT INTO prompt_versions (prompt_id, version, major, minor, patch, kind, system_template, user_template, variables_json, params_json, output_schema_json,
            message, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(this.promptId(d.prompt), d.version, v.major, v.minor, v.patch, d.kind, d.systemTemplate, d.userTemplate, d.variablesJson, d.paramsJson, d.outputSchemaJson, d.message, d.author, d.createdAt);
        return;
      }
      case 'prompt-labels': {
        const promptId = this.promptId(d.prompt);
        for (const [label, l] of Object.entries(d.labels as Record<string, Data>)) {
          const versionId = this.promptVersionId(`${d.prompt}@${l.version}`);
          this.db.prepare('INSERT INTO prompt_labels (prompt_id, label, version_id, protected, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(promptId, label, versionId, l.protected ? 1 : 0, l.updatedBy, l.updatedAt);
          this.db.prepare("INSERT INTO prompt_label_moves (prompt_id, label, from_version_id, to_version_id, action, moved_by, created_at) VALUES (?, ?, NULL, ?, 'set', ?, ?)").run(promptId, label, versionId, l.updatedBy, l.updatedAt);
        }
        return;
      }
      case 'dataset':
        this.db.prepare('INSERT INTO datasets (id, name, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(randomUUID(), d.name, d.description, d.createdBy, d.createdAt);
        return;
      case 'dataset-version': {
        const id = this.db
          .prepare('INSERT INTO dataset_versions (dataset_id, version, case_count, content_hash, source, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(this.datasetId(d.dataset), d.version, d.caseCount, d.contentHash, d.source, d.note, d.createdBy, d.createdAt).lastInsertRowid;
        const insert = this.db.prepare(`INSERT INTO dataset_cases (dataset_version_id, ordinal, case_key, vars_json, expected, references_json, contexts_json, tags_json, human_json, assert_json)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        for (const c of d.cases as Data[]) insert.run(id, c.ordinal, c.key, c.varsJson, c.expected, c.referencesJson, c.contextsJson, c.tagsJson, c.humanJson, c.assertJson);
        return;
      }
      case 'eval-run':
        this.writeRun(d);
        return;
      case 'eval-results':
        this.writeResults(d);
        return;
      case 'model':
        this.db.prepare('INSERT INTO transfer_model_manifests (sha256, name, manifest_json, imported_at) VALUES (?, ?, ?, ?)').run(d.sha256, d.name, JSON.stringify(d), new Date().toISOString());
        return;
    }
  }

  private writeRun(d: Data): void {
    const datasetVersion = this.datasetVersion(d.dataset);
    const suite = d.suite as Data;
    // The suite as stored here: this installation's row ids where the exporter blanked its own.
    if (suite.dataset) suite.dataset = { ...suite.dataset, id: datasetVersion.datasetId, versionId: datasetVersion.id };
    if (Array.isArray(suite.prompts)) suite.prompts = suite.prompts.map((p: Data) => ({ ...p, versionId: typeof p.version === 'string' ? this.promptVersionId(p.version) : null }));
    this.db
      .prepare(`INSERT INTO eval_runs (id, name, suite_json, dataset_version_id, baseline_run_id, status, total_items, done_items, owner, summary_json, gate_passed, gate_json,
        error_json, created_by, created_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`)
      .run(d.id, d.name, JSON.stringify(suite), datasetVersion.id, d.baselineRunId, d.status, d.totalItems, d.doneItems, d.summaryJson, d.gatePassed, d.gateJson, d.errorJson, d.createdBy, d.createdAt, d.endedAt);
    const link = this.db.prepare('INSERT OR IGNORE INTO eval_run_prompt_versions (run_id, prompt_version_id) VALUES (?, ?)');
    for (const v of d.promptVersions as string[]) link.run(d.id, this.promptVersionId(v));
  }

  private writeResults(d: Data): void {
    const run = this.db.prepare('SELECT dataset_version_id FROM eval_runs WHERE id = ?').get(d.run) as { dataset_version_id: number } | undefined;
    if (!run) throw new Error(`run ${String(d.run)} is missing`);
    const cases = new Map((this.db.prepare('SELECT id, ordinal FROM dataset_cases WHERE dataset_version_id = ?').all(run.dataset_version_id) as Array<{ id: number; ordinal: number }>).map((c) => [c.ordinal, c.id]));
    const versions = new Map<string, number>();
    const insert = this.db.prepare(`INSERT INTO eval_results (run_id, case_id, prompt_key, prompt_version_id, model, status, rendered_json, output, metrics_json, assertions_json, passed,
      judge_json, error_json, latency_ms, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of d.results as Data[]) {
      const caseId = cases.get(r.ordinal);
      if (caseId === undefined) throw new Error(`case ${String(r.ordinal)} of the run's dataset is missing`);
      let versionId: number | null = null;
      if (typeof r.promptVersion === 'string') {
        versionId = versions.get(r.promptVersion) ?? this.promptVersionId(r.promptVersion);
        versions.set(r.promptVersion, versionId);
      }
      insert.run(d.run, caseId, r.promptKey, versionId, r.model, r.status, r.renderedJson, r.output, r.metricsJson, r.assertionsJson, r.passed ? 1 : 0, r.judgeJson, r.errorJson, r.latencyMs, r.promptTokens, r.completionTokens, r.createdAt);
    }
  }

  private promptId(name: string): string {
    const row = this.db.prepare('SELECT id FROM prompts WHERE name = ?').get(name) as { id: string } | undefined;
    if (!row) throw new Error(`prompt ${name} is missing`);
    return row.id;
  }

  private promptVersionId(ref: string): number {
    const at = ref.lastIndexOf('@');
    const row = this.db.prepare('SELECT v.id FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id WHERE p.name = ? AND v.version = ?').get(ref.slice(0, at), ref.slice(at + 1)) as { id: number } | undefined;
    if (!row) throw new Error(`prompt version ${ref} is missing`);
    return row.id;
  }

  private datasetId(name: string): string {
    const row = this.db.prepare('SELECT id FROM datasets WHERE name = ?').get(name) as { id: string } | undefined;
    if (!row) throw new Error(`dataset ${name} is missing`);
    return row.id;
  }

  private datasetVersion(ref: string): { id: number; datasetId: string } {
    const at = ref.lastIndexOf('@');
    const row = this.db.prepare('SELECT v.id, v.dataset_id FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = ? AND v.version = ?').get(ref.slice(0, at), Number(ref.slice(at + 1))) as { id: number; dataset_id: string } | undefined;
    if (!row) throw new Error(`dataset version ${ref} is missing`);
    return { id: row.id, datasetId: row.dataset_id };
  }
}
