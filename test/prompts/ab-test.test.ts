import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AbTest } from '../../electron/core/contract/prompts.api.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { bucketOf } from '../../electron/core/prompts/ab/ab-test.service.js';
import { tempDir } from '../helpers/fixtures.js';

interface Assignment { arm: 'control' | 'candidate'; label: string; version: string; sticky: boolean }

describe('A/B tests between labelled prompt versions', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
    for (const name of ['greet', 'reply']) {
      await client.call('prompts.create', { name, user: 'Hello {{who}}' });
      await client.call('prompts.version', { prompt: name, user: 'Hi there, {{who}}', message: 'friendlier' });
      await client.call('prompts.label', { prompt: name, label: 'production', version: '1.0.0' });
      await client.call('prompts.label', { prompt: name, label: 'staging', version: '1.1.0' });
    }
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('buckets are uniform and deterministic', () => {
    const buckets = Array.from({ length: 4000 }, (_, i) => bucketOf('t1', `user-${i}`));
    expect(buckets.every((b) => b >= 0 && b < 100)).toBe(true);
    const share = buckets.filter((b) => b < 30).length / buckets.length;
    expect(Math.abs(share - 0.3)).toBeLessThan(0.03);
    expect(bucketOf('t1', 'user-7')).toBe(buckets[7]);
  });

  test('assignment follows the split and sticks; resolve with a subject uses it', async () => {
    const ab = await client.call<AbTest>('prompts.ab.create', { prompt: 'greet', candidatePercent: 20 });
    expect(ab).toMatchObject({ controlLabel: 'production', candidateLabel: 'staging', status: 'running' });
    expect((await client.failure('prompts.ab.create', { prompt: 'greet' })).message).toContain('already has a running A/B test');
    const arms: Assignment[] = [];
    for (let i = 0; i < 400; i++) arms.push(await client.call<Assignment>('prompts.ab.assign', { testId: ab.id, subject: `s${i}` }));
    const candidates = arms.filter((a) => a.arm === 'candidate');
    expect(candidates.length / arms.length).toBeGreaterThan(0.12);
    expect(candidates.length / arms.length).toBeLessThan(0.28);
    expect(candidates.every((a) => a.version === '1.1.0')).toBe(true);
    const again = await client.call<Assignment>('prompts.ab.assign', { testId: ab.id, subject: 's3' });
    expect(again).toEqual({ ...arms[3], sticky: true });

    const subject = `s${arms.findIndex((a) => a.arm === 'candidate')}`;
    const resolved = await client.call<{ version: { version: string }; via: string; ab: { arm: string } }>('prompts.resolve', { ref: 'greet@production', subject });
    expect([resolved.version.version, resolved.via, resolved.ab.arm]).toEqual(['1.1.0', 'ab', 'candidate']);
    // An explicit version is never redirected.
    expect((await client.call<{ via: string }>('prompts.resolve', { ref: 'greet@1.0.0', subject })).via).toBe('version');
    const status = await client.call<AbTest>('prompts.ab.get', { testId: ab.id });
    expect(status.arms.map((a) => a.subjects).reduce((s, n) => s + n, 0)).toBe(400);
  });

  test('outcomes per arm with a significance test; promote moves the control label', async () => {
    const [ab] = await client.call<AbTest[]>('prompts.ab.list', { prompt: 'greet' });
    for (let i = 0; i < 20; i++) {
      await client.call('prompts.ab.record', { testId: ab!.id, arm: 'control', metric: 'feedback', value: i % 4 === 0 ? 1 : 0 });
      await client.call('prompts.ab.record', { testId: ab!.id, arm: 'candidate', metric: 'feedback', value: i % 4 === 0 ? 0 : 1 });
    }
    const status = await client.call<AbTest>('prompts.ab.get', { testId: ab!.id });
    expect(status.arms.map((a) => [a.arm, a.n, a.mean])).toEqual([['control', 20, 0.25], ['candidate', 20, 0.75]]);
    expect(status.significance).toMatchObject({ metric: 'feedback', difference: 0.5, significant: true });
    expect(status.significance!.pValue).toBeLessThan(0.01);
    const promoted = await client.call<AbTest>('prompts.ab.promote', { testId: ab!.id });
    expect(promoted.status).toBe('promoted');
    expect((await client.call<{ version: { version: string } }>('prompts.resolve', { ref: 'greet@production' })).version.version).toBe('1.1.0');
    // After the decision, everyone gets the control label (which now points at the promoted version).
    expect(await client.call<Assignment>('prompts.ab.assign', { testId: ab!.id, subject: 'late' })).toMatchObject({ arm: 'control', version: '1.1.0', sticky: false });
    expect((await client.call<{ recorded: boolean }>('prompts.ab.record', { testId: ab!.id, arm: 'candidate', metric: 'feedback', value: 1 })).recorded).toBe(false);
    // The ended test still shows the versions it compared, though production has moved since.
    expect(promoted.arms.map((a) => [a.arm, a.version])).toEqual([['control', '1.0.0'], ['candidate', '1.1.0']]);
    expect(promoted.decision).toMatchObject({ versions: { control: '1.0.0', candidate: '1.1.0' } });
  });

  test('automatic rollback when the candidate’s monitored score drops below the threshold', async () => {
    const ab = await client.call<AbTest>('prompts.ab.create', { prompt: 'reply', candidatePercent: 50, monitor: { metric: 'judge', threshold: 3, minSamples: 5 } });
    const candidateSubject = Array.from({ length: 50 }, (_, i) => `u${i}`).find((s) => bucketOf(ab.id, s) < 50)!;
    await client.call('prompts.ab.assign', { testId: ab.id, subject: candidateSubject });
    const scores = [4, 2, 2, 1, 2];
    const results = [];
    for (const value of scores) results.push(await client.call<{ autoRolledBack: boolean; test: AbTest }>('prompts.ab.record', { testId: ab.id, subject: candidateSubject, metric: 'judge', value }));
    // Four outcomes are too few to act on; the fifth brings the mean (2.2) below 3 with enough samples.
    expect(results.map((r) => r.autoRolledBack)).toEqual([false, false, false, false, true]);
    const ended = results.at(-1)!.test;
    expect(ended.status).toBe('rolled_back');
    expect(ended.decision).toMatchObject({ reason: 'automatic', metric: 'judge', candidateMean: 2.2, threshold: 3, samples: 5 });
    expect(await client.call<Assignment>('prompts.ab.assign', { testId: ab.id, subject: candidateSubject })).toMatchObject({ arm: 'control', version: '1.0.0' });
    expect((await client.failure('prompts.ab.rollback', { testId: ab.id })).message).toContain('already ended');
    expect((await client.failure('prompts.ab.record', { testId: ab.id, subject: 'never-seen', metric: 'judge', value: 1 })).message).toContain('never assigned');
  });

  test('for latency a candidate fails by rising above the threshold, not by falling below it', async () => {
    await client.call('prompts.create', { name: 'fast', user: 'Be quick, {{who}}' });
    await client.call('prompts.version', { prompt: 'fast', user: 'Be very quick, {{who}}', message: 'quicker' });
    await client.call('prompts.label', { prompt: 'fast', label: 'production', version: '1.0.0' });
    await client.call('prompts.label', { prompt: 'fast', label: 'staging', version: '1.1.0' });
    const ab = await client.call<AbTest>('prompts.ab.create', { prompt: 'fast', monitor: { metric: 'latencyMs', threshold: 500, minSamples: 3 } });
    const record = (value: number) => client.call<{ autoRolledBack: boolean }>('prompts.ab.record', { testId: ab.id, arm: 'candidate', metric: 'latencyMs', value });
    // Fast answers (well under 500 ms) keep the test running.
    for (const ms of [120, 150, 130]) expect((await record(ms)).autoRolledBack).toBe(false);
    // Slow ones push the mean above the threshold: rolled back.
    let rolledBack = false;
    for (const ms of [1500, 1600, 1700]) rolledBack ||= (await record(ms)).autoRolledBack;
    expect(rolledBack).toBe(true);
    expect(await client.call<AbTest>('prompts.ab.get', { testId: ab.id })).toMatchObject({ status: 'rolled_back', decision: { reason: 'automatic', lowerIsBetter: true } });
  });

  test('arms are pinned to their versions at the start: moving a label mid-test changes neither the arm nor the promotion', async () => {
    await client.call('prompts.create', { name: 'pinned', user: 'One {{who}}' });
    await client.call('prompts.version', { prompt: 'pinned', user: 'Two {{who}}', message: 'two' });
    await client.call('prompts.version', { prompt: 'pinned', user: 'Three {{who}}', message: 'three' });
    await client.call('prompts.label', { prompt: 'pinned', label: 'production', version: '1.0.0' });
    await client.call('prompts.label', { prompt: 'pinned', label: 'staging', version: '1.1.0' });
    const ab = await client.call<AbTest>('prompts.ab.create', { prompt: 'pinned', candidatePercent: 100 });
    await client.call('prompts.label', { prompt: 'pinned', label: 'staging', version: '1.2.0' });
    expect(await client.call<Assignment>('prompts.ab.assign', { testId: ab.id, subject: 'p1' })).toMatchObject({ arm: 'candidate', label: 'staging', version: '1.1.0' });
    expect((await client.call<{ version: { version: string } }>('prompts.resolve', { ref: 'pinned@production', subject: 'p1' })).version.version).toBe('1.1.0');
    const promoted = await client.call<AbTest>('prompts.ab.promote', { testId: ab.id });
    expect(promoted.decision).toMatchObject({ version: '1.1.0', versions: { control: '1.0.0', candidate: '1.1.0' } });
    expect((await client.call<{ version: { version: string } }>('prompts.resolve', { ref: 'pinned@production' })).version.version).toBe('1.1.0');
  });
});
