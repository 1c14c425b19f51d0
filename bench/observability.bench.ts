// Observability at scale: 1M synthetic traces (30 days, 5 models, 20 users, 4 operations, 2–3 spans each) written
// through the real batch writer (traces, spans, full text, rollups), then the Dashboard's and the Traces screen's
// queries timed. Reference in the same run: the same 24 h percentiles computed from the raw traces table.
// `node --import tsx bench/observability.bench.ts [count]` runs it alone.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../native/sqlite/open.js';
import { writeTransaction } from '../native/sqlite/write-transaction.js';
import { monitorSummary } from '../electron/core/observability/metrics/monitor-summary.js';
import { TracesStore } from '../electron/core/observability/store/traces.repo.js';
import { writeTraces } from '../electron/core/observability/store/trace-writer.js';
import { summarize } from '../electron/core/observability/store/trace-summary.js';
import { addToHistogram, minuteOf, RollupBatch } from '../electron/core/observability/metrics/rollup-writer.js';
import type { TraceRecord } from '../electron/core/observability/tracing/trace-types.js';

const DAY = 86_400_000;
const WRITER_SAMPLE = 20_000;
const BULK = 100_000;
const BATCH = 500;
const MODELS = ['llama-3.2-3b', 'qwen2.5-7b', 'mistral-7b', 'phi-3.5-mini', 'gemma-2-9b'];
const OPERATIONS = ['chat', 'rag.ask', 'retrieval', 'prompts.run'];
const WORDS = 'invoice contract refund policy pump inspection merger audit payroll vendor shipment warranty claim budget forecast'.split(' ');

/** A deterministic pseudo-random stream, so every run writes the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function synthetic(i: number, now: number, count: number, random: () => number): TraceRecord {
  const start = now - 30 * DAY + (i / count) * 30 * DAY;
  const model = MODELS[i % MODELS.length]!;
  const operation = OPERATIONS[i % OPERATIONS.length]!;
  const latency = 80 + random() ** 3 * 6000;
  const ttft = 20 + random() * 300;
  const failed = random() < 0.02;
  const words = Array.from({ length: 8 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const root = { spanId: `r${i}`, parentId: null, name: operation, startMs: start, durationMs: latency, status: failed ? 'error' as const : 'ok' as const, errorCode: failed ? 'INFERENCE_FAILED' : null, attrs: {} };
  const generation = {
    spanId: `g${i}`, parentId: `r${i}`, name: `chat ${model}`, startMs: start + 5, durationMs: latency - 10, status: 'ok' as const, errorCode: null,
    attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model, 'gen_ai.usage.input_tokens': 200 + (i % 300), 'gen_ai.usage.output_tokens': 50 + (i % 150), 'enclave.ttft_ms': ttft },
  };
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, operation, user: `user${i % 20}`, startMs: start, durationMs: latency,
    status: root.status, errorCode: root.errorCode, input: `What does the ${words}?`, output: `The ${words} says yes.`, acl: [], attrs: { 'enclave.endpoint': 'http:rag.ask' },
    spans: [root, generation],
  };
}

function time<T>(work: () => T, repeat = 5): { ms: number; value: T } {
  let value = work();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, value };
}

export async function benchObservability(count = 1_000_000): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enclave-obs-bench-'));
  try {
    const { db } = openDatabase(path.join(dir, 'enclave.db'));
    const now = Date.now();
    const random = rng(7);
    // 1. The real write path (batch writer: traces, spans, access sets, full text, rollups) on a sample.
    const sample = Math.min(WRITER_SAMPLE, count);
    const started = performance.now();
    for (let i = 0; i < sample; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, sample - i) }, (_, j) => synthetic(i + j, now, count, random));
      writeTransaction(db, () => writeTraces(db, batch));
    }
    const writeSeconds = (performance.now() - started) / 1000;
    // 2. The rest in bulk (trace rows with their full text, rollups aggregated per 100k): the queries need the
    // volume, not the per-request batching measured above.
    const insert = db.prepare(`INSERT INTO traces (id, operation, user, model, status, error_code, started_at, duration_ms, ttft_ms, input_tokens, output_tokens, input, output)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const bulkStarted = performance.now();
    for (let i = sample; i < count; i += BULK) {
      const rollups = new RollupBatch();
      writeTransaction(db, () => {
        for (let j = i; j < Math.min(count, i + BULK); j++) {
          const t = synthetic(j, now, count, random);
          const s = summarize(t);
          insert.run(t.id, t.operation, t.user, s.model, t.status, t.errorCode, Math.round(t.startMs), t.durationMs, s.ttftMs, s.inputTokens, s.outputTokens, t.input, t.output);
          rollups.each({ minute: minuteOf(t.startMs), operation: t.operation, model: s.model, prompt: '', collectionId: '', user: t.user, endpoint: s.endpoint }, (d) => {
            d.requests += 1;
            if (t.status === 'error') { d.errors += 1; d.errorCodes.INFERENCE_FAILED = (d.errorCodes.INFERENCE_FAILED ?? 0) + 1; }
            addToHistogram(d.latency, t.durationMs);
            if (s.ttftMs !== null) addToHistogram(d.ttft, s.ttftMs);
            d.inputTokens += s.inputTokens;
            d.outputTokens += s.outputTokens;
            d.generationMs += s.generationMs;
          });
        }
        rollups.write(db);
      });
      process.stderr.write(`  ${Math.min(count, i + BULK)} traces, ${((performance.now() - bulkStarted) / 1000).toFixed(0)} s\n`);
    }
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    const rollupRows = (db.prepare('SELECT COUNT(*) AS n FROM metric_rollups').get() as { n: number }).n;
    const sizeMb = statSync(path.join(dir, 'enclave.db')).size / 1e6 + (statSync(path.join(dir, 'enclave.db-wal'), { throwIfNoEntry: false })?.size ?? 0) / 1e6;

    const summary = (range: number, groupBy?: 'model') => time(() => monitorSummary(db, { fromMs: now - range, toMs: now, points: 120, groupBy, filters: {} }));
    const rows: Array<[string, number, string]> = [];
    for (const [label, range] of [['1 h', 3_600_000], ['24 h', DAY], ['7 d', 7 * DAY], ['30 d', 30 * DAY]] as const) {
      const r = summary(range, 'model');
      rows.push([`monitor.summary ${label}, by model`, r.ms, `${r.value.totals.requests} requests, p95 ${r.value.totals.latencyMs.p95} ms`]);
    }
    const store = new TracesStore(db);
    const all = { user: null, readableAclSets: [] };
    const list = (filters: object) => time(() => store.list({ from: '30d', ...filters }, all, 100));
    rows.push(['traces.list first page (100)', list({}).ms, '']);
    rows.push(['traces.list model + status=error', list({ model: 'qwen2.5-7b', status: 'error' }).ms, '']);
    rows.push(['traces.list full text "refund warranty"', list({ text: 'refund warranty' }).ms, '']);
    rows.push(['traces.list min latency 5 s', list({ minLatencyMs: 5000 }).ms, '']);
    rows.push(['traces.list one user', list({ user: 'user7' }).ms, '']);
    // Reference: the same 24 h and 30 d summaries (totals, per-model, a 120-point series of p95) from the raw traces.
    const rawSummary = (range: number) => time(() => {
      const rowsIn = db.prepare('SELECT started_at, duration_ms, model, status FROM traces WHERE started_at >= ?').all(now - range) as Array<{ started_at: number; duration_ms: number; model: string; status: string }>;
      const bucket = range / 120;
      const series = new Map<number, number[]>();
      const byModel = new Map<string, number[]>();
      for (const r of rowsIn) {
        const b = Math.floor((r.started_at - (now - range)) / bucket);
        (series.get(b) ?? series.set(b, []).get(b)!).push(r.duration_ms);
        (byModel.get(r.model) ?? byModel.set(r.model, []).get(r.model)!).push(r.duration_ms);
      }
      const p95 = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length * 0.95)];
      for (const v of series.values()) p95(v);
      for (const v of byModel.values()) p95(v);
      return p95(rowsIn.map((r) => r.duration_ms));
    }, 2);
    const raw24 = rawSummary(DAY);
    const raw30 = rawSummary(30 * DAY);
    rows.push(['reference: same 24 h summary from raw traces', raw24.ms, `p95 ${Math.round(raw24.value ?? 0)} ms (exact)`]);
    rows.push(['reference: same 30 d summary from raw traces', raw30.ms, `p95 ${Math.round(raw30.value ?? 0)} ms (exact)`]);
    db.close();
    return [
      `Batch writer: ${sample.toLocaleString('en')} traces (2 spans each) in ${writeSeconds.toFixed(1)} s = ${Math.round(sample / writeSeconds).toLocaleString('en')} traces/s ` +
        `(batches of ${BATCH}, full text and rollups included). Bulk load to ${count.toLocaleString('en')} traces: ${bulkSeconds.toFixed(0)} s. ` +
        `${rollupRows.toLocaleString('en')} rollup rows; database ${sizeMb.toFixed(0)} MB.`,
      '',
      '| query | median ms | note |',
      '|---|---:|---|',
      ...rows.map(([name, ms, note]) => `| ${name} | ${ms.toFixed(1)} | ${note} |`),
      '',
      `Rollups vs raw traces: 24 h ${(raw24.ms / rows[1]![1]).toFixed(1)}× faster, 30 d ${(raw30.ms / rows[3]![1]).toFixed(1)}× faster.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchObservability(Number(process.argv[2] ?? 1_000_000)));
}
