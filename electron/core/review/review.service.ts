import { randomUUID } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import { writeTransaction } from '../../../native/sqlite/write-transaction.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import type { ReviewDetail, ReviewItem, ReviewPolicy, ReviewResult } from '../contract/review.api.js';
import type { EventBus } from '../events/event-bus.js';
import { holds } from '../auth/permissions.js';
import { ContentAccess, WITHHELD } from '../rag/content-access.js';
import { TracesRepo } from '../rag/answer/traces.repo.js';
import { ReviewRepo, type ReviewRow } from './review.repo.js';

/** What the requester of a rejected answer receives in its place. */
export const REJECTED_ANSWER = 'A reviewer did not release this answer.';

export interface HoldRequest {
  traceId: string;
  collectionId: string | null;
  requester: string;
  question: string;
  heldOutput: string;
  reasons: string[];
}

type TraceReport = {
  citations?: ReviewDetail['citations'];
  unsupported?: ReviewDetail['unsupported'];
  guard?: ReviewDetail['verdicts'];
  support?: ReviewDetail['support'];
  cited?: number[];
};

/**
 * The review queue: outputs a policy held wait here until a holder of `review.decide` approves, edits (with a
 * reason) or rejects them. The requester then reads the released text (`review.result`, the trace, an event).
 * Every hold and decision is on the audit trail; the decision's own call is audited as a change besides.
 */
export class ReviewService {
  readonly repo: ReviewRepo;
  private readonly traces: TracesRepo;
  private readonly access: ContentAccess;

  constructor(private readonly db: Db, private readonly events: EventBus, private readonly audit: Pick<AuditService, 'queue'>) {
    this.repo = new ReviewRepo(db);
    this.traces = new TracesRepo(db);
    this.access = new ContentAccess(db);
  }

  promptPolicy(prompt: string | undefined): ReviewPolicy | null {
    return prompt ? this.repo.promptPolicy(prompt) : null;
  }

  hold(request: HoldRequest): string {
    const id = randomUUID();
    this.repo.insert({
      id, kind: 'rag.answer', trace_id: request.traceId, collection_id: request.collectionId, requester: request.requester,
      reasons_json: JSON.stringify(request.reasons), question: request.question, held_output: request.heldOutput, created_at: new Date().toISOString(),
    });
    void this.audit.queue({ actor: request.requester, action: 'review.held', target: `review:${id}`, input: request.question, payload: { traceId: request.traceId, reasons: request.reasons } }).catch(() => undefined);
    this.events.emit('review.queued', { reviewId: id, traceId: request.traceId });
    return id;
  }

  /**
   * Post-release review (issue 14): online evaluation judged an answer the requester already received below the
   * configured score. It cannot be held any more, so it joins the queue as `low-judge-score` + `post-release`; a
   * reviewer's approval confirms it, an edit or a rejection replaces the answer kept on its trace. An answer already
   * in the queue (held, or flagged before) is not added twice. Returns the new item's id, or null.
   */
  flagAfterRelease(request: Omit<HoldRequest, 'reasons'> & { score: number; threshold: number }): string | null {
    if (this.repo.byTrace(request.traceId).length > 0) return null;
    const id = randomUUID();
    const reasons = ['low-judge-score', 'post-release'];
    this.repo.insert({
      id, kind: 'rag.answer', trace_id: request.traceId, collection_id: request.collectionId, requester: request.requester,
      reasons_json: JSON.stringify(reasons), question: request.question, held_output: request.heldOutput, created_at: new Date().toISOString(),
    });
    void this.audit.queue({ actor: 'system', action: 'review.flagged', target: `review:${id}`, input: request.question,
      payload: { traceId: request.traceId, requester: request.requester, reasons, score: request.score, threshold: request.threshold } }).catch(() => undefined);
    this.events.emit('review.queued', { reviewId: id, traceId: request.traceId });
    return id;
  }

  list(status: 'pending' | 'decided' | 'all', limit: number): ReviewItem[] {
    return this.repo.list(status, limit).map((row) => this.item(row));
  }

  show(id: string, ctx: CallContext): ReviewDetail {
    const row = this.row(id);
    const item = this.item(row);
    if (!this.access.mayReadAll(ctx, this.access.aclSetsOfTrace(row.trace_id))) {
      return { ...item, question: '', heldOutput: '', releasedText: null, passages: [], citations: [], cited: [], unsupported: [], support: null, verdicts: [], withheld: WITHHELD };
    }
    const trace = this.traces.get(row.trace_id);
    const report = (trace?.citations ?? {}) as TraceReport;
    return {
      ...item, question: row.question, heldOutput: row.held_output, releasedText: row.released_text,
      passages: this.passages(trace?.retrieved ?? []), citations: report.citations ?? [], cited: report.cited ?? [], unsupported: report.unsupported ?? [],
      support: report.support ?? null, verdicts: report.guard ?? [],
    };
  }

  decide(input: { reviewId: string; decision: 'approve' | 'edit' | 'reject'; text?: string | undefined; reason?: string | undefined }, ctx: CallContext): ReviewItem {
    const row = this.row(input.reviewId);
    if (row.status !== 'pending') throw new AppError('INVALID_INPUT', `Review ${row.id} was already ${row.status} by ${row.decided_by}; nothing to decide`, { reason: 'REVIEW_DECIDED', status: row.status });
    if (!this.access.mayReadAll(ctx, this.access.aclSetsOfTrace(row.trace_id))) {
      throw new AppError('FORBIDDEN', `You may not read every passage this answer was built from, so you cannot judge it; a reviewer who can read them must decide review ${row.id}`);
    }
    if (input.decision === 'edit' && !input.text) throw new AppError('INVALID_INPUT', 'An edit needs the text to release');
    if (input.decision !== 'approve' && !input.reason) throw new AppError('INVALID_INPUT', `${input.decision === 'edit' ? 'An edit' : 'A rejection'} needs a reason: the requester and the auditors read it`);
    if (input.decision === 'approve' && input.text) throw new AppError('INVALID_INPUT', 'Approving releases the answer as generated; to change its text, edit it (with a reason)');
    const status = ({ approve: 'approved', edit: 'edited', reject: 'rejected' } as const)[input.decision];
    const released = input.decision === 'approve' ? row.held_output : input.decision === 'edit' ? input.text! : null;
    const at = new Date().toISOString();
    // The decision and the trace's output change together: the requester never reads one without the other.
    const decided = writeTransaction(this.db, () => {
      if (!this.repo.decide(row.id, status, released, ctx.user, input.reason ?? null, at)) return false;
      this.repo.updateTraceOutput(row.trace_id, released ?? REJECTED_ANSWER);
      return true;
    });
    if (!decided) throw new AppError('INVALID_INPUT', `Review ${row.id} was decided by someone else meanwhile; reload it`, { reason: 'REVIEW_DECIDED' });
    void this.audit.queue({
      actor: ctx.user, action: `review.${status}`, target: `review:${row.id}`, input: row.held_output, output: released,
      payload: { traceId: row.trace_id, requester: row.requester, reason: input.reason ?? null },
    }).catch(() => undefined);
    this.events.emit('review.decided', { reviewId: row.id, traceId: row.trace_id, status });
    return this.item(this.row(row.id));
  }

  /** The requester's view: only they, or a reviewer, may read it. */
  result(id: string, ctx: CallContext): ReviewResult {
    const row = this.repo.get(id);
    if (!row || (row.requester !== ctx.user && !holds(ctx, 'review.decide'))) throw new AppError('NOT_FOUND', `No review ${id}`);
    return { reviewId: row.id, traceId: row.trace_id, status: row.status, text: row.released_text, reason: row.decision_reason, decidedAt: row.decided_at };
  }

  private row(id: string): ReviewRow {
    const row = this.repo.get(id);
    if (!row) throw new AppError('NOT_FOUND', `No review ${id}; see \`enclave review list\``);
    return row;
  }

  private item(row: ReviewRow): ReviewItem {
    const end = row.decided_at ? Date.parse(row.decided_at) : Date.now();
    return {
      id: row.id, kind: row.kind, traceId: row.trace_id, collectionId: row.collection_id, collection: this.repo.collectionName(row.collection_id),
      requester: row.requester, reasons: JSON.parse(row.reasons_json) as string[], status: row.status, createdAt: row.created_at,
      ageSeconds: Math.max(0, Math.round((end - Date.parse(row.created_at)) / 1000)), decidedBy: row.decided_by, decidedAt: row.decided_at, decisionReason: row.decision_reason,
    };
  }

  private passages(retrieved: Array<{ chunkId: number; score: number }>): ReviewDetail['passages'] {
    const look = this.db.prepare('SELECT c.text, d.source FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ?');
    return retrieved.map((r, i) => {
      const found = look.get(r.chunkId) as { text: string; source: string } | undefined;
      return { n: i + 1, chunkId: r.chunkId, score: r.score, source: found?.source ?? null, text: found?.text ?? null };
    });
  }
}
