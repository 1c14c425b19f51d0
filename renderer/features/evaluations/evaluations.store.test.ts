import { beforeEach, expect, test, vi } from 'vitest';
import type { CoreEvent } from '../../api/contract.types.js';
import type { EvalRun } from './eval-types.js';

const client = vi.hoisted(() => ({
  listeners: [] as Array<(event: CoreEvent) => void>,
  runs: [] as Array<Partial<EvalRun>>,
  calls: [] as string[],
  stopped: [] as string[],
}));

vi.mock('../../api/client.js', async (actual) => ({
  ...(await actual<typeof import('../../api/client.js')>()),
  call: vi.fn(async (method: string) => {
    client.calls.push(method);
    if (method === 'eval.runs.list') return client.runs;
    throw new Error(`unexpected ${method}`);
  }),
  stopJob: vi.fn(async (jobId: string) => void client.stopped.push(jobId)),
  subscribe: vi.fn((listener: (event: CoreEvent) => void) => {
    client.listeners.push(listener);
    return () => client.listeners.splice(client.listeners.indexOf(listener), 1);
  }),
}));

const { useEvaluations, watchEvaluations } = await import('./evaluations.store.js');

const run = (id: string, jobId: string | null): Partial<EvalRun> => ({ id, status: 'running', interrupted: false, jobId, createdAt: '' });
const emit = (topic: string, data: Record<string, unknown>) => client.listeners.forEach((listener) => listener({ topic, data } as unknown as CoreEvent));

beforeEach(() => {
  client.calls.length = 0;
  client.stopped.length = 0;
});

test('Cancel stops the job the run names; a run without a job is left alone', async () => {
  await useEvaluations.getState().cancel({ id: 'r1', jobId: 'j1' });
  await useEvaluations.getState().cancel({ id: 'r2', jobId: null });
  expect(client.stopped).toEqual(['j1']);
});

test('the list reads runs only, and refreshes when a job a run names ends', async () => {
  client.runs = [run('r1', 'j1'), run('r2', null)];
  const stop = watchEvaluations();
  await vi.waitFor(() => expect(useEvaluations.getState().runs).toHaveLength(2));
  expect(client.calls).toEqual(['eval.runs.list']);

  client.runs = [{ ...run('r1', null), status: 'cancelled' }, run('r2', null)];
  emit('jobs.cancelled', { jobId: 'j1' });
  await vi.waitFor(() => expect(useEvaluations.getState().runs[0]?.status).toBe('cancelled'));
  // Jobs of other kinds do not refresh it.
  const asked = client.calls.length;
  emit('jobs.succeeded', { jobId: 'g1' });
  emit('jobs.started', { jobId: 'g2', kind: 'inference.generate' });
  await useEvaluations.getState().refresh();
  expect(client.calls).toHaveLength(asked + 1);
  stop();
});
