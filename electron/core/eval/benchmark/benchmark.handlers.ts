import type { benchmarkApi, BenchmarkRunResult } from '../../contract/benchmark.api.js';
import { AppError } from '../../contract/errors.js';
import type { CoreServices } from '../../services/core-services.js';
import type { AreaHandlers } from '../area-handlers.js';
import { parseBenchmark } from './benchmark-formats.js';
import { scoreItem, summarizeBenchmark, type ItemResult } from './benchmark-score.js';

/** Items scored per call to the inference host: progress and cancel between batches. */
const BATCH = 8;

/** `eval.benchmark.run`: a multiple-choice file scored by the log-likelihood of each choice, as a job. */
export function createBenchmarkHandlers(s: Pick<CoreServices, 'jobs' | 'inference'>): AreaHandlers<typeof benchmarkApi> {
  return {
    'eval.benchmark.run': ({ content, format, model, limit }) => {
      const all = parseBenchmark(content, format);
      const items = limit ? all.slice(0, limit) : all;
      return {
        jobId: s.jobs.start('eval.benchmark', async (job): Promise<BenchmarkRunResult> => {
          const started = Date.now();
          const results: ItemResult[] = [];
          for (let i = 0; i < items.length; i += BATCH) {
            if (job.signal.aborted) throw new AppError('CANCELLED', 'The benchmark was cancelled');
            const batch = items.slice(i, i + BATCH);
            const scores = await s.inference.scoreChoices(model, batch.map((item) => ({ context: item.context, continuations: item.choices })));
            batch.forEach((item, j) => results.push(scoreItem(item, scores[j] ?? [])));
            job.progress(results.length / items.length, `${results.length} of ${items.length} items`);
          }
          return { format, model, ...summarizeBenchmark(results), durationMs: Date.now() - started };
        }),
      };
    },
  };
}
