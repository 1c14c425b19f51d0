import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import type { TraceDetail, TraceRow } from '../../electron/core/contract/traces.api.js';
import type { Output } from '../../electron/core/contract/api.js';
import { localContext, type CallContext } from '../../electron/core/contract/context.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { models, tempDir } from '../helpers/fixtures.js';

type List = { traces: TraceRow[]; nextCursor: string | null };

// Real core, real SQLite file, real model (stories260K): every call leaves a trace with its spans, the access lists of
// what it quoted apply, and the rollups answer the dashboard.
describe('traces of every model and retrieval call', () => {
  const temp = tempDir();
  const docs = path.join(temp.dir, 'docs');
  const secret = path.join(temp.dir, 'secret');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const alice: CallContext = as('alice');
  const viewer: CallContext = { ...localContext('test', 'vera'), roles: ['viewer'] };

  beforeAll(async () => {
    mkdirSync(docs, { recursive: true });
    mkdirSync(secret, { recursive: true });
    writeFileSync(path.join(docs, 'pump.md'), '# Pump\n\nThe coolant pump is inspected by a certified engineer every ninety days.\n');
    writeFileSync(path.join(secret, 'merger.md'), '# Merger\n\nProject Heron is the codename of the planned merger with Northwind, closing in March.\n');
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true });
    await api.call('rag.collections.create', { name: 'manuals', settings: { answer: { model: 'stories', maxTokens: 12 } } });
    await api.job('rag.ingest', { collection: 'manuals', paths: [docs, secret], acl: ['public'] });
    await api.call('rag.collections.create', { name: 'board', settings: { answer: { model: 'stories', maxTokens: 12 } } });
    await api.job('rag.ingest', { collection: 'board', paths: [secret], acl: ['user:alice'] });
  }, 120_000);
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a Playground generation is a trace with one generation span in GenAI attribute names', async () => {
    const result = await api.job<{ text: string; completionTokens: number; promptTokens: number }>('inference.generate', { model: 'stories', prompt: 'Once upon a time', maxTokens: 8, temperature: 0, seed: 1 });
    const { traces } = await api.call<List>('traces.list', { operation: 'text_completion' });
    expect(traces).toHaveLength(1);
    const row = traces[0]!;
    expect(row).toMatchObject({ model: 'stories', user: 'local', status: 'ok', inputTokens: result.promptTokens, outputTokens: result.completionTokens, input: 'Once upon a time' });
    expect(row.ttftMs).toBeGreaterThan(0);
    expect(row.output).toBe(result.text);
    const detail = await api.call<TraceDetail>('traces.get', { traceId: row.id });
    // The generation span first; the gateway's attempts (endpoint, model, outcome) are its children.
    expect(detail.spans[0]!.name).toBe('text_completion stories');
    expect(detail.spans.slice(1).every((s) => s.parentId === detail.spans[0]!.spanId && s.name.startsWith('attempt '))).toBe(true);
    expect(detail.spans[0]!.attributes).toMatchObject({
      'gen_ai.operation.name': 'text_completion', 'gen_ai.request.model': 'stories', 'gen_ai.usage.input_tokens': result.promptTokens,
      'gen_ai.usage.output_tokens': result.completionTokens, 'gen_ai.request.max_tokens': 8,
    });
    expect(detail.attributes['enclave.endpoint']).toBe('test:inference.generate');
  });

  test('a RAG ask is one trace under its answer id: guard, retrieval, generation, output guard and citation check spans', async () => {
    const result = await api.job<AskResult>('rag.ask', { collection: 'manuals', question: 'How often is the coolant pump inspected?' });
    const detail = await api.call<TraceDetail>('traces.get', { traceId: result.traceId });
    expect(detail).toMatchObject({ operation: 'rag.ask', input: 'How often is the coolant pump inspected?', output: result.answer, model: 'stories' });
    const names = detail.spans.map((s) => s.name);
    expect(names[0]).toBe('rag.ask');
    for (const name of ['guard.input', 'retrieval', 'guard.context', 'chat stories', 'citation.check']) expect(names).toContain(name);
    const root = detail.spans.find((s) => s.parentId === null)!;
    expect(detail.spans.filter((s) => s.parentId === null)).toHaveLength(1);
    expect(detail.spans.filter((s) => s.name !== 'rag.ask').every((s) => s.parentId === root.spanId || detail.spans.some((p) => p.spanId === s.parentId))).toBe(true);
    expect(detail.spans.find((s) => s.name === 'retrieval')!.attributes['enclave.retrieval.hits']).toBeGreaterThan(0);
    expect(detail.inputTokens).toBe(result.promptTokens);
    // The RAG trace API still answers for the same id.
    expect((await api.call<{ id: string }>('rag.traces.get', { traceId: result.traceId })).id).toBe(result.traceId);
  }, 120_000);

  test('each search is a trace; full-text search finds traces by their input', async () => {
    for (const query of ['coolant pump', 'certified engineer']) await api.call('rag.search', { collection: 'manuals', query });
    const searches = await api.call<List>('traces.list', { operation: 'retrieval' });
    expect(searches.traces.map((t) => t.input).sort()).toEqual(['certified engineer', 'coolant pump']);
    const found = await api.call<List>('traces.list', { text: 'engineer' });
    expect(found.traces.map((t) => t.input)).toContain('certified engineer');
    expect(found.traces.every((t) => /engineer/i.test(t.input + t.output))).toBe(true);
  });

  test('a trace that quoted restricted passages is seen only by those who may read them', async () => {
    const asked = await api.job<AskResult>('rag.ask', { collection: 'board', question: 'What is Project Heron?' }, alice);
    expect((await api.call<List>('traces.list', { operation: 'rag.ask' }, alice)).traces.map((t) => t.id)).toContain(asked.traceId);
    // The administrator holds monitor.read but not the passage's access list: neither listed nor readable nor searchable.
    expect((await api.call<List>('traces.list', { operation: 'rag.ask' })).traces.map((t) => t.id)).not.toContain(asked.traceId);
    expect((await api.failure('traces.get', { traceId: asked.traceId })).code).toBe('NOT_FOUND');
    expect((await api.call<List>('traces.list', { text: 'Heron' })).traces).toHaveLength(0);
    // Without monitor.read one sees only one's own traces.
    expect((await api.call<List>('traces.list', {}, viewer)).traces).toHaveLength(0);
    expect((await api.failure('monitor.summary', {}, viewer)).code).toBe('FORBIDDEN');
  }, 120_000);

  test('feedback joins the trace, its filters and the rollups; the summary has percentiles, tokens and errors', async () => {
    const { traces } = await api.call<List>('traces.list', { operation: 'text_completion' });
    const id = traces[0]!.id;
    const fb = await api.call<{ up: number; down: number }>('traces.feedback', { traceId: id, rating: 'down', comment: 'rambles', correction: 'Once upon a time there was a pump.' });
    expect(fb).toEqual({ traceId: id, rating: 'down', up: 0, down: 1 });
    expect((await api.call<List>('traces.list', { feedback: 'down' })).traces.map((t) => t.id)).toEqual([id]);
    const detail = await api.call<TraceDetail>('traces.get', { traceId: id });
    expect(detail.feedbackEntries[0]).toMatchObject({ user: 'local', rating: 'down', comment: 'rambles', correction: 'Once upon a time there was a pump.' });

    // The thumbs-down trace becomes a golden case: input, output, the correction as expected, in a new dataset version.
    const added = await api.call<{ dataset: string; version: number; caseKey: string }>('traces.toDataset', { traceId: id, dataset: 'from-traffic' });
    expect(added).toMatchObject({ dataset: 'from-traffic', version: 1, cases: 1 });
    const shown = await api.call<{ cases: Array<{ key: string; vars: Record<string, unknown>; expected: string | null; tags: string[] }> }>('eval.datasets.show', { dataset: 'from-traffic' });
    expect(shown.cases[0]).toMatchObject({ key: added.caseKey, vars: { input: 'Once upon a time' }, expected: 'Once upon a time there was a pump.', tags: ['from-trace', 'text_completion', 'thumbs-down'] });
    expect((await api.call<{ version: number; reused: boolean }>('traces.toDataset', { traceId: id, dataset: 'from-traffic' }))).toMatchObject({ version: 1, reused: true });

    await api.jobFailure('inference.generate', { model: 'no-such-model', prompt: 'x', maxTokens: 2 });
    const summary = await api.call<Output<'monitor.summary'>>('monitor.summary', { since: '1h', groupBy: 'operation' });
    expect(summary.totals.requests).toBeGreaterThanOrEqual(5);
    expect(summary.totals.errors).toBeGreaterThanOrEqual(1);
    expect(summary.totals.errorsByCode.MODEL_NOT_FOUND).toBe(1);
    expect(summary.totals.latencyMs.p50).not.toBeNull();
    expect(summary.totals.latencyMs.p99!).toBeGreaterThanOrEqual(summary.totals.latencyMs.p50!);
    expect(summary.totals.ttftMs.p95).not.toBeNull();
    expect(summary.totals.outputTokens).toBeGreaterThan(0);
    expect(summary.totals.feedback).toMatchObject({ up: 0, down: 1, ratio: 0 });
    expect(summary.groups.map((g) => g.key)).toEqual(expect.arrayContaining(['text_completion', 'rag.ask', 'retrieval']));
    expect(summary.series.reduce((n, p) => n + p.requests, 0)).toBe(summary.totals.requests);
  });

  test('drift.check compares a window of traffic with other inputs and reports output drift for windows', async () => {
    const report = await api.call<Output<'drift.check'>>('drift.check', {
      baseline: { window: '1h..' }, current: { window: '2h..' }, k: 2,
    });
    expect(report.baselineCount).toBeGreaterThanOrEqual(2);
    expect(report.outputs?.baseline.count).toBe(report.baselineCount);
    expect(report.drifted).toBe(false);
    expect((await api.failure('drift.check', { baseline: { window: '1h..2h' }, current: { texts: ['a b', 'c d'] } })).code).toBe('INVALID_INPUT');
  });

  test('export writes a valid OTLP/JSON ExportTraceServiceRequest', async () => {
    const { count, document } = await api.call<{ count: number; document: { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<Record<string, unknown>> }> }> } }>('traces.export', {});
    expect(count).toBeGreaterThan(0);
    const spans = document.resourceSpans[0]!.scopeSpans[0]!.spans;
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(String(span.startTimeUnixNano)).toMatch(/^\d{19}$/);
      expect(BigInt(String(span.endTimeUnixNano)) >= BigInt(String(span.startTimeUnixNano))).toBe(true);
    }
    const generation = spans.find((s) => s.name === 'text_completion stories')!;
    expect(generation.attributes).toEqual(expect.arrayContaining([{ key: 'gen_ai.request.model', value: { stringValue: 'stories' } }]));
  });

  test('an alert rule fires once into the audit trail and the header event, and again only after recovering', async () => {
    const alerts: Array<{ rule: string }> = [];
    const unsubscribe = core.subscribe((event) => {
      if (event.topic === 'audit.alerted') alerts.push(event.data as { rule: string });
    });
    await api.call('monitor.alerts.set', { rules: [{ id: 'slow', metric: 'p95LatencyMs', comparison: 'above', threshold: 1, windowMinutes: 60, minRequests: 1 }] });
    const first = await api.call<{ fired: Array<{ rule: string; value: number }> }>('monitor.alerts.evaluate', {});
    expect(first.fired).toHaveLength(1);
    expect(first.fired[0]!.value).toBeGreaterThan(1);
    expect((await api.call<{ fired: unknown[] }>('monitor.alerts.evaluate', {})).fired).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    expect(alerts.map((a) => a.rule)).toEqual(['monitor.slow']);
    const trail = await api.call<{ entries: Array<{ action: string; target: string }> }>('audit.list', { action: 'monitor.alert' });
    expect(trail.entries.map((e) => e.target)).toEqual(['rule:slow']);
  });

  test('online evaluation: a judge scores sampled production answers in the background; the score joins the trace and the rollups', async () => {
    await api.call('monitor.online.set', { rate: 1, judgeModel: 'stories', criterion: 'Is the story coherent?', maxTokens: 400 });
    const generated = await api.job<{ text: string }>('inference.generate', { model: 'stories', prompt: 'The cat sat', maxTokens: 8, temperature: 0, seed: 3 });
    expect(generated.text.length).toBeGreaterThan(0);
    let scored: TraceRow | undefined;
    for (let i = 0; i < 120 && !scored; i++) {
      scored = (await api.call<List>('traces.list', { operation: 'text_completion', text: 'cat', minScore: 1 })).traces[0];
      if (!scored) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await api.call('monitor.online.set', { rate: 0, judgeModel: null });
    expect(scored!.score).toBeGreaterThanOrEqual(1);
    expect(scored!.score).toBeLessThanOrEqual(5);
    // The judge's own call is a trace of its own (eval.judge), never judged again.
    expect((await api.call<List>('traces.list', { operation: 'eval.judge' })).traces.length).toBeGreaterThanOrEqual(1);
    expect((await api.call<Output<'monitor.summary'>>('monitor.summary', { since: '1h' })).totals.judge.count).toBeGreaterThanOrEqual(1);
  }, 120_000);

  test('retention purges old traces with their spans', async () => {
    expect(await api.call('traces.retention.set', { days: 30 })).toMatchObject({ days: 30 });
    const purged = await api.call<{ deleted: number }>('traces.purge', { olderThanDays: 0 });
    expect(purged.deleted).toBeGreaterThan(0);
    expect((await api.call<List>('traces.list', {})).traces).toHaveLength(0);
  });
});
