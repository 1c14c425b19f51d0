import { create } from 'zustand';
import { call, runJob, stopJob, subscribe, toClientError, type ClientError } from '../../api/client.js';
import { orderForCompare, togglePick } from './compare-highlight.js';
import type { EvalRun } from './eval-types.js';

/** Runs listed, newest first. */
export const LIST_LIMIT = 200;

/** The kind the core gives eval run jobs (eval.runs.start and eval.runs.resume). */
export const EVAL_RUN_JOB = 'eval.run';

export type EvalView = { kind: 'list' } | { kind: 'run'; runId: string } | { kind: 'compare'; base: string; head: string };

interface EvaluationsState {
  view: EvalView;
  runs: EvalRun[];
  loaded: boolean;
  error: ClientError | null;
  /** Runs whose resume or cancel was asked and not answered yet. */
  busy: Record<string, 'resuming' | 'cancelling'>;
  /** Up to two run ids, in the order they were picked. */
  picked: string[];
  refresh(): Promise<void>;
  open(runId: string): void;
  showList(): void;
  togglePick(runId: string): void;
  clearPicks(): void;
  /** Opens the comparison of the two picked runs (the older is the base). */
  comparePicked(): void;
  resume(runId: string): Promise<void>;
  /** Stops the job executing the run (its `jobId`); a run without one cannot be cancelled from here. */
  cancel(run: Pick<EvalRun, 'id' | 'jobId'>): Promise<void>;
  dismissError(): void;
}

/**
 * Ids of the eval run jobs seen, so that their progress and end refresh the list: events name a job's kind only
 * when it starts, and a run started before the screen was shown names its job in the list (`jobId`).
 */
const evalJobs = new Set<string>();

let refreshing: Promise<void> | null = null;
let refreshAgain = false;

export const useEvaluations = create<EvaluationsState>()((set, get) => ({
  view: { kind: 'list' },
  runs: [],
  loaded: false,
  error: null,
  busy: {},
  picked: [],

  // Progress events come in bursts: one request in flight, at most one more after it.
  refresh() {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        try {
          const runs = await call('eval.runs.list', { limit: LIST_LIMIT });
          for (const run of runs) if (run.jobId !== null) evalJobs.add(run.jobId);
          const ids = new Set(runs.map((r) => r.id));
          set((state) => ({ runs, loaded: true, picked: state.picked.filter((id) => ids.has(id)) }));
        } catch (error) {
          set({ error: toClientError(error), loaded: true });
        }
      } while (refreshAgain);
      refreshing = null;
    })();
    return refreshing;
  },

  open: (runId) => set({ view: { kind: 'run', runId } }),
  showList: () => set({ view: { kind: 'list' } }),
  togglePick: (runId) => set((state) => ({ picked: togglePick(state.picked, runId) })),
  clearPicks: () => set({ picked: [] }),

  comparePicked() {
    const { runs, picked } = get();
    const [a, b] = picked.map((id) => runs.find((r) => r.id === id));
    if (!a || !b) return;
    set({ view: { kind: 'compare', ...orderForCompare(a, b) } });
  },

  async resume(runId) {
    if (get().busy[runId]) return;
    set((state) => ({ busy: { ...state.busy, [runId]: 'resuming' }, error: null }));
    // Once the job runs, the list names it as the run's jobId: what Cancel stops.
    const onStarted = (jobId: string) => {
      evalJobs.add(jobId);
      set((state) => {
        const { [runId]: _done, ...busy } = state.busy;
        return { busy };
      });
      void get().refresh();
    };
    try {
      await runJob('eval.runs.resume', { runId }, { onStarted });
    } catch (failure) {
      const error = toClientError(failure);
      if (error.code !== 'CANCELLED') set({ error });
    } finally {
      set((state) => {
        const { [runId]: _done, ...busy } = state.busy;
        return { busy };
      });
      void get().refresh();
    }
  },

  async cancel({ id: runId, jobId }) {
    if (jobId === null || get().busy[runId]) return;
    set((state) => ({ busy: { ...state.busy, [runId]: 'cancelling' }, error: null }));
    const error = await stopJob(jobId);
    set((state) => {
      const { [runId]: _done, ...busy } = state.busy;
      return { busy, ...(error ? { error } : {}) };
    });
    void get().refresh();
  },

  dismissError: () => set({ error: null }),
}));

/** Time between two list refreshes while a run reports progress. */
const PROGRESS_REFRESH_MS = 700;

let watchers = 0;
let stopWatching: (() => void) | null = null;
let progressTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Loads the runs and keeps them current while the screen is shown: a new eval job, its progress (at most one
 * refresh per PROGRESS_REFRESH_MS) and its end each refresh the list. Returns the function that stops.
 */
export function watchEvaluations(): () => void {
  void useEvaluations.getState().refresh();
  if (watchers++ === 0) {
    stopWatching = subscribe((event) => {
      const data = event.data as { jobId?: unknown; kind?: unknown };
      if (typeof data.jobId !== 'string') return;
      if (event.topic === 'jobs.started') {
        if (data.kind !== EVAL_RUN_JOB) return;
        evalJobs.add(data.jobId);
        void useEvaluations.getState().refresh();
        return;
      }
      if (!evalJobs.has(data.jobId)) return;
      if (event.topic === 'jobs.progressed') {
        progressTimer ??= setTimeout(() => {
          progressTimer = null;
          void useEvaluations.getState().refresh();
        }, PROGRESS_REFRESH_MS);
      } else if (event.topic === 'jobs.succeeded' || event.topic === 'jobs.failed' || event.topic === 'jobs.cancelled') {
        evalJobs.delete(data.jobId);
        void useEvaluations.getState().refresh();
      }
    });
  }
  return () => {
    if (--watchers === 0) {
      stopWatching?.();
      stopWatching = null;
      if (progressTimer) clearTimeout(progressTimer);
      progressTimer = null;
    }
  };
}
