import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { LlamaHostClient } from '../../native/llama/llama-host.client.js';
import { openDatabase } from '../../native/sqlite/open.js';
import { AuditService } from '../../electron/core/audit/audit.service.js';
import { localContext } from '../../electron/core/contract/context.js';
import { DatasetsRepo } from '../../electron/core/eval/datasets/datasets.repo.js';
import { DatasetsService } from '../../electron/core/eval/datasets/datasets.service.js';
import { EvalService } from '../../electron/core/eval/eval.service.js';
import { generatorFor } from '../../electron/core/eval/runs/generator.js';
import { executeRun } from '../../electron/core/eval/runs/run-executor.js';
import { EventBus } from '../../electron/core/events/event-bus.js';
import { InferenceService } from '../../electron/core/inference/inference.service.js';
import { JobRunner } from '../../electron/core/jobs/job-runner.js';
import { ModelsRepo } from '../../electron/core/models/models.repo.js';
import { ModelUsageRepo } from '../../electron/core/models/model-usage.repo.js';
import { ModelsService } from '../../electron/core/models/models.service.js';
import { promptServices } from '../../electron/core/prompts/prompts.handlers.js';
import { SettingsService } from '../../electron/core/settings/settings.service.js';
import { tempDir } from '../helpers/fixtures.js';
import { storySuite } from './helpers/fixtures.js';

describe('several cases in flight on one model', () => {
  const temp = tempDir();
  const { db } = openDatabase(path.join(temp.dir, 'enclave.db'));
  const events = new EventBus();
  const settings = new SettingsService(db);
  const models = new ModelsService(new ModelsRepo(db), new ModelUsageRepo(db), temp.dir);
  const provider = new LlamaHostClient(() => 'cpu');
  const inference = new InferenceService(models, settings, provider, events);
  const services = { db, models, inference, events, settings, audit: AuditService.open({ db, dataDir: temp.dir }) };
  const datasets = new DatasetsService(new DatasetsRepo(db));
  const evals = new EvalService(services, promptServices(services).registry, datasets);
  afterAll(async () => {
    await provider.close();
    db.close();
    temp.cleanup();
  });

  test('the runner keeps `concurrency` generations running at once, up to the sequences the model has', async () => {
    const ctx = localContext('test');
    const runId = await evals.prepare({ suite: storySuite(16, 24) }, ctx);
    let inFlight = 0;
    let most = 0;
    const jobs = new JobRunner(events, () => undefined);
    const jobId = jobs.start('eval.run', (job) =>
      executeRun(
        {
          repo: evals.repo,
          cases: (id) => datasets.cases(id),
          // The real generator, counted: how many calls overlap?
          generateFor: (id) => {
            const generate = generatorFor(inference, id);
            return async (input, signal) => {
              most = Math.max(most, ++inFlight);
              try {
                return await generate(input, signal);
              } finally {
                inFlight--;
              }
            };
          },
          rag: () => {
            throw new Error('no RAG here');
          },
          embedWith: () => async () => [],
        },
        runId,
        job,
        ctx,
        settings.get().parallelSequences,
      ),
    );
    const run = (await jobs.wait(jobId)) as { status: string; doneItems: number; summary: { errors: number } };
    expect(run).toMatchObject({ status: 'succeeded', doneItems: 16, summary: { errors: 0 } });
    expect(settings.get().parallelSequences).toBe(4);
    expect(most).toBe(4);
  });
});
