import { call, subscribe } from '../../api/client.js';
import { createJobRunner, type JobOptions } from '../../api/job-runner.js';

/**
 * Follows a job the core started on its own (the re-index that `rag.collections.update` answers with): resolves
 * with its result, rejects with ClientError like runJob. Events sent before we listened are not replayed, so
 * `jobs.wait` settles it in any case.
 */
export function followJob(jobId: string, options?: JobOptions): Promise<unknown> {
  const follow = createJobRunner({
    start: () => Promise.resolve({ jobId }),
    subscribe,
    eventsReady: () => Promise.resolve(),
    wait: (id) => call('jobs.wait', { jobId: id }),
  });
  return follow('jobs.follow', {}, options);
}
