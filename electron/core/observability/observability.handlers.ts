import type { HandlersFor } from '../services/core-services.js';
import type { CoreServices } from '../services/core-services.js';
import { appVersion } from '../services/version.js';
import { monitorSummary } from './metrics/monitor-summary.js';
import type { ObservabilityService } from './observability.service.js';
import { AppError } from '../contract/errors.js';
import { AlertMonitor } from './alerts/alert-monitor.js';
import { OnlineEvaluator } from './online/online-evaluator.js';
import { reviewService } from '../review/review.handlers.js';
import { SiemForwarder } from './siem/siem-forwarder.js';
import { DriftSchedule } from './drift/drift-schedule.js';
import { installEgressGuard } from '../../../native/net/egress-guard.js';
import { randomUUID } from 'node:crypto';
import { checkDrift, outputStats } from './drift/drift-check.js';
import { trafficSample, type TrafficSample } from './drift/drift-sources.js';
import { addTraceToDataset } from './feedback/trace-to-dataset.js';
import { otlpDocument } from './store/otlp-export.js';
import { parseTimeRef } from './store/time-ref.js';

type ObservabilityMethod = 'drift.check' | 'monitor.online.get' | 'monitor.online.set' | 'monitor.siem.get' | 'monitor.siem.set' | 'monitor.siem.test' | 'drift.schedule.get' | 'drift.schedule.set' | 'drift.schedule.run' | 'monitor.alerts.get' | 'monitor.alerts.set' | 'monitor.alerts.evaluate' | 'traces.list' | 'traces.get' | 'traces.export' | 'traces.feedback' | 'traces.toDataset' | 'traces.retention.get' | 'traces.retention.set' | 'traces.purge' | 'monitor.summary';

export function createObservabilityHandlers(s: CoreServices, o: ObservabilityService): HandlersFor<ObservabilityMethod> {
  const alerts = new AlertMonitor(o.db, o.settings, s.audit, s.events, s.log);
  if (s.background) alerts.start();
  s.onClose(() => alerts.stop());
  const online = new OnlineEvaluator(o.settings, o.store, s.inference, s.log);
  o.writer.onWritten((batch) => online.offer(batch));
  // Issue 14: a RAG answer (the kind a review policy may hold) judged below `reviewBelow` goes to post-release review.
  online.onScore((trace, score, config) => {
    if (config.reviewBelow === null || score >= config.reviewBelow || trace.operation !== 'rag.ask') return;
    const collection = trace.attrs['enclave.collection.id'];
    reviewService(s).flagAfterRelease({ traceId: trace.id, collectionId: typeof collection === 'string' ? collection : null, requester: trace.user,
      question: trace.input, heldOutput: trace.output, score, threshold: config.reviewBelow });
  });
  s.onClose(() => online.close());
  // Owner key per core: two cores in one process (tests) each admit and revoke only their own SIEM.
  const siem = new SiemForwarder(o.settings, s.events, installEgressGuard(), `siem:${randomUUID()}`, s.log);
  s.onClose(() => siem.close());
  const driftSchedule = new DriftSchedule(o.db, o.settings, s.log);
  if (s.background) driftSchedule.start();
  s.onClose(() => driftSchedule.stop());
  return {
    'monitor.online.get': () => online.config(),
    'monitor.online.set': (config, ctx) => online.setConfig(config, ctx.user),
    'monitor.siem.get': () => siem.config(),
    'monitor.siem.set': (config, ctx) => siem.setConfig(config, ctx.user),
    'monitor.siem.test': () => siem.test(),
    'drift.schedule.get': () => ({ config: driftSchedule.config(), last: driftSchedule.last() }),
    'drift.schedule.set': (config, ctx) => driftSchedule.setConfig(config, ctx.user),
    'drift.schedule.run': (_input, ctx) => {
      o.writer.flush();
      return driftSchedule.run(ctx.user);
    },
    'monitor.alerts.get': () => ({ rules: alerts.rules() }),
    'monitor.alerts.set': ({ rules }, ctx) => ({ rules: alerts.setRules(rules, ctx.user) }),
    'monitor.alerts.evaluate': async () => {
      o.writer.flush();
      return { fired: await alerts.evaluate() };
    },
    'drift.check': async ({ baseline, current, threshold, k, embeddingModel, operation, sample }, ctx) => {
      o.writer.flush();
      const side = (source: typeof baseline): TrafficSample =>
        'window' in source ? trafficSample(o.db, source.window, o.visibility(ctx), sample, operation) : { inputs: source.texts, rows: [] };
      const a = side(baseline);
      const b = side(current);
      if (a.inputs.length < 2 || b.inputs.length < 2) {
        throw new AppError('INVALID_INPUT', `Too few inputs to compare (baseline ${a.inputs.length}, current ${b.inputs.length}): widen the windows or give more lines`);
      }
      const embeddings = embeddingModel ? await embedAll(s, embeddingModel, [...a.inputs, ...b.inputs]) : undefined;
      const report = checkDrift(a.inputs, b.inputs, { threshold, k, ...(embeddings ? { embeddings } : {}) });
      const traffic = 'window' in baseline && 'window' in current;
      return { ...report, outputs: traffic ? { baseline: outputStats(a.rows), current: outputStats(b.rows) } : null };
    },
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

/** Embeddings of every input with an approved embedding model, in batches the host takes at once. */
async function embedAll(s: CoreServices, model: string, texts: string[]): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += 64) vectors.push(...(await s.inference.embed(model, texts.slice(i, i + 64).map((t) => t.slice(0, 2000)), 'production')).vectors);
  return vectors;
}
