import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BenchmarkRunResult } from '../../electron/core/contract/benchmark.api.js';
import { localContext } from '../../electron/core/contract/context.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { models, tempDir } from '../helpers/fixtures.js';
import { hellaswagText, tasks } from './hellaswag-fixture.js';


describe('multiple-choice benchmarks scored by log-likelihood on stories260K', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  const file = path.join(temp.dir, 'hellaswag.txt');

  beforeAll(async () => {
    writeFileSync(file, hellaswagText);
    const core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    await coreClient(core, localContext('test')).job('models.import', { path: models.stories, name: 'stories', approve: true });
    await core.close();
  }, 60_000);
  afterAll(() => temp.cleanup());

  let ours: BenchmarkRunResult;

  test('enclave eval benchmark --format hellaswag --json: items, accuracy, accuracyNorm and per-choice scores', async () => {
    const run = await runCli(['eval', 'benchmark', file, '--format', 'hellaswag', '--model', 'stories', '--json', '--data-dir', dataDir, '--models-dir', temp.dir], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    ours = run.json<BenchmarkRunResult>();
    expect(ours.items).toBe(6);
    // Stored as an eval run: the JSON names it.
    expect(ours.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ours.results.every((r) => r.scores.length === 4 && r.scores.every((s) => s.logprob < 0 && s.tokens > 0))).toBe(true);
    // The story-like ending is the model's choice on the first task, whatever the normalisation.
    expect(ours.results[0]!.predNorm).toBe(0);
    expect(ours.accuracyNorm).toBeGreaterThanOrEqual(0.5);
    expect(ours.ci95.accuracy.low).toBeLessThanOrEqual(ours.accuracy);
  }, 150_000);

});
