import type { Input, JobMethod, JobResult, Method, Output } from './contract.types.js';
import { ClientError, toClientError } from './client-error.js';
import { createJobRunner, type JobOptions } from './job-runner.js';
import { createTransport, type EventListener } from './transport.js';

export { ClientError, detailLines, toClientError } from './client-error.js';
export type { JobOptions } from './job-runner.js';

const transport = createTransport();

/** 'ipc' under Electron, 'http' in a browser against `enclave serve`. */
export const transportKind = transport.kind;

/** Calls a core method; resolves with its value or throws ClientError (code + message for the screen). */
export async function call<M extends Method>(method: M, params: Input<M>): Promise<Output<M>> {
  const result = await transport.rpc(method, params);
  if (!result.ok) {
    if (result.error.code === 'UNAUTHORIZED') for (const listener of sessionEndedListeners) listener(result.error.message);
    throw new ClientError(result.error);
  }
  return result.value as Output<M>;
}

const sessionEndedListeners = new Set<(reason: string) => void>();

/** Called whenever the core answers UNAUTHORIZED: the session expired or was revoked, so the app shows sign-in. */
export function onSessionEnded(listener: (reason: string) => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** After signing in or out: the event stream is reopened for the new caller. */
export function reconnectEvents(): void {
  transport.reconnectEvents();
}

/** Listens to every core event; returns the function that stops listening. */
export function subscribe(listener: EventListener): () => void {
  return transport.onEvent(listener);
}

const runAnyJob = createJobRunner({
  start: (method, params) => call(method as JobMethod, params as Input<JobMethod>),
  subscribe,
  eventsReady: () => transport.eventsReady(),
  wait: (jobId) => call('jobs.wait', { jobId }),
});

/** Starts a long method (import, scan, generate) and resolves with its job result; see job-runner.ts. */
export function runJob<M extends JobMethod>(method: M, params: Input<M>, options?: JobOptions): Promise<JobResult<M>> {
  return runAnyJob(method, params, options) as Promise<JobResult<M>>;
}

/** Asks the core to stop a job; its runJob promise then settles (cancelled, or with a partial result). */
export async function cancelJob(jobId: string): Promise<void> {
  await call('jobs.cancel', { jobId });
}

/**
 * Stop buttons: cancels, and returns the error worth showing, if any. A job that finished on its own in the
 * meantime (JOB_NOT_FOUND) is not an error.
 */
export async function stopJob(jobId: string): Promise<ClientError | undefined> {
  try {
    await cancelJob(jobId);
    return undefined;
  } catch (failure) {
    const error = toClientError(failure);
    return error.code === 'JOB_NOT_FOUND' ? undefined : error;
  }
}
