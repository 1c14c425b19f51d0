import type { Db } from '../../../native/sqlite/open.js';
import type { ReviewPolicy, ReviewStatus } from '../contract/review.api.js';

export interface ReviewRow {
  id: string;
  kind: 'rag.answer';
  trace_id: string;
  collection_id: string | null;
  requester: string;
  reasons_json: string;
  question: string;
  held_output: string;
  status: ReviewStatus;
  released_text: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: string | null;
  created_at: string;
}

/** Held outputs and the prompts' review policies. */
export class ReviewRepo {
  constructor(private readonly db: Db) {}

  insert(row: Omit<ReviewRow, 'status' | 'released_text' | 'decided_by' | 'decision_reason' | 'decided_at'>): void {
    this.db.prepare(`INSERT INTO review_items (id, kind, trace_id, collection_id, requester, reasons_json, question, held_output, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row.id, row.kind, row.trace_id, row.collection_id, row.requester, row.reasons_json, row.question, row.held_output, row.created_at);
  }

  get(id: string): ReviewRow | undefined {
    return this.db.prepare('SELECT * FROM review_items WHERE id = ?').get(id) as ReviewRow | undefined;
  }

  byTrace(traceId: string): ReviewRow[] {
    return this.db.prepare('SELECT * FROM review_items WHERE trace_id = ? ORDER BY created_at').all(traceId) as ReviewRow[];
  }

  /** Oldest first: the queue is worked in the order outputs were held. */
  list(status: 'pending' | 'decided' | 'all', limit: number): ReviewRow[] {
    const where = status === 'pending' ? "WHERE status = 'pending'" : status === 'decided' ? "WHERE status <> 'pending'" : '';
    const order = status === 'pending' ? 'ASC' : 'DESC';
    return this.db.prepare(`SELECT * FROM review_items ${where} ORDER BY created_at ${order}, id LIMIT ?`).all(limit) as ReviewRow[];
  }

  /** Decides a pending item; false when it was decided meanwhile (the caller re-reads it). */
  decide(id: string, status: Exclude<ReviewStatus, 'pending'>, releasedText: string | null, by: string, reason: string | null, at: string): boolean {
    const changed = this.db.prepare(`UPDATE review_items SET status = ?, released_text = ?, decided_by = ?, decision_reason = ?, decided_at = ?
      WHERE id = ? AND status = 'pending'`).run(status, releasedText, by, reason, at, id).changes;
    return changed === 1;
  }

  /** The requester reads their answer through the trace too: it now holds what was released (or the rejection). */
  updateTraceOutput(traceId: string, output: string): void {
    this.db.prepare('UPDATE rag_traces SET output = ? WHERE id = ?').run(output, traceId);
  }

  promptPolicy(prompt: string): ReviewPolicy | null {
    const row = this.db.prepare('SELECT policy FROM review_prompt_policies WHERE prompt = ?').get(prompt) as { policy: ReviewPolicy } | undefined;
    return row?.policy ?? null;
  }

  setPromptPolicy(prompt: string, policy: ReviewPolicy, by: string, at: string): void {
    this.db.prepare(`INSERT INTO review_prompt_policies (prompt, policy, updated_by, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (prompt) DO UPDATE SET policy = excluded.policy, updated_by = excluded.updated_by, updated_at = excluded.updated_at`).run(prompt, policy, by, at);
  }

  promptPolicies(): Array<{ prompt: string; policy: ReviewPolicy; updatedBy: string; updatedAt: string }> {
    return (this.db.prepare('SELECT * FROM review_prompt_policies ORDER BY prompt').all() as Array<{ prompt: string; policy: ReviewPolicy; updated_by: string; updated_at: string }>)
      .map((r) => ({ prompt: r.prompt, policy: r.policy, updatedBy: r.updated_by, updatedAt: r.updated_at }));
  }

  collectionName(id: string | null): string | null {
    if (id === null) return null;
    return (this.db.prepare('SELECT name FROM collections WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
  }
}
