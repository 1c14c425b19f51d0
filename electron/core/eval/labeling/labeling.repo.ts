import type { Db } from '../../../../native/sqlite/open.js';
import type { LabelQuestion, LabelValue } from '../../contract/labeling.api.js';

export interface ExpertLabel {
  caseKey: string;
  question: string;
  labeler: string;
  value: LabelValue;
}

/** SQL of expert labeling: questions, assignments, each labeler's own labels, gold labels. */
export class LabelingRepo {
  constructor(private readonly db: Db) {}

  questions(datasetId: string): LabelQuestion[] {
    return (this.db.prepare('SELECT * FROM label_questions WHERE dataset_id = ? ORDER BY ordinal').all(datasetId) as Array<{ name: string; type: LabelQuestion['type']; options_json: string; guidelines: string }>)
      .map((r) => ({ name: r.name, type: r.type, options: JSON.parse(r.options_json) as string[], guidelines: r.guidelines }));
  }

  replaceQuestions(datasetId: string, questions: LabelQuestion[]): void {
    this.db.prepare('DELETE FROM label_questions WHERE dataset_id = ?').run(datasetId);
    const insert = this.db.prepare('INSERT INTO label_questions (dataset_id, name, type, options_json, guidelines, ordinal) VALUES (?, ?, ?, ?, ?, ?)');
    questions.forEach((q, i) => insert.run(datasetId, q.name, q.type, JSON.stringify(q.options), q.guidelines, i));
  }

  replaceAssignments(datasetId: string, rows: Array<{ caseKey: string; labeler: string }>, by: string, at: string): void {
    this.db.prepare('DELETE FROM label_assignments WHERE dataset_id = ?').run(datasetId);
    const insert = this.db.prepare('INSERT INTO label_assignments (dataset_id, case_key, labeler, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(datasetId, r.caseKey, r.labeler, by, at);
  }

  hasAssignments(datasetId: string): boolean {
    return this.db.prepare('SELECT 1 FROM label_assignments WHERE dataset_id = ? LIMIT 1').get(datasetId) !== undefined;
  }

  assignedTo(datasetId: string, labeler: string): Set<string> {
    return new Set((this.db.prepare('SELECT case_key FROM label_assignments WHERE dataset_id = ? AND labeler = ?').all(datasetId, labeler) as Array<{ case_key: string }>).map((r) => r.case_key));
  }

  assignmentCounts(datasetId: string): Array<{ labeler: string; assigned: number }> {
    return this.db.prepare('SELECT labeler, COUNT(*) AS assigned FROM label_assignments WHERE dataset_id = ? GROUP BY labeler ORDER BY labeler').all(datasetId) as Array<{ labeler: string; assigned: number }>;
  }

  /** Upserts only the caller's own row: the key includes the labeler, so nobody else's label can be replaced. */
  saveLabel(datasetId: string, caseKey: string, question: string, labeler: string, value: LabelValue, at: string): void {
    this.db.prepare(`INSERT INTO expert_labels (dataset_id, case_key, question, labeler, value_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (dataset_id, case_key, question, labeler) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`)
      .run(datasetId, caseKey, question, labeler, JSON.stringify(value), at);
  }

  labels(datasetId: string): ExpertLabel[] {
    return (this.db.prepare('SELECT case_key, question, labeler, value_json FROM expert_labels WHERE dataset_id = ? ORDER BY case_key, question, labeler').all(datasetId) as Array<{ case_key: string; question: string; labeler: string; value_json: string }>)
      .map((r) => ({ caseKey: r.case_key, question: r.question, labeler: r.labeler, value: JSON.parse(r.value_json) as LabelValue }));
  }

  /** Cases per labeler with at least one label. */
  labeledCounts(datasetId: string): Map<string, number> {
    const rows = this.db.prepare('SELECT labeler, COUNT(DISTINCT case_key) AS n FROM expert_labels WHERE dataset_id = ? GROUP BY labeler').all(datasetId) as Array<{ labeler: string; n: number }>;
    return new Map(rows.map((r) => [r.labeler, r.n]));
  }

  setGold(datasetId: string, caseKey: string, question: string, value: LabelValue, by: string, reason: string, at: string): void {
    this.db.prepare(`INSERT INTO gold_labels (dataset_id, case_key, question, value_json, adjudicated_by, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (dataset_id, case_key, question) DO UPDATE SET value_json = excluded.value_json, adjudicated_by = excluded.adjudicated_by, reason = excluded.reason, at = excluded.at`)
      .run(datasetId, caseKey, question, JSON.stringify(value), by, reason, at);
  }

  gold(datasetId: string): Array<{ caseKey: string; question: string; value: LabelValue; adjudicatedBy: string; reason: string; at: string }> {
    return (this.db.prepare('SELECT * FROM gold_labels WHERE dataset_id = ? ORDER BY case_key, question').all(datasetId) as Array<{ case_key: string; question: string; value_json: string; adjudicated_by: string; reason: string; at: string }>)
      .map((r) => ({ caseKey: r.case_key, question: r.question, value: JSON.parse(r.value_json) as LabelValue, adjudicatedBy: r.adjudicated_by, reason: r.reason, at: r.at }));
  }
}
