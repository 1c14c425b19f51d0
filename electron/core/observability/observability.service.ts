import type { Db } from '../../../native/sqlite/open.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import { holds } from '../auth/permissions.js';
import { AccessSets } from '../rag/access.js';
import { ObservabilitySettings } from './store/observability-settings.js';
import { TracesStore, type TraceDbRow } from './store/traces.repo.js';
import type { TraceVisibility } from './store/trace-query.js';
import { TraceWriter } from './store/trace-writer.js';
import { Tracer } from './tracing/tracer.js';

const DAY_MS = 86_400_000;
/** How often background shells look whether the daily purge is due. */
const RETENTION_CHECK_MS = 60 * 60_000;

/** The trace store, its batching writer and tracer, who may see which trace, and retention. */
export class ObservabilityService {
  readonly writer: TraceWriter;
  readonly tracer: Tracer;
  readonly store: TracesStore;
  readonly settings: ObservabilitySettings;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly db: Db, private readonly log: (message: string) => void) {
    this.writer = new TraceWriter(db, log);
    this.tracer = new Tracer((trace) => this.writer.enqueue(trace));
    this.store = new TracesStore(db);
    this.settings = new ObservabilitySettings(db);
  }

  /** Their own traces, or everyone's with `monitor.read`; always only traces whose quoted passages they may read. */
  visibility(ctx: CallContext): TraceVisibility {
    return { user: holds(ctx, 'monitor.read') ? null : ctx.user, readableAclSets: new AccessSets(this.db).readableBy(ctx) };
  }

  /** The trace if the caller may read it; otherwise the same answer as for a trace that does not exist. */
  readable(traceId: string, ctx: CallContext): TraceDbRow {
    this.writer.flush();
    const row = this.store.row(traceId);
    const visibility = this.visibility(ctx);
    const readable = new Set(visibility.readableAclSets);
    const allowed = row && (visibility.user === null || row.user === visibility.user) && (JSON.parse(row.acl_json) as number[]).every((id) => readable.has(id));
    if (!row || !allowed) throw new AppError('NOT_FOUND', `No trace "${traceId}" that you may read: list yours with \`enclave traces list\``, { traceId });
    return row;
  }

  /** Deletes traces older than the retention period (or `olderThanDays`). */
  purge(by: string, olderThanDays?: number): { deleted: number; before: string } {
    this.writer.flush();
    const days = olderThanDays ?? this.settings.retentionDays();
    const before = Date.now() - days * DAY_MS;
    const deleted = this.store.purge(before);
    this.settings.markPurged(by);
    if (deleted > 0) this.log(`[observability] retention: ${deleted} traces older than ${days} days deleted`);
    return { deleted, before: new Date(before).toISOString() };
  }

  /** Background shells purge once a day on their own (the CLI purges only when asked). */
  startSchedules(): void {
    const tick = (): void => {
      try {
        const last = this.settings.purgedAt();
        if (last === null || Date.now() - Date.parse(last) >= DAY_MS) this.purge('system');
      } catch (error) {
        this.log(`[observability] retention purge failed: ${(error as Error).message}`);
      }
    };
    this.timer = setInterval(tick, RETENTION_CHECK_MS);
    this.timer.unref();
    setImmediate(tick);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.writer.close();
  }
}
