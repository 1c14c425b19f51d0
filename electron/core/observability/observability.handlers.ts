import type { HandlersFor } from '../services/core-services.js';
import type { CoreServices } from '../services/core-services.js';
import { appVersion } from '../services/version.js';
import { monitorSummary } from './metrics/monitor-summary.js';
import type { ObservabilityService } from './observability.service.js';
import { addTraceToDataset } from './feedback/trace-to-dataset.js';
import { otlpDocument } from './store/otlp-export.js';
import { parseTimeRef } from './store/time-ref.js';

type ObservabilityMethod = 'traces.list' | 'traces.get' | 'traces.export' | 'traces.feedback' | 'traces.toDataset' | 'traces.retention.get' | 'traces.retention.set' | 'traces.purge' | 'monitor.summary';

export function createObservabilityHandlers(_s: CoreServices, o: ObservabilityService): HandlersFor<ObservabilityMethod> {
  return {
    'traces.list': ({ limit, cursor, ...filters }, ctx) => {
      // Read-your-writes: traces still waiting for their batch are written before the list is read.
      o.writer.flush();
      return o.store.list(filters, o.visibility(ctx), limit, cursor);
    },
    'traces.get': ({ traceId }, ctx) => o.store.detail(o.readable(traceId, ctx)),
    'traces.export': ({ format: _format, limit, ...filters }, ctx) => {
      o.writer.flush();
      const rows = o.store.rows(filters, o.visibility(ctx), limit);
      return { count: rows.length, document: otlpDocument(rows.map((row) => ({ row, spans: o.store.spans(row.seq) })), appVersion()) };
    },
    'traces.feedback': ({ traceId, rating, comment, correction }, ctx) => {
      const row = o.readable(traceId, ctx);
      const counts = o.store.addFeedback(row, ctx.user, rating === 'up' ? 1 : -1, comment ?? null, correction ?? null);
      return { traceId, rating, ...counts };
    },
    'traces.toDataset': ({ traceId, dataset, note }, ctx) => addTraceToDataset(o.db, o.readable(traceId, ctx), dataset, ctx.user, note),
    'traces.retention.get': () => ({ days: o.settings.retentionDays(), purgedAt: o.settings.purgedAt() }),
    'traces.retention.set': ({ days }, ctx) => {
      o.settings.set('retention.days', days, ctx.user);
      return { days, purgedAt: o.settings.purgedAt() };
    },
    'traces.purge': ({ olderThanDays }, ctx) => o.purge(ctx.user, olderThanDays),
    'monitor.summary': ({ since, until, groupBy, filters, points }) => {
      o.writer.flush();
      const toMs = until ? parseTimeRef(until) : Date.now();
      const fromMs = parseTimeRef(since, toMs);
      const summary = monitorSummary(o.db, { fromMs, toMs, points, groupBy, filters });
      return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), ...summary };
    },
  };
}
