import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BenchmarkRunResult } from '../../electron/core/contract/benchmark.api.js';
import type { EvalResult, EvalRun, RunComparison } from '../../electron/core/contract/eval.api.js';
import { localContext } from '../../electron/core/contract/context.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { models, tempDir } from '../helpers/fixtures.js';
import { hellaswagText, tasks } from './hellaswag-fixture.js';

// A benchmark is stored as an eval run: listed, its items browsable with the per-choice log-likelihoods, and two
// models' runs on the same file compared item by item.
describe('benchmark results stored as eval runs', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core, localContext('test'));
    await client.job('models.import', { path: models.stories, name: 'stories', approve: true });
    await client.job('models.import', { path: models.tinyLlama, name: 'tiny', approve: true });
  }, 60_000);
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('eval.benchmark.run writes a benchmark:hellaswag run per model; runs.get/results/compare read them', async () => {
    const a = await client.job<BenchmarkRunResult>('eval.benchmark.run', { content: hellaswagText, format: 'hellaswag', model: 'stories' });
    const b = await client.job<BenchmarkRunResult>('eval.benchmark.run', { content: hellaswagText, format: 'hellaswag', model: 'tiny' });
    expect(a.runId).not.toBe(b.runId);

    const listed = await client.call<EvalRun[]>('eval.runs.list', { limit: 10 });
    expect(listed.filter((r) => r.name === 'benchmark:hellaswag').map((r) => r.id).sort()).toEqual([a.runId, b.runId].sort());

    const run = await client.call<EvalRun>('eval.runs.get', { runId: a.runId });
    expect(run).toMatchObject({ status: 'succeeded', models: ['stories'], totalItems: tasks.length, doneItems: tasks.length, dataset: { name: 'benchmark:hellaswag', version: 1 } });
    const stats = run.summary!;
    expect(stats.groups[0]!.metrics['accuracyNorm']!.mean).toBeCloseTo(a.accuracyNorm, 3);
    expect(stats.groups[0]!.metrics['accuracy']!.mean).toBeCloseTo(a.accuracy, 3);

    const results = await client.call<{ total: number; items: EvalResult[] }>('eval.runs.results', { runId: a.runId, limit: 100 });
    expect(results.total).toBe(tasks.length);
    const first = results.items[0]!;
    const rendered = first.rendered as { gold: number; pred: number; predNorm: number; scores: Array<{ logprob: number; tokens: number }>; choices: string[] };
    expect(rendered.gold).toBe(tasks[0]![1]);
    expect(rendered.scores).toEqual(a.results[0]!.scores);
    expect(first.output).toBe(rendered.choices[rendered.pred]);
    expect(first.expected).toBe(` ${tasks[0]![2][tasks[0]![1]]}`);
    expect(first.passed).toBe(rendered.pred === rendered.gold);

    // The same file reuses the dataset version, so the two models' runs pair on every item.
    expect((await client.call<EvalRun>('eval.runs.get', { runId: b.runId })).dataset.version).toBe(1);
    const comparison = await client.call<RunComparison>('eval.runs.compare', { base: a.runId, head: b.runId });
    expect(comparison.paired).toBe(tasks.length);
    expect(comparison.metrics.map((m) => m.metric)).toEqual(expect.arrayContaining(['accuracy', 'accuracyNorm']));

    await expect(client.call('eval.runs.resume', { runId: a.runId })).rejects.toThrow(/already finished/);
  }, 120_000);
});
