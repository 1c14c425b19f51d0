import { randomUUID } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import type { LabelInfo, PromptParams, PromptVariable, PromptVersion } from '../contract/prompts.api.js';
import type { SemVer } from './semver.js';
import type { VersionContent } from './version-diff.js';
import { writeTransaction } from '../../../native/sqlite/write-transaction.js';

export interface PromptRow {
  id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: string;
}

interface VersionRow {
  id: number;
  prompt_id: string;
  version: string;
  kind: 'chat' | 'completion';
  system_template: string;
  user_template: string;
  variables_json: string;
  params_json: string;
  output_schema_json: string | null;
  guard_json: string | null;
  message: string;
  author: string;
  created_at: string;
}

interface LabelRow {
  label: string;
  version_id: number;
  version: string;
  protected: number;
  updated_by: string;
  updated_at: string;
}

export interface LabelMove {
  label: string;
  from: string | null;
  to: string;
  toVersionId: number;
  fromVersionId: number | null;
  action: string;
  movedBy: string;
  gateRunId: string | null;
  createdAt: string;
}

/** SQL of the registry. Versions are only ever inserted (a trigger refuses updates). */
export class PromptsRepo {
  constructor(readonly db: Db) {}

  createPrompt(name: string, description: string, user: string): PromptRow {
    const row: PromptRow = { id: randomUUID(), name, description, created_by: user, created_at: new Date().toISOString() };
    this.db.prepare('INSERT INTO prompts (id, name, description, created_by, created_at) VALUES (@id, @name, @description, @created_by, @created_at)').run(row);
    return row;
  }

  byName(name: string): PromptRow | undefined {
    return this.db.prepare('SELECT * FROM prompts WHERE name = ?').get(name) as PromptRow | undefined;
  }

  byId(id: string): PromptRow | undefined {
    return this.db.prepare('SELECT * FROM prompts WHERE id = ?').get(id) as PromptRow | undefined;
  }

  listPrompts(): PromptRow[] {
    return this.db.prepare('SELECT * FROM prompts ORDER BY name').all() as PromptRow[];
  }

  insertVersion(promptId: string, version: SemVer, content: VersionContent, message: string, author: string): number {
    const result = this.db
      .prepare(`INSERT INTO prompt_versions (prompt_id, version, major, minor, patch, kind, system_template, user_template, variables_json,
        params_json, output_schema_json, guard_json, message, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        promptId, `${version.major}.${version.minor}.${version.patch}`, version.major, version.minor, version.patch, content.kind, content.system, content.user,
        JSON.stringify(content.variables), JSON.stringify(content.params), content.outputSchema ? JSON.stringify(content.outputSchema) : null,
        content.guard ? JSON.stringify(content.guard) : null, message, author, new Date().toISOString(),
      );
    return Number(result.lastInsertRowid);
  }

  versionCount(promptId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM prompt_versions WHERE prompt_id = ?').get(promptId) as { n: number }).n;
  }

  latest(promptId: string): PromptVersion | undefined {
    const row = this.db.prepare('SELECT * FROM prompt_versions WHERE prompt_id = ? ORDER BY major DESC, minor DESC, patch DESC LIMIT 1').get(promptId) as VersionRow | undefined;
    return row && this.toVersion(row);
  }

  version(promptId: string, version: string): PromptVersion | undefined {
    const row = this.db.prepare('SELECT * FROM prompt_versions WHERE prompt_id = ? AND version = ?').get(promptId, version) as VersionRow | undefined;
    return row && this.toVersion(row);
  }

  versionById(id: number): PromptVersion | undefined {
    const row = this.db.prepare('SELECT * FROM prompt_versions WHERE id = ?').get(id) as VersionRow | undefined;
    return row && this.toVersion(row);
  }

  versions(promptId: string): PromptVersion[] {
    const rows = this.db.prepare('SELECT * FROM prompt_versions WHERE prompt_id = ? ORDER BY major DESC, minor DESC, patch DESC').all(promptId) as VersionRow[];
    return rows.map((row) => this.toVersion(row));
  }

  labels(promptId: string): Array<LabelInfo & { versionId: number }> {
    const rows = this.db
      .prepare('SELECT l.label, l.version_id, v.version, l.protected, l.updated_by, l.updated_at FROM prompt_labels l JOIN prompt_versions v ON v.id = l.version_id WHERE l.prompt_id = ? ORDER BY l.label')
      .all(promptId) as LabelRow[];
    return rows.map((r) => ({ label: r.label, version: r.version, versionId: r.version_id, protected: r.protected === 1, updatedBy: r.updated_by, updatedAt: r.updated_at }));
  }

  label(promptId: string, label: string): (LabelInfo & { versionId: number }) | undefined {
    return this.labels(promptId).find((l) => l.label.toLowerCase() === label.toLowerCase());
  }

  /** Sets the label and records the move, in one transaction. */
  moveLabel(move: { promptId: string; label: string; toVersionId: number; protected: boolean; action: string; user: string; gateRunId: string | null }): void {
    const now = new Date().toISOString();
    writeTransaction(this.db, () => {
      const current = this.label(move.promptId, move.label);
      this.db
        .prepare(`INSERT INTO prompt_labels (prompt_id, label, version_id, protected, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (prompt_id, label) DO UPDATE SET version_id = excluded.version_id, protected = excluded.protected, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
        .run(move.promptId, current?.label ?? move.label, move.toVersionId, move.protected ? 1 : 0, move.user, now);
      this.db
        .prepare('INSERT INTO prompt_label_moves (prompt_id, label, from_version_id, to_version_id, action, moved_by, gate_run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(move.promptId, current?.label ?? move.label, current?.versionId ?? null, move.toVersionId, move.action, move.user, move.gateRunId, now);
    });
  }

  moves(promptId: string, label?: string): LabelMove[] {
    const rows = this.db
      .prepare(`SELECT m.label, f.version AS from_version, t.version AS to_version, m.from_version_id, m.to_version_id, m.action, m.moved_by, m.gate_run_id, m.created_at
        FROM prompt_label_moves m JOIN prompt_versions t ON t.id = m.to_version_id LEFT JOIN prompt_versions f ON f.id = m.from_version_id
        WHERE m.prompt_id = ? AND (? IS NULL OR m.label = ? COLLATE NOCASE) ORDER BY m.id DESC`)
      .all(promptId, label ?? null, label ?? null) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      label: r.label as string, from: (r.from_version as string | null) ?? null, to: r.to_version as string, fromVersionId: (r.from_version_id as number | null) ?? null,
      toVersionId: r.to_version_id as number, action: r.action as string, movedBy: r.moved_by as string, gateRunId: (r.gate_run_id as string | null) ?? null, createdAt: r.created_at as string,
    }));
  }

  private toVersion(row: VersionRow): PromptVersion {
    const prompt = this.byId(row.prompt_id);
    const labels = (this.db.prepare('SELECT label FROM prompt_labels WHERE version_id = ? ORDER BY label').all(row.id) as Array<{ label: string }>).map((l) => l.label);
    return {
      id: row.id,
      promptId: row.prompt_id,
      name: prompt?.name ?? '',
      version: row.version,
      kind: row.kind,
      system: row.system_template,
      user: row.user_template,
      variables: JSON.parse(row.variables_json) as PromptVariable[],
      params: JSON.parse(row.params_json) as PromptParams,
      outputSchema: row.output_schema_json ? (JSON.parse(row.output_schema_json) as Record<string, unknown>) : null,
      guard: row.guard_json ? (JSON.parse(row.guard_json) as Record<string, unknown>) : null,
      message: row.message,
      author: row.author,
      createdAt: row.created_at,
      labels,
    };
  }
}
