import { create } from 'zustand';
import { call, stopJob, subscribe, toClientError } from '../../api/client.js';
import type { AppErrorShape, CoreEvent, Output } from '../../api/contract.types.js';
import { summarizeResult } from './job-kinds.js';

type JobInfo = Output<'jobs.list'>[number];

/** A job as the activity panel shows it: the core's JobInfo plus what only its events tell (result, error). */
export interface ActivityJob extends JobInfo {
  /** One line about a succeeded job's result, when its `jobs.succeeded` event was seen here. */
  summary?: string;
  /** Why it failed, when its `jobs.failed` event was seen here. */
  error?: AppErrorShape;
}

/** Finished jobs shown below the running ones; the core keeps more for `jobs.get`. */
const RECENT_FINISHED = 20;

interface ActivityState {
  jobs: ActivityJob[];
  open: boolean;
  /** Why the list could not be loaded, or why a cancel was refused. */
  error: string | null;
  /** Jobs whose cancel was asked for and not yet answered by an event. */
  cancelling: string[];
  setOpen(open: boolean): void;
  refresh(): Promise<void>;
  cancel(jobId: string): Promise<void>;
}

export const useActivity = create<ActivityState>()((set, get) => ({
  jobs: [],
  open: false,
  error: null,
  cancelling: [],
  setOpen(open) {
    set({ open });
    // Opening re-reads the list: an event lost while the stream reconnected would otherwise leave a job "running".
    if (open) void get().refresh();
  },
  async refresh() {
    try {
      const listed = await call('jobs.list', {});
      set((state) => ({ jobs: merge(state.jobs, listed), error: null }));
    } catch (failure) {
      set({ error: toClientError(failure).message });
    }
  },
  async cancel(jobId) {
    set((state) => ({ cancelling: [...state.cancelling, jobId], error: null }));
    const error = await stopJob(jobId);
    if (error) set((state) => ({ cancelling: state.cancelling.filter((id) => id !== jobId), error: error.message }));
  },
}));

/** Running jobs first, then the most recent finished ones; newest first within each. */
export function ordered(jobs: readonly ActivityJob[]): ActivityJob[] {
  const byStart = (a: ActivityJob, b: ActivityJob) => b.startedAt.localeCompare(a.startedAt);
  const running = jobs.filter((job) => job.state === 'running').sort(byStart);
  const finished = jobs.filter((job) => job.state !== 'running').sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''));
  return [...running, ...finished.slice(0, RECENT_FINISHED)];
}

/**
 * The core's list wins, except where an event seen here is newer than its snapshot (a job that ended while the list
 * was on its way) or adds what the list does not carry (result summary, error).
 */
function merge(current: readonly ActivityJob[], listed: readonly JobInfo[]): ActivityJob[] {
  const known = new Map(current.map((job) => [job.id, job]));
  const merged: ActivityJob[] = listed.map((info) => {
    const seen = known.get(info.id);
    known.delete(info.id);
    if (!seen) return info;
    if (info.state === 'running' && seen.state !== 'running') return { ...info, ...seen };
    return { ...seen, ...info };
  });
  // Started after the snapshot was taken.
  return [...merged, ...known.values()];
}

/** Jobs met first through an event (started before the stream was open): the list is re-read once for each. */
const looked = new Set<string>();

function update(jobId: string, change: (job: ActivityJob) => ActivityJob, settles = false): void {
  const state = useActivity.getState();
  if (!state.jobs.some((job) => job.id === jobId)) {
    if (!looked.has(jobId)) {
      looked.add(jobId);
      void state.refresh();
    }
    return;
  }
  useActivity.setState({
    jobs: state.jobs.map((job) => (job.id === jobId ? change(job) : job)),
    ...(settles ? { cancelling: state.cancelling.filter((id) => id !== jobId) } : {}),
  });
}

function ended(state: ActivityJob['state'], extra: Partial<ActivityJob> = {}) {
  return (job: ActivityJob): ActivityJob => ({ ...job, ...extra, state, endedAt: job.endedAt ?? new Date().toISOString() });
}

function apply(event: CoreEvent): void {
  switch (event.topic) {
    case 'jobs.started': {
      const { jobId, kind } = event.data;
      const job: ActivityJob = { id: jobId, kind, state: 'running', startedAt: new Date().toISOString(), endedAt: null, progress: null };
      useActivity.setState((state) => (state.jobs.some((known) => known.id === jobId) ? state : { jobs: [...state.jobs, job] }));
      return;
    }
    case 'jobs.progressed': {
      const { jobId, progress, message } = event.data;
      return update(jobId, (job) => (job.state === 'running' ? { ...job, progress, ...(message ? { message } : {}) } : job));
    }
    case 'jobs.succeeded':
      return update(event.data.jobId, (job) => ended('succeeded', { progress: 1, ...optional('summary', summarizeResult(job.kind, event.data.result)) })(job), true);
    case 'jobs.failed':
      return update(event.data.jobId, ended('failed', { error: event.data.error }), true);
    case 'jobs.cancelled':
      return update(event.data.jobId, ended('cancelled'), true);
    default:
      return;
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * Keeps the signed-in user's jobs current: listens first, then loads `jobs.list` (the core returns only the caller's
 * jobs), so a reload or a new sign-in finds the jobs still running. Returns the function that stops listening.
 */
export function watchActivity(): () => void {
  useActivity.setState({ jobs: [], error: null, cancelling: [] });
  looked.clear();
  const stop = subscribe(apply);
  void useActivity.getState().refresh();
  return stop;
}
