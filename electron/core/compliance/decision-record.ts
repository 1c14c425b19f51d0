import type { Db } from '../../../native/sqlite/open.js';
import type { AuditService } from '../audit/audit.service.js';
import { holds } from '../auth/permissions.js';
import type { DecisionRecord } from '../contract/compliance.api.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import { ContentAccess, WITHHELD } from '../rag/content-access.js';
import { TracesRepo } from '../rag/answer/traces.repo.js';
import { ReviewRepo } from '../review/review.repo.js';

type TraceReport = {
  citations?: Array<{ n: number; source: string; chunkId: number }>;
  unsupported?: DecisionRecord['unsupported'];
  guard?: DecisionRecord['guardVerdicts'];
  support?: DecisionRecord['support'];
  outcome?: string;
  model?: string;
  promptVersion?: string | null;
};

/** How far around an answer audit entries are gathered (the ask's own entries are written as its job ends). */
const AUDIT_WINDOW_MS = 10 * 60_000;

/**
 * A decision record: everything behind one answer in one JSON document — question, user, prompt version and model,
 * passages with scores, citations and their support, guard verdicts, reviewer decisions, the trace's spans and the
 * audit entries. Only the requester, reviewers and auditors may export it; passage text, the answer and anything
 * quoting a passage are left out for a caller who may not read every passage now.
 */
export class DecisionRecords {
  private readonly traces: TracesRepo;
  private readonly reviews: ReviewRepo;
  private readonly access: ContentAccess;

  constructor(private readonly db: Db, private readonly audit: Pick<AuditService, 'list' | 'flush'>) {
    this.traces = new TracesRepo(db);
    this.reviews = new ReviewRepo(db);
    this.access = new ContentAccess(db);
  }

  record(traceId: string, ctx: CallContext): DecisionRecord {
    const trace = this.traces.get(traceId);
    const allowed = trace && (trace.user === ctx.user || holds(ctx, 'review.decide') || holds(ctx, 'audit.read') || holds(ctx, 'users.manage'));
    if (!trace || !allowed) throw new AppError('NOT_FOUND', `No answer trace ${traceId} that you may read`);
    const report = (trace.citations ?? {}) as TraceReport;
    const readable = this.access.mayReadAll(ctx, this.access.aclSetsOfTrace(trace.id));
    const model = this.model(report.model ?? null);
    const reviews = this.reviews.byTrace(trace.id).map((r) => ({
      id: r.id, status: r.status, reasons: JSON.parse(r.reasons_json) as string[], decidedBy: r.decided_by, decidedAt: r.decided_at, reason: r.decision_reason,
    }));
    const passages = trace.retrieved.map((r, i) => ({ n: i + 1, chunkId: r.chunkId, score: r.score, ...this.passage(r.chunkId, readable) }));
    return {
      kind: 'enclave.decision-record', version: 1, generatedAt: new Date().toISOString(), generatedBy: ctx.user,
      traceId: trace.id, askedAt: trace.createdAt, user: trace.user,
      collection: { id: trace.collectionId, name: this.reviews.collectionName(trace.collectionId) },
      question: trace.query,
      answer: readable ? trace.output : null,
      outcome: report.outcome ?? null,
      model, promptVersion: report.promptVersion ?? null,
      passages,
      citations: (report.citations ?? []).map((c) => ({ n: c.n, source: c.source, chunkId: c.chunkId })),
      support: report.support ?? null,
      unsupported: readable ? report.unsupported ?? [] : [],
      guardVerdicts: (report.guard ?? []).map((v) => ({ stage: v.stage, scanner: v.scanner, outcome: v.outcome, score: v.score, reasons: v.reasons })),
      reviews,
      spans: this.spans(trace.id),
      auditEntries: holds(ctx, 'audit.read') ? this.auditEntries(trace.user, trace.createdAt, reviews.map((r) => r.id)) : null,
      ...(readable ? {} : { withheld: WITHHELD }),
    };
  }

  private model(id: string | null): DecisionRecord['model'] {
    if (!id) return { id: null, name: null, sha256: null };
    const row = this.db.prepare('SELECT id, name, sha256 FROM models WHERE id = ?').get(id) as { id: string; name: string; sha256: string } | undefined;
    return row ? { id: row.id, name: row.name, sha256: row.sha256 } : { id, name: null, sha256: null };
  }

  private passage(chunkId: number, readable: boolean): { source: string | null; text: string | null } {
    const row = this.db.prepare('SELECT c.text, d.source FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ?').get(chunkId) as { text: string; source: string } | undefined;
    return { source: row?.source ?? null, text: readable ? row?.text ?? null : null };
  }

  /** The observability store's spans for this trace (same id as the RAG trace), when that store exists. */
  private spans(traceId: string): DecisionRecord['spans'] {
    const hasStore = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trace_spans'").get() !== undefined;
    if (!hasStore) return [];
    const rows = this.db.prepare('SELECT s.name, s.start_ms, s.duration_ms, s.status FROM trace_spans s JOIN traces t ON t.seq = s.trace_seq WHERE t.id = ? ORDER BY s.start_ms')
      .all(traceId) as Array<{ name: string; start_ms: number; duration_ms: number; status: string }>;
    return rows.map((r) => ({ name: r.name, startMs: r.start_ms, durationMs: r.duration_ms, status: r.status }));
  }

  /** Entries of the requester's ask (around its time) and every review decision about it. */
  private auditEntries(user: string, askedAt: string, reviewIds: string[]): NonNullable<DecisionRecord['auditEntries']> {
    // Entries queued in this turn of the event loop (the decision just made, the ask's end) are written first.
    this.audit.flush();
    const at = Date.parse(askedAt);
    const targets = new Set(reviewIds.map((id) => `review:${id}`));
    const near = this.audit.list({ since: new Date(at - AUDIT_WINDOW_MS).toISOString(), until: new Date(at + AUDIT_WINDOW_MS).toISOString(), limit: 1000 })
      .filter((e) => e.actor === user && (e.action.startsWith('rag.ask') || e.action === 'guard.blocked'));
    const decisions = reviewIds.length === 0 ? [] : this.audit.list({ since: new Date(at - AUDIT_WINDOW_MS).toISOString(), limit: 1000 }).filter((e) => targets.has(e.target));
    const seen = new Set<number>();
    return [...near, ...decisions]
      .filter((e) => !seen.has(e.seq) && seen.add(e.seq))
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({ seq: e.seq, time: e.time, actor: e.actor, action: e.action, target: e.target, outcome: e.outcome }));
  }
}
