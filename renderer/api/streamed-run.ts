import { cancelJob, runJob, stopJob, toClientError, type ClientError } from './client.js';
import type { CoreEvent, Input, JobMethod, JobResult } from './contract.types.js';

export type StreamStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed';

export const isStreaming = (status: StreamStatus): boolean => status === 'starting' || status === 'running' || status === 'stopping';

/** The part of a screen's store a streamed run drives. */
export interface StreamedRunState {
  status: StreamStatus;
  jobId: string | null;
  /** The streamed text; the store's `finish` replaces it with the result's. */
  output: string;
  /** Completion tokens so far, from the stream. */
  liveTokens: number;
  error: ClientError | null;
}

type SetState<S> = (partial: Partial<S> | ((state: S) => Partial<S>)) => void;

/**
 * One streaming job at a time for a screen (Playground, Ask): Run starts it and streams `inference.tokensGenerated`
 * into `output`; a newer run makes an older one's late events and result void; Stop works even before the job has
 * an id (the start then cancels it at once). Each store keeps its own instance, so screens never share a run.
 */
export function streamedRun<S extends StreamedRunState>(set: SetState<S>, get: () => S) {
  let serial = 0;
  let stopRequested = false;

  return {
    /**
     * Runs `method`; `reset` is merged into the state as it starts (fields to clear), `finish` turns the result into
     * the final state (its `status` defaults to 'done').
     */
    async start<M extends JobMethod>(method: M, input: Input<M>, reset: Partial<S>, finish: (result: JobResult<M>) => Partial<S>): Promise<void> {
      if (isStreaming(get().status)) return;
      const run = ++serial;
      const current = (): boolean => run === serial;
      stopRequested = false;
      set({ ...reset, status: 'starting', jobId: null, output: '', liveTokens: 0, error: null } as Partial<S>);

      const onEvent = (event: CoreEvent): void => {
        if (!current() || event.topic !== 'inference.tokensGenerated') return;
        const { text, completionTokens } = event.data as CoreEvent<'inference.tokensGenerated'>['data'];
        set((state) => ({ output: state.output + text, liveTokens: completionTokens }) as Partial<S>);
      };
      const onStarted = (jobId: string): void => {
        if (!current()) return;
        set({ jobId, status: stopRequested ? 'stopping' : 'running' } as Partial<S>);
        if (stopRequested) void cancelJob(jobId).catch(() => undefined);
      };

      try {
        const result = await runJob(method, input, { onEvent, onStarted });
        if (current()) set({ status: 'done', ...finish(result) } as Partial<S>);
      } catch (failure) {
        if (!current()) return;
        const error = toClientError(failure);
        set((error.code === 'CANCELLED' ? { status: 'stopped' } : { status: 'failed', error }) as Partial<S>);
      } finally {
        if (current()) set({ jobId: null } as Partial<S>);
      }
    },

    async stop(): Promise<void> {
      const { status, jobId } = get();
      if (!isStreaming(status)) return;
      stopRequested = true;
      set({ status: 'stopping' } as Partial<S>);
      if (!jobId) return; // the start cancels as soon as the job has an id
      const error = await stopJob(jobId);
      if (error) set({ error } as Partial<S>);
    },
  };
}
