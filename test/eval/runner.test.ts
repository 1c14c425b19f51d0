import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreEvent } from '../../electron/core/contract/events.js';
import type { EvalResult, EvalRun } from '../../electron/core/contract/eval.api.js';
import { pool } from '../../electron/core/eval/runs/run-executor.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';
import { storiesModel, storySuite } from './helpers/fixtures.js';

describe('the pool', () => {
  test('keeps at most `concurrency` items in flight and stops taking items once cancelled', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const controller = new AbortController();
    await pool(Array.from({ length: 20 }, (_, i) => i), 4, controller.signal, async (i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      done.push(i);
      if (i === 9) controller.abort();
    });
    expect(most).toBe(4);
    expect(done.length).toBeGreaterThanOrEqual(10);
    expect(done.length).toBeLessThan(20);
  });
});

describe('eval runs: parallel cases, progress, cancel and resume', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a run stores one result per case with metrics, latency and tokens, and reports progress', async () => {
    const progress: number[] = [];
    let jobId = '';
    const unsubscribe = core.subscribe((event: CoreEvent) => {
      if (event.topic === 'jobs.progressed' && event.data.jobId === jobId) progress.push(event.data.progress);
    });
    ({ jobId } = await client.call<{ jobId: string }>('eval.runs.start', { suite: storySuite(12, 16), concurrency: 4 }));
    const run = await client.call<EvalRun>('jobs.wait', { jobId });
    unsubscribe();
    expect(run).toMatchObject({ status: 'succeeded', totalItems: 12, doneItems: 12, gate: null, dataset: { name: 'suite:stories', version: 1 } });
    expect(run.summary?.items).toBe(12);
    expect(run.summary?.metrics.bleu?.n).toBe(12);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const { items } = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: run.id });
    expect(items).toHaveLength(12);
    for (const item of items) {
      expect(item.status).toBe('ok');
      expect(item.completionTokens).toBeGreaterThan(0);
      expect(item.latencyMs).toBeGreaterThan(0);
      expect(item.rendered).toEqual({ prompt: `Once upon a time there was a ${String(item.vars.animal)}` });
      expect(Object.keys(item.metrics).sort()).toEqual(['bleu', 'pass', 'rougeL']);
    }

    // The same suite one case at a time gives the same greedy outputs.
    const sequential = await client.job<EvalRun>('eval.runs.start', { suite: storySuite(12, 16), concurrency: 1 });
    const again = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: sequential.id });
    expect(again.items.map((i) => i.output)).toEqual(items.map((i) => i.output));
    // Importing the same inline tests again reused the dataset version.
    expect(sequential.dataset.version).toBe(1);
  });

  test('assertion values are filled from each case: {{expected}}, {{reference}} and case variables', async () => {
    const suite = (expected: [string, string]) => `description: filled
prompts:
  - id: story
    raw: "Once upon a time there was a {{animal}}"
providers:
  - id: ${storiesModel}
    config: { maxTokens: 12 }
defaultTest:
  assert:
    - { type: equals, value: "{{expected}}" }
    - { type: contains-any, value: ["{{reference}}", "{{missing.nested}}x"] }
    - { type: not-contains, value: "\\\\{{animal}}" }
tests:
  - vars: { animal: cat, missing: { nested: zzz } }
    expected: ${JSON.stringify(expected[0])}
  - vars: { animal: dog, missing: { nested: zzz } }
    expected: ${JSON.stringify(expected[1])}
`;
    // First with expectations the model will not meet, to learn its greedy outputs; then with those outputs expected.
    const first = await client.job<EvalRun>('eval.runs.start', { suite: suite(['a cat', 'a dog']) });
    const learned = (await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: first.id })).items;
    expect(learned.map((i) => i.passed)).toEqual([false, false]);
    const outputs = learned.map((i) => i.output) as [string, string];
    expect(outputs[0]).not.toBe(outputs[1]);
    const second = await client.job<EvalRun>('eval.runs.start', { suite: suite(outputs) });
    const { items } = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: second.id });
    for (const item of items) expect(item.assertions.map((a) => [a.type, a.passed, a.reason])).toEqual([
      ['equals', true, 'output equals the value'],
      ['contains-any', true, 'output contains one of the values'],
      ['not-contains', true, 'not (expected: output contains "{{animal}}")'],
    ]);
    expect(second.summary?.passRate).toBe(1);
  });

  test('cancel stops the run; resume finishes it without redoing finished cases', async () => {
    let jobId = '';
    let runningJobId: string | null = null;
    let cancelled = false;
    const unsubscribe = core.subscribe((event: CoreEvent) => {
      if (event.topic === 'jobs.progressed' && event.data.jobId === jobId && event.data.progress >= 0.2 && !cancelled) {
        cancelled = true;
        // A screen that did not start the run finds the job to cancel on the run itself.
        void client.call<EvalRun[]>('eval.runs.list', { limit: 1 }).then(([running]) => {
          runningJobId = running?.jobId ?? null;
          return client.call('jobs.cancel', { jobId: running?.jobId ?? jobId });
        });
      }
    });
    ({ jobId } = await client.call<{ jobId: string }>('eval.runs.start', { suite: storySuite(40, 48), concurrency: 4 }));
    const failure = await client.failure('jobs.wait', { jobId });
    unsubscribe();
    expect(failure.code).toBe('CANCELLED');
    const [stopped] = await client.call<EvalRun[]>('eval.runs.list', { limit: 1 });
    expect(runningJobId).toBe(jobId);
    expect(stopped).toMatchObject({ status: 'cancelled', interrupted: false, jobId: null, error: { code: 'CANCELLED' } });
    expect(stopped!.doneItems).toBeGreaterThanOrEqual(8);
    expect(stopped!.doneItems).toBeLessThan(40);
    const before = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: stopped!.id });
    expect(before.items).toHaveLength(stopped!.doneItems);

    const resumed = await client.job<EvalRun>('eval.runs.resume', { runId: stopped!.id });
    expect(resumed).toMatchObject({ id: stopped!.id, status: 'succeeded', doneItems: 40, error: null });
    const after = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: stopped!.id });
    expect(after.items).toHaveLength(40);
    const one = await client.call<{ total: number; items: EvalResult[] }>('eval.runs.results', { runId: stopped!.id, caseKey: after.items[7]!.caseKey });
    expect([one.total, one.items.map((i) => i.id)]).toEqual([1, [after.items[7]!.id]]);
    // Every result stored before the cancel is still the same row: nothing was run twice.
    const byCase = new Map(after.items.map((i) => [i.caseKey, i]));
    for (const item of before.items) expect(byCase.get(item.caseKey)).toMatchObject({ id: item.id, output: item.output });
    expect(Math.max(...before.items.map((i) => i.id))).toBeLessThan(Math.min(...after.items.filter((i) => !before.items.some((b) => b.id === i.id)).map((i) => i.id)));
    expect((await client.failure('eval.runs.resume', { runId: stopped!.id })).message).toContain('already finished');
  });

  test('a judge in the suite grades every output; pairwise compares prompts in both orders; human labels give agreement', async () => {
    const suite = `description: judged
prompts:
  - id: a
    raw: "Once upon a time there was a {{animal}}"
  - id: b
    raw: "One day a {{animal}}"
providers:
  - id: ${storiesModel}
    config: { maxTokens: 8 }
judge: { model: ${storiesModel}, rubric: [{ name: quality, description: "Is it good?" }], maxTokens: 200, reasoningChars: 60, pairwise: true }
tests:
  - vars: { animal: cat }
    human: { score: 3, preference: A }
  - vars: { animal: dog }
    human: { score: 2, preference: B }
`;
    const run = await client.job<EvalRun>('eval.runs.start', { suite });
    const { items } = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: run.id });
    expect(items).toHaveLength(4);
    for (const item of items) {
      expect(item.judge?.error).toBeNull();
      expect([1, 2, 3, 4, 5]).toContain(item.judge?.single?.scores.quality);
      expect(item.metrics['judge.quality']).toBe(item.judge?.single?.scores.quality);
    }
    const pairwise = items.filter((i) => i.prompt === 'b').map((i) => i.judge?.pairwise);
    expect(pairwise).toHaveLength(2);
    for (const p of pairwise) expect(p).toMatchObject({ against: 'a', orders: [{ order: 'AB' }, { order: 'BA' }] });
    expect(run.summary?.agreement.score?.n).toBe(4);
    expect(run.summary?.agreement.preference?.n).toBe(2);
    expect(run.summary?.agreement.score?.accuracy).toBeGreaterThanOrEqual(0);
  });
});
