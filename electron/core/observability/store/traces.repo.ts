import type { Db } from '../../../../native/sqlite/open.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import type { TraceDetail, TraceFilters, TraceRow, TraceSpan } from '../../contract/traces.api.js';
import { minuteOf, RollupBatch, type RollupKey } from '../metrics/rollup-writer.js';
import type { Attrs } from '../tracing/trace-types.js';
import { traceWhere, type TraceVisibility } from './trace-query.js';

const PREVIEW = 300;

export interface TraceDbRow {
  seq: number; id: string; operation: string; user: string; model: string; prompt: string; collection_id: string; endpoint: string;
  status: 'ok' | 'error'; error_code: string | null; started_at: number; duration_ms: number; ttft_ms: number | null; input_tokens: number;
  output_tokens: number; cost: number | null; input: string; output: string; feedback: number | null; score: number | null; acl_json: string; attrs_json: string;
}

export interface SpanDbRow {
  span_id: string; parent_id: string | null; name: string; start_ms: number; duration_ms: number; status: 'ok' | 'error'; error_code: string | null; attrs_json: string;
}

/** Reads of the trace store: lists with filters and a keyset cursor, one trace with spans and feedback, purges. */
export class TracesStore {
  constructor(private readonly db: Db) {}

  list(filters: TraceFilters, visibility: TraceVisibility, limit: number, cursor?: string): { traces: TraceRow[]; nextCursor: string | null } {
    const where = traceWhere(filters, visibility);
    const after = parseCursor(cursor);
    const sql = `SELECT * FROM traces t WHERE ${where.sql}${after ? ' AND (t.started_at < ? OR (t.started_at = ? AND t.seq < ?))' : ''}
      ORDER BY t.started_at DESC, t.seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...where.params, ...(after ? [after.startedAt, after.startedAt, after.seq] : []), limit + 1) as TraceDbRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { traces: page.map((r) => toRow(r, PREVIEW)), nextCursor: rows.length > limit && last ? `${last.started_at}:${last.seq}` : null };
  }

  /** Full rows for an export, oldest first. */
  rows(filters: TraceFilters, visibility: TraceVisibility, limit: number): TraceDbRow[] {
    const where = traceWhere(filters, visibility);
    return this.db.prepare(`SELECT * FROM (SELECT * FROM traces t WHERE ${where.sql} ORDER BY t.started_at DESC LIMIT ?) ORDER BY started_at`).all(...where.params, limit) as TraceDbRow[];
  }

  row(id: string): TraceDbRow | undefined {
    return this.db.prepare('SELECT * FROM traces WHERE id = ?').get(id) as TraceDbRow | undefined;
  }

  spans(seq: number): SpanDbRow[] {
    return treeOrder(this.db.prepare('SELECT * FROM trace_spans WHERE trace_seq = ? ORDER BY start_ms').all(seq) as SpanDbRow[]);
  }

  detail(row: TraceDbRow): TraceDetail {
    const feedback = this.db.prepare('SELECT user, rating, comment, correction, created_at FROM trace_feedback WHERE trace_id = ? ORDER BY id').all(row.id) as Array<{
      user: string; rating: number; comment: string | null; correction: string | null; created_at: number;
    }>;
    return {
      ...toRow(row),
      attributes: JSON.parse(row.attrs_json) as Attrs,
      spans: this.spans(row.seq).map((s) => toSpan(s, row.started_at)),
      feedbackEntries: feedback.map((f) => ({ user: f.user, rating: f.rating > 0 ? 'up' : 'down', comment: f.comment, correction: f.correction, createdAt: new Date(f.created_at).toISOString() })),
    };
  }

  /** Records a rating: the trace shows the latest, the rollup of the trace's minute counts every one. */
  addFeedback(row: TraceDbRow, user: string, rating: 1 | -1, comment: string | null, correction: string | null): { up: number; down: number } {
    return writeTransaction(this.db, () => {
      this.db.prepare('INSERT INTO trace_feedback (trace_id, user, rating, comment, correction, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(row.id, user, rating, comment, correction, Date.now());
      this.db.prepare('UPDATE traces SET feedback = ? WHERE seq = ?').run(rating, row.seq);
      const batch = new RollupBatch();
      batch.each(rollupKeyOf(row), (delta) => {
        if (rating > 0) delta.feedbackUp += 1;
        else delta.feedbackDown += 1;
      });
      batch.write(this.db);
      return this.db.prepare('SELECT COALESCE(SUM(rating = 1), 0) AS up, COALESCE(SUM(rating = -1), 0) AS down FROM trace_feedback WHERE trace_id = ?').get(row.id) as { up: number; down: number };
    });
  }

  /** A judge's score (1–5) joins the trace and its minute's rollup. */
  addScore(row: TraceDbRow, score: number): void {
    writeTransaction(this.db, () => {
      this.db.prepare('UPDATE traces SET score = ? WHERE seq = ?').run(score, row.seq);
      const batch = new RollupBatch();
      batch.each(rollupKeyOf(row), (delta) => {
        delta.judgeSum += score;
        delta.judgeCount += 1;
      });
      batch.write(this.db);
    });
  }

  /** Deletes traces started before `beforeMs` with their spans, access sets, full text and feedback, in slices. */
  purge(beforeMs: number): number {
    let deleted = 0;
    for (;;) {
      // Slices keep each write short, so requests writing traces meanwhile are not held up by one huge delete.
      const n = writeTransaction(this.db, () => {
        const ids = this.db.prepare('SELECT seq, id FROM traces WHERE started_at < ? LIMIT 2000').all(beforeMs) as Array<{ seq: number; id: string }>;
        const dropFeedback = this.db.prepare('DELETE FROM trace_feedback WHERE trace_id = ?');
        const drop = this.db.prepare('DELETE FROM traces WHERE seq = ?');
        for (const { seq, id } of ids) {
          dropFeedback.run(id);
          drop.run(seq);
        }
        return ids.length;
      });
      deleted += n;
      if (n < 2000) return deleted;
    }
  }
}

export function rollupKeyOf(row: TraceDbRow): RollupKey {
  return { minute: minuteOf(row.started_at), operation: row.operation, model: row.model, prompt: row.prompt, collectionId: row.collection_id, user: row.user, endpoint: row.endpoint };
}

export function toRow(r: TraceDbRow, preview?: number): TraceRow {
  const cut = (text: string): string => (preview !== undefined && text.length > preview ? `${text.slice(0, preview)}…` : text);
  return {
    id: r.id, operation: r.operation, user: r.user, model: r.model, prompt: r.prompt, collectionId: r.collection_id, endpoint: r.endpoint,
    status: r.status, errorCode: r.error_code, startedAt: new Date(r.started_at).toISOString(), durationMs: r.duration_ms, ttftMs: r.ttft_ms,
    inputTokens: r.input_tokens, outputTokens: r.output_tokens, cost: r.cost, input: cut(r.input), output: cut(r.output), feedback: r.feedback, score: r.score,
  };
}

function toSpan(s: SpanDbRow, traceStart: number): TraceSpan {
  return {
    spanId: s.span_id, parentId: s.parent_id, name: s.name, startedAt: new Date(s.start_ms).toISOString(), offsetMs: Math.max(0, Math.round((s.start_ms - traceStart) * 100) / 100),
    durationMs: s.duration_ms, status: s.status, errorCode: s.error_code, attributes: JSON.parse(s.attrs_json) as Attrs,
  };
}

/** Parents before their children, siblings by start: the order a waterfall reads. */
function treeOrder(spans: SpanDbRow[]): SpanDbRow[] {
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map<string | null, SpanDbRow[]>();
  for (const span of spans) {
    const parent = span.parent_id !== null && ids.has(span.parent_id) ? span.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const ordered: SpanDbRow[] = [];
  const visit = (parent: string | null): void => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.start_ms - b.start_ms)) {
      ordered.push(span);
      visit(span.span_id);
    }
  };
  visit(null);
  return ordered;
}

function parseCursor(cursor: string | undefined): { startedAt: number; seq: number } | null {
  const match = cursor ? /^(\d+):(\d+)$/.exec(cursor) : null;
  return match ? { startedAt: Number(match[1]), seq: Number(match[2]) } : null;
}
