import type { evalApi } from '../contract/eval.api.js';
import type { CoreServices } from '../services/core-services.js';
import { promptServices } from '../prompts/prompts.handlers.js';
import type { AreaHandlers } from './area-handlers.js';
import { DatasetsRepo } from './datasets/datasets.repo.js';
import { DatasetsService } from './datasets/datasets.service.js';
import { EvalService } from './eval.service.js';
import { gradePairwise, gradeSingle } from './judge/judge.js';
import { generatorFor } from './runs/generator.js';

/** Datasets, eval runs, judges and comparisons. */
export function createEvalHandlers(s: CoreServices): AreaHandlers<typeof evalApi> {
  const datasets = new DatasetsService(new DatasetsRepo(s.db));
  const { registry } = promptServices(s);
  const evals = new EvalService(s, registry, datasets);

  return {
    'eval.datasets.import': (input, ctx) => datasets.import(input, ctx),
    'eval.datasets.export': (input) => datasets.export(input),
    'eval.datasets.list': () => datasets.list(),
    'eval.datasets.show': ({ dataset, offset, limit }) => datasets.show(dataset, offset, limit),
    'eval.datasets.label': (input, ctx) => datasets.label(input, ctx),
    'eval.suites.validate': (input, ctx) => evals.validate(input, ctx),
    'eval.runs.start': async ({ concurrency, ...input }, ctx) => {
      const runId = await evals.prepare(input, ctx);
      return { jobId: s.jobs.start('eval.run', (job) => evals.execute(runId, job, ctx, concurrency)) };
    },
    'eval.runs.resume': ({ runId, concurrency }, ctx) => {
      evals.claimForResume(runId);
      return { jobId: s.jobs.start('eval.run', (job) => evals.execute(runId, job, ctx, concurrency)) };
    },
    'eval.runs.list': ({ limit }) => evals.list(limit),
    'eval.runs.get': ({ runId }) => evals.get(runId),
    'eval.runs.results': ({ runId, offset, limit, failedOnly, caseKey }, ctx) => evals.results(runId, { offset, limit, failedOnly, caseKey }, ctx),
    'eval.runs.compare': ({ base, head, metrics, significance }) => evals.compare(base, head, metrics, significance),
    'eval.judge.grade': ({ model, input, output, reference, rubric, maxTokens, reasoningChars }) => ({
      jobId: s.jobs.start('eval.judge', (job) => gradeSingle(generatorFor(s.inference, job.jobId), { model, rubric, maxTokens, reasoningChars }, { input, output, reference }, job.signal)),
    }),
    'eval.judge.pairwise': ({ model, input, outputA, outputB, rubric, maxTokens, reasoningChars }) => ({
      jobId: s.jobs.start('eval.judge', (job) => gradePairwise(generatorFor(s.inference, job.jobId), { model, rubric, maxTokens, reasoningChars }, { input, outputA, outputB }, job.signal)),
    }),
  };
}
