import type { CoreEvent } from './contract.types.js';
import { ClientError } from './client-error.js';
import type { EventListener } from './transport.js';

export interface JobOptions {
  /** Every event of this job (progress, tokens, the final one), in order. */
  onEvent?: (event: CoreEvent) => void;
  /** The job id, as soon as the core has answered (to offer "Stop"). */
  onStarted?: (jobId: string) => void;
}

export interface JobRunnerDeps {
  /** Starts the job; resolves with `{ jobId }` or throws ClientError. */
  start(method: string, params: unknown): Promise<{ jobId: string }>;
  subscribe(listener: EventListener): () => void;
  eventsReady(): Promise<void>;
  /** `jobs.wait`: a safety net in case an event is lost (a reconnecting event stream); omit to rely on events only. */
  wait?(jobId: string): Promise<unknown>;
}

/** Errors of jobs.wait that say nothing about the job's outcome; the events decide then. */
const WAIT_ERRORS_TO_IGNORE = new Set(['JOB_NOT_FOUND', 'UNREACHABLE', 'BAD_RESPONSE', 'UNKNOWN_METHOD']);

export function eventJobId(event: CoreEvent): string | undefined {
  const data = event.data as { jobId?: unknown };
  return typeof data.jobId === 'string' ? data.jobId : undefined;
}

/**
 * Starts a job and settles with its outcome: `jobs.succeeded` → its result, `jobs.failed` → ClientError,
 * `jobs.cancelled` → ClientError CANCELLED. The listener is registered before the call is sent, and events
 * that arrive before the core's reply (which names the job) are buffered and replayed, so none is lost.
 */
export function createJobRunner(deps: JobRunnerDeps) {
  return function runJob(method: string, params: unknown, options: JobOptions = {}): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      let jobId: string | null = null;
      let settled = false;
      const early: CoreEvent[] = [];

      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        unsubscribe();
        outcome();
      };

      const handle = (event: CoreEvent): void => {
        if (settled) return;
        options.onEvent?.(event);
        if (event.topic === 'jobs.succeeded') {
          const { result } = event.data as CoreEvent<'jobs.succeeded'>['data'];
          settle(() => resolve(result));
        } else if (event.topic === 'jobs.failed') {
          const { error } = event.data as CoreEvent<'jobs.failed'>['data'];
          settle(() => reject(new ClientError(error)));
        } else if (event.topic === 'jobs.cancelled') {
          settle(() => reject(new ClientError({ code: 'CANCELLED', message: 'Stopped before it finished.' })));
        }
      };

      const unsubscribe = deps.subscribe((event) => {
        const id = eventJobId(event);
        if (settled || id === undefined) return;
        if (jobId === null) early.push(event);
        else if (id === jobId) handle(event);
      });

      deps
        .eventsReady()
        .then(() => deps.start(method, params))
        .then((started) => {
          jobId = started.jobId;
          options.onStarted?.(jobId);
          for (const event of early.splice(0)) if (eventJobId(event) === jobId) handle(event);
          if (settled || !deps.wait) return;
          deps.wait(jobId).then(
            (result) => settle(() => resolve(result)),
            (error: unknown) => {
              if (error instanceof ClientError && WAIT_ERRORS_TO_IGNORE.has(error.code)) return;
              settle(() => reject(error));
            },
          );
        })
        .catch((error: unknown) => settle(() => reject(error)));
    });
  };
}
