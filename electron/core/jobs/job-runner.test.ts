import { expect, test } from 'vitest';
import { EventBus } from '../events/event-bus.js';
import { JobRunner } from './job-runner.js';

test("a job keeps its last progress message, so a screen opened mid-job (or reloaded) can show it", async () => {
  const runner = new JobRunner(new EventBus(), () => undefined);
  let step: (() => void) | undefined;
  const jobId = runner.start('rag.ingest', async (job) => {
    job.progress(0.25, 'reading report.pdf');
    job.progress(0.5); // no message: the last one stands
    await new Promise<void>((resolve) => (step = resolve));
    return 'done';
  });
  await expect.poll(() => runner.get(jobId).progress).toBe(0.5);
  expect(runner.get(jobId)).toMatchObject({ state: 'running', progress: 0.5, message: 'reading report.pdf' });
  expect(runner.listFor('ada', false)[0]?.message).toBe('reading report.pdf');
  step?.();
  await runner.wait(jobId);
  expect(runner.get(jobId)).toMatchObject({ state: 'succeeded', message: 'reading report.pdf' });
});

test('a job that never reports a message has none', async () => {
  const runner = new JobRunner(new EventBus(), () => undefined);
  const jobId = runner.start('models.scan', async (job) => {
    job.progress(1);
  });
  await runner.wait(jobId);
  expect(runner.get(jobId)).not.toHaveProperty('message');
});
