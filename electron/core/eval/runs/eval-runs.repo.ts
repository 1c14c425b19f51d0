import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../native/sqlite/open.js';
import type { AssertionResult } from '../scoring/assertions.js';
import type { ResolvedSuite } from '../suites/resolved-suite.js';
import { itemKey } from '../suites/resolved-suite.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunRow {
  id: string;
  name: string;
  suite_json: string;
  dataset_version_id: number;
  baseline_run_id: string | null;
  status: RunStatus;
  total_items: number;
  done_items: number;
  owner: string | null;
  summary_json: string | null;
  gate_passed: number | null;
  gate_json: string | null;
  error_json: string | null;
  created_by: string;
  created_at: string;
  ended_at: string | null;
}

/** What a finished item stores: everything the drill-down shows. */
export interface ResultRecord {
  caseId: number;
  promptKey: string;
  promptVersionId: number | null;
  model: string;
  status: 'ok' | 'error';
  rendered: unknown;
  output: string;
  metrics: Record<string, number>;
  assertions: AssertionResult[];
  passed: boolean;
  judge: unknown;
  error: { code: string; message: string } | null;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
}

export interface ResultRow {
  id: number;
  case_id: number;
  prompt_key: string;
  prompt_version_id: number | null;
  model: string;
  status: 'ok' | 'error';
  rendered_json: string;
  output: string;
  metrics_json: string;
  assertions_json: string;
  passed: number;
  judge_json: string | null;
  error_json: string | null;
  latency_ms: number;
  prompt_tokens: number;
  completion_tokens: number;
  case_key: string;
  ordinal: number;
}

/** SQL of eval runs. A result row is written once, with the run's progress, in one transaction. */
export class EvalRunsRepo {
  constructor(readonly db: Db) {}

  create(input: { name: string; suite: ResolvedSuite; baselineRunId: string | null; totalItems: number; owner: string; user: string }): string {
    const id = randomUUID();
    writeTransaction(this.db, () => {
      this.db
        .prepare(`INSERT INTO eval_runs (id, name, suite_json, dataset_version_id, baseline_run_id, status, total_items, done_items, owner, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, 'running', ?, 0, ?, ?, ?)`)
        .run(id, input.name, JSON.stringify(input.suite), input.suite.dataset.versionId, input.baselineRunId, input.totalItems, input.owner, input.user, new Date().toISOString());
      const link = this.db.prepare('INSERT OR IGNORE INTO eval_run_prompt_versions (run_id, prompt_version_id) VALUES (?, ?)');
      for (const p of input.suite.prompts) if (p.versionId !== null) link.run(id, p.versionId);
    });
    return id;
  }

  get(id: string): RunRow | undefined {
    return this.db.prepare('SELECT * FROM eval_runs WHERE id = ?').get(id) as RunRow | undefined;
  }

  list(limit: number): RunRow[] {
    return this.db.prepare('SELECT * FROM eval_runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[];
  }

  /** Takes a run over for this process (a resume); the previous owner is gone or was told to stop. */
  claim(id: string, owner: string): void {
    this.db.prepare("UPDATE eval_runs SET status = 'running', owner = ?, ended_at = NULL, error_json = NULL WHERE id = ?").run(owner, id);
  }

  finish(id: string, fields: { status: RunStatus; summary?: unknown; gatePassed?: boolean | null; gate?: unknown; error?: { code: string; message: string } | null }): void {
    this.db
      .prepare('UPDATE eval_runs SET status = ?, summary_json = ?, gate_passed = ?, gate_json = ?, error_json = ?, owner = NULL, ended_at = ? WHERE id = ?')
      .run(
        fields.status, fields.summary === undefined ? null : JSON.stringify(fields.summary), fields.gatePassed === undefined || fields.gatePassed === null ? null : fields.gatePassed ? 1 : 0,
        fields.gate === undefined ? null : JSON.stringify(fields.gate), fields.error ? JSON.stringify(fields.error) : null, new Date().toISOString(), id,
      );
  }

  doneKeys(runId: string): Set<string> {
    const rows = this.db.prepare('SELECT case_id, prompt_key, model FROM eval_results WHERE run_id = ?').all(runId) as Array<{ case_id: number; prompt_key: string; model: string }>;
    return new Set(rows.map((r) => itemKey({ caseId: r.case_id, promptKey: r.prompt_key, modelKey: r.model })));
  }

  insertResult(runId: string, r: ResultRecord): void {
    writeTransaction(this.db, () => {
      const inserted = this.db
        .prepare(`INSERT OR IGNORE INTO eval_results (run_id, case_id, prompt_key, prompt_version_id, model, status, rendered_json, output, metrics_json, assertions_json, passed,
          judge_json, error_json, latency_ms, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(
          runId, r.caseId, r.promptKey, r.promptVersionId, r.model, r.status, JSON.stringify(r.rendered ?? null), r.output, JSON.stringify(r.metrics), JSON.stringify(r.assertions),
          r.passed ? 1 : 0, r.judge === null || r.judge === undefined ? null : JSON.stringify(r.judge), r.error ? JSON.stringify(r.error) : null, r.latencyMs, r.promptTokens, r.completionTokens,
          new Date().toISOString(),
        );
      if (inserted.changes === 1) this.db.prepare('UPDATE eval_runs SET done_items = done_items + 1 WHERE id = ?').run(runId);
    });
  }

  updateJudge(resultId: number, judge: unknown): void {
    this.db.prepare('UPDATE eval_results SET judge_json = ? WHERE id = ?').run(JSON.stringify(judge), resultId);
  }

  results(runId: string, options: { offset?: number; limit?: number; failedOnly?: boolean; caseKey?: string | undefined } = {}): { total: number; rows: ResultRow[] } {
    const where = `r.run_id = ?${options.failedOnly ? ' AND (r.passed = 0 OR r.status = \'error\')' : ''}${options.caseKey !== undefined ? ' AND c.case_key = ?' : ''}`;
    const params = options.caseKey !== undefined ? [runId, options.caseKey] : [runId];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM eval_results r JOIN dataset_cases c ON c.id = r.case_id WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT r.*, c.case_key, c.ordinal FROM eval_results r JOIN dataset_cases c ON c.id = r.case_id WHERE ${where} ORDER BY c.ordinal, r.prompt_key, r.model LIMIT ? OFFSET ?`)
      .all(...params, options.limit ?? -1, options.offset ?? 0) as ResultRow[];
    return { total, rows };
  }
}
