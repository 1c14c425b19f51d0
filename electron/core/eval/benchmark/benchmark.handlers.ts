import type { benchmarkApi, BenchmarkRunResult } from '../../contract/benchmark.api.js';
import { AppError, isAppError } from '../../contract/errors.js';
import type { CoreServices } from '../../services/core-services.js';
import { callerScope } from '../../services/caller-scope.js';
import type { AreaHandlers } from '../area-handlers.js';
import { parseBenchmark } from './benchmark-formats.js';
import { BenchmarkRunStore } from './benchmark-run-store.js';
import { scoreItem, summarizeBenchmark, type ItemResult } from './benchmark-score.js';

/** Items scored per call to the inference host: progress and cancel between batches. */
const BATCH = 8;

/**
 * `eval.benchmark.run`: a multiple-choice file scored by the log-likelihood of each choice, as a job. Every scored
 * item is stored at once as a result of an eval run named `benchmark:FORMAT`, so the run is listed, browsed and
 * compared like other eval runs (model A vs model B on the same file compares item by item).
 */
export function createBenchmarkHandlers(s: Pick<CoreServices, 'jobs' | 'inference' | 'db'>): AreaHandlers<typeof benchmarkApi> {
  return {
    'eval.benchmark.run': ({ content, format, model, limit }) => {
      const all = parseBenchmark(content, format);
      const items = limit ? all.slice(0, limit) : all;
      const store = new BenchmarkRunStore(s.db);
      const runId = store.start(format, model, items, callerScope.current()?.user ?? 'system');
      return {
        jobId: s.jobs.start('eval.benchmark', async (job): Promise<BenchmarkRunResult> => {
          const started = Date.now();
          const results: ItemResult[] = [];
          try {
            for (let i = 0; i < items.length; i += BATCH) {
              if (job.signal.aborted) throw new AppError('CANCELLED', 'The benchmark was cancelled');
              const batch = items.slice(i, i + BATCH);
              const batchStarted = performance.now();
              const scores = await s.inference.scoreChoices(model, batch.map((item) => ({ context: item.context, continuations: item.choices })));
              const perItemMs = (performance.now() - batchStarted) / batch.length;
              batch.forEach((item, j) => {
                const result = scoreItem(item, scores[j] ?? []);
                results.push(result);
                store.record(runId, format, model, i + j, item, result, perItemMs);
              });
              job.progress(results.length / items.length, `${results.length} of ${items.length} items`);
            }
            store.succeed(runId);
          } catch (error) {
            const cancelled = job.signal.aborted || (isAppError(error) && error.code === 'CANCELLED');
            store.fail(runId, cancelled, isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String((error as Error)?.message ?? error) });
            throw error;
          }
          return { format, model, runId, ...summarizeBenchmark(results), durationMs: Date.now() - started };
        }),
      };
    },
  };
}
