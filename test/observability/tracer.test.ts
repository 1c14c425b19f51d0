import { describe, expect, test } from 'vitest';
import { bucketOf, merge, percentiles, type Histogram, add } from '../../electron/core/observability/metrics/log-histogram.js';
import { Tracer } from '../../electron/core/observability/tracing/tracer.js';
import type { TraceRecord } from '../../electron/core/observability/tracing/trace-types.js';
import { AppError } from '../../electron/core/contract/errors.js';
import { callerScope } from '../../electron/core/services/caller-scope.js';
import { localContext } from '../../electron/core/contract/context.js';

describe('tracer', () => {
  test('nested calls across awaits become child spans of one trace, attributed to the caller', async () => {
    const written: TraceRecord[] = [];
    const tracer = new Tracer((t) => written.push(t));
    const retrieve = () => tracer.span('retrieval', {}, async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      span.addAcl([3, 1]);
      return 'hits';
    });
    const generate = () => tracer.span('chat m', { 'gen_ai.request.model': 'm' }, async () => 'answer');
    await callerScope.run(localContext('test', 'ann'), () => tracer.span('rag.ask', {}, async (span) => {
      span.setTraceInput('q');
      await Promise.all([retrieve(), generate()]);
      span.setTraceOutput('a');
    }, { operation: 'rag.ask' }));
    expect(written).toHaveLength(1);
    const [trace] = written;
    expect(trace).toMatchObject({ operation: 'rag.ask', user: 'ann', input: 'q', output: 'a', acl: [1, 3], status: 'ok' });
    const root = trace!.spans.find((s) => s.parentId === null)!;
    expect(trace!.spans.filter((s) => s.parentId === root.spanId).map((s) => s.name).sort()).toEqual(['chat m', 'retrieval']);
    expect(trace!.spans.find((s) => s.name === 'retrieval')!.durationMs).toBeGreaterThanOrEqual(4);
  });

  test('a failure marks the span and the trace with its error code; childOnly spans outside a trace record nothing', async () => {
    const written: TraceRecord[] = [];
    const tracer = new Tracer((t) => written.push(t));
    await expect(tracer.span('chat m', {}, async () => { throw new AppError('MODEL_NOT_FOUND', 'no'); })).rejects.toThrow('no');
    expect(written[0]).toMatchObject({ status: 'error', errorCode: 'MODEL_NOT_FOUND' });
    expect(written[0]!.spans[0]!.attrs['error.type']).toBe('MODEL_NOT_FOUND');
    expect(await tracer.span('embeddings e', {}, async () => 7, { childOnly: true })).toBe(7);
    expect(written).toHaveLength(1);
  });

  test('work started inside a trace that outlives it starts a trace of its own', async () => {
    const written: TraceRecord[] = [];
    const tracer = new Tracer((t) => written.push(t));
    let later: Promise<unknown> = Promise.resolve();
    await tracer.span('outer', {}, async () => {
      later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => tracer.span('late', {}, async () => undefined));
    });
    await later;
    expect(written.map((t) => t.operation)).toEqual(['outer', 'late']);
  });
});

describe('log histogram', () => {
  test('percentiles within 5% and merge across buckets', () => {
    const a: Histogram = {};
    const b: Histogram = {};
    for (let v = 1; v <= 1000; v++) add(v % 2 ? a : b, v);
    const [p50, p95, p99] = percentiles(merge({ ...a }, b), [0.5, 0.95, 0.99]);
    expect(Math.abs(p50! - 500) / 500).toBeLessThan(0.05);
    expect(Math.abs(p95! - 950) / 950).toBeLessThan(0.05);
    expect(Math.abs(p99! - 990) / 990).toBeLessThan(0.05);
    expect(percentiles({}, [0.5])).toEqual([null]);
    expect(bucketOf(0.5)).toBe(0);
  });
});
