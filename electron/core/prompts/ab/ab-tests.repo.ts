import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../native/sqlite/open.js';

export type Arm = 'control' | 'candidate';
export type AbStatus = 'running' | 'promoted' | 'rolled_back' | 'stopped';

export interface AbTestRow {
  id: string;
  prompt_id: string;
  name: string;
  control_label: string;
  candidate_label: string;
  candidate_percent: number;
  monitor_metric: string;
  monitor_threshold: number | null;
  monitor_min_samples: number;
  /** The versions the arms run, pinned at the start; null for tests from before pinning (their labels decide). */
  control_version: string | null;
  candidate_version: string | null;
  status: AbStatus;
  decision_json: string | null;
  created_by: string;
  created_at: string;
  ended_at: string | null;
}

export type NewAbTest = Omit<AbTestRow, 'id' | 'status' | 'decision_json' | 'created_at' | 'ended_at'>;

/** SQL of A/B tests: the test, sticky assignments and outcomes. */
export class AbTestsRepo {
  constructor(readonly db: Db) {}

  create(test: NewAbTest): AbTestRow {
    const row: AbTestRow = { ...test, id: randomUUID(), status: 'running', decision_json: null, created_at: new Date().toISOString(), ended_at: null };
    this.db
      .prepare(`INSERT INTO ab_tests (id, prompt_id, name, control_label, candidate_label, candidate_percent, monitor_metric, monitor_threshold,
        monitor_min_samples, control_version, candidate_version, status, decision_json, created_by, created_at, ended_at) VALUES (@id, @prompt_id, @name,
        @control_label, @candidate_label, @candidate_percent, @monitor_metric, @monitor_threshold, @monitor_min_samples, @control_version, @candidate_version,
        @status, @decision_json, @created_by, @created_at, @ended_at)`)
      .run(row);
    return row;
  }

  get(id: string): AbTestRow | undefined {
    return this.db.prepare('SELECT * FROM ab_tests WHERE id = ?').get(id) as AbTestRow | undefined;
  }

  running(promptId: string): AbTestRow | undefined {
    return this.db.prepare("SELECT * FROM ab_tests WHERE prompt_id = ? AND status = 'running'").get(promptId) as AbTestRow | undefined;
  }

  list(promptId?: string): AbTestRow[] {
    return this.db.prepare('SELECT * FROM ab_tests WHERE (? IS NULL OR prompt_id = ?) ORDER BY created_at DESC').all(promptId ?? null, promptId ?? null) as AbTestRow[];
  }

  /** Ends a running test; false when it had already ended (another caller decided first). */
  end(id: string, status: Exclude<AbStatus, 'running'>, decision: Record<string, unknown>): boolean {
    const result = this.db
      .prepare("UPDATE ab_tests SET status = ?, decision_json = ?, ended_at = ? WHERE id = ? AND status = 'running'")
      .run(status, JSON.stringify(decision), new Date().toISOString(), id);
    return result.changes === 1;
  }

  assignment(testId: string, subject: string): Arm | undefined {
    return (this.db.prepare('SELECT arm FROM ab_assignments WHERE test_id = ? AND subject = ?').get(testId, subject) as { arm: Arm } | undefined)?.arm;
  }

  /** Keeps the first assignment when two callers race for the same subject. */
  assign(testId: string, subject: string, arm: Arm): Arm {
    this.db.prepare('INSERT OR IGNORE INTO ab_assignments (test_id, subject, arm, created_at) VALUES (?, ?, ?, ?)').run(testId, subject, arm, new Date().toISOString());
    return this.assignment(testId, subject) ?? arm;
  }

  subjects(testId: string): Record<Arm, number> {
    const rows = this.db.prepare('SELECT arm, count(*) AS n FROM ab_assignments WHERE test_id = ? GROUP BY arm').all(testId) as Array<{ arm: Arm; n: number }>;
    return { control: rows.find((r) => r.arm === 'control')?.n ?? 0, candidate: rows.find((r) => r.arm === 'candidate')?.n ?? 0 };
  }

  record(testId: string, arm: Arm, subject: string | undefined, metric: string, value: number): void {
    this.db.prepare('INSERT INTO ab_outcomes (test_id, arm, subject, metric, value, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(testId, arm, subject ?? null, metric, value, new Date().toISOString());
  }

  values(testId: string, metric: string, arm: Arm): number[] {
    return (this.db.prepare('SELECT value FROM ab_outcomes WHERE test_id = ? AND metric = ? AND arm = ? ORDER BY id').all(testId, metric, arm) as Array<{ value: number }>).map((r) => r.value);
  }
}
