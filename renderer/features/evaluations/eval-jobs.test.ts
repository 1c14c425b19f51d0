import { expect, test } from 'vitest';
import { matchRunJobs, newRunningRun } from './eval-jobs.js';

const job = (id: string, kind = 'eval.run', state: 'running' | 'succeeded' = 'running') => ({ id, kind, state, startedAt: '', endedAt: null, progress: null });
const run = (id: string, status: 'running' | 'succeeded' = 'running', interrupted = false) => ({ id, status, interrupted });

test('known pairs are kept while their job runs; finished jobs are dropped', () => {
  expect(matchRunJobs([run('r1'), run('r2')], [job('j1'), job('j2')], { r1: 'j1', r2: 'j2' })).toEqual({ r1: 'j1', r2: 'j2' });
  expect(matchRunJobs([run('r1')], [job('j1', 'eval.run', 'succeeded')], { r1: 'j1' })).toEqual({});
});

test('one unknown running run and one unknown eval job pair up; more than one is never guessed', () => {
  expect(matchRunJobs([run('r1'), run('r2', 'succeeded')], [job('j9'), job('g1', 'inference.generate')], {})).toEqual({ r1: 'j9' });
  expect(matchRunJobs([run('r1'), run('r2')], [job('j8'), job('j9')], {})).toEqual({});
  expect(matchRunJobs([run('r1'), run('r2')], [job('j1'), job('j9')], { r1: 'j1' })).toEqual({ r1: 'j1', r2: 'j9' });
});

test('an interrupted run has no job to cancel', () => {
  expect(matchRunJobs([run('r1', 'running', true)], [job('j1')], {})).toEqual({});
});

test('a new run is the one running run that was not listed before', () => {
  expect(newRunningRun([{ id: 'a' }], [run('b'), run('a')])).toBe('b');
  expect(newRunningRun([{ id: 'a' }], [run('b', 'succeeded'), run('a')])).toBeNull();
  expect(newRunningRun([], [run('b'), run('c')])).toBeNull();
});
