import { describe, expect, test } from 'vitest';
import type { CoreEvent } from './contract.types.js';
import { ClientError } from './client-error.js';
import { createJobRunner, type JobRunnerDeps } from './job-runner.js';
import type { EventListener } from './transport.js';

/** A fake core: `start` answers with a job id after `beforeReply` has emitted whatever events it wants. */
function fakeCore(options: { beforeReply?: (emit: (event: CoreEvent) => void) => void; startError?: ClientError; wait?: JobRunnerDeps['wait'] }) {
  const listeners = new Set<EventListener>();
  const emit = (event: CoreEvent) => listeners.forEach((listener) => listener(event));
  const calls: string[] = [];
  const deps: JobRunnerDeps = {
    async start(method) {
      calls.push(method);
      if (options.startError) throw options.startError;
      options.beforeReply?.(emit);
      return { jobId: 'job-1' };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    eventsReady: () => Promise.resolve(),
    ...(options.wait ? { wait: options.wait } : {}),
  };
  return { deps, emit, calls, listenerCount: () => listeners.size };
}

const tokens = (jobId: string, text: string, completionTokens: number): CoreEvent => ({ topic: 'inference.tokensGenerated', data: { jobId, text, completionTokens } });

describe('runJob', () => {
  test('replays events that arrive before the core names the job, and ignores other jobs', async () => {
    const core = fakeCore({
      beforeReply: (emit) => {
        emit(tokens('job-0', 'other', 1));
        emit(tokens('job-1', 'Once', 1));
        emit(tokens('job-1', ' upon', 2));
        emit({ topic: 'jobs.succeeded', data: { jobId: 'job-1', result: 'done' } });
      },
    });
    const seen: string[] = [];
    const result = await createJobRunner(core.deps)('inference.generate', {}, {
      onEvent: (event) => event.topic === 'inference.tokensGenerated' && seen.push((event.data as { text: string }).text),
    });
    expect(result).toBe('done');
    expect(seen).toEqual(['Once', ' upon']);
    expect(core.listenerCount()).toBe(0);
  });

  test('settles on events after the reply and reports the job id', async () => {
    const core = fakeCore({});
    let started = '';
    const running = createJobRunner(core.deps)('models.import', { path: '/m.gguf' }, { onStarted: (id) => (started = id) });
    await expect.poll(() => started).toBe('job-1');
    core.emit({ topic: 'jobs.progressed', data: { jobId: 'job-1', progress: 0.5 } });
    core.emit({ topic: 'jobs.succeeded', data: { jobId: 'job-1', result: { id: 'm1' } } });
    await expect(running).resolves.toEqual({ id: 'm1' });
  });

  test('a failed job rejects with its code and message', async () => {
    const core = fakeCore({ beforeReply: (emit) => emit({ topic: 'jobs.failed', data: { jobId: 'job-1', error: { code: 'MODEL_INVALID', message: 'Not a GGUF file' } } }) });
    const failure = await createJobRunner(core.deps)('models.import', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ClientError);
    expect(failure).toMatchObject({ code: 'MODEL_INVALID', message: 'Not a GGUF file' });
  });

  test('a cancelled job rejects with CANCELLED', async () => {
    const core = fakeCore({ beforeReply: (emit) => emit({ topic: 'jobs.cancelled', data: { jobId: 'job-1' } }) });
    await expect(createJobRunner(core.deps)('inference.generate', {})).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  test('a refused start rejects with the core error and stops listening', async () => {
    const core = fakeCore({ startError: new ClientError({ code: 'INVALID_INPUT', message: 'The prompt is empty' }) });
    await expect(createJobRunner(core.deps)('inference.generate', {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(core.listenerCount()).toBe(0);
  });

  test('jobs.wait settles the job when its final event is lost', async () => {
    const core = fakeCore({ wait: async () => 'from wait' });
    await expect(createJobRunner(core.deps)('models.scan', {})).resolves.toBe('from wait');
  });

  test('a jobs.wait that knows nothing of the job leaves the outcome to the events', async () => {
    const core = fakeCore({ wait: () => Promise.reject(new ClientError({ code: 'JOB_NOT_FOUND', message: 'gone' })) });
    let started = false;
    const running = createJobRunner(core.deps)('models.scan', {}, { onStarted: () => (started = true) });
    await expect.poll(() => started).toBe(true);
    await Promise.resolve();
    core.emit({ topic: 'jobs.succeeded', data: { jobId: 'job-1', result: 'from event' } });
    await expect(running).resolves.toBe('from event');
  });
});
