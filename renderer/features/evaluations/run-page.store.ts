import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { EvalResult, EvalRun } from './eval-types.js';

/** Results per page of the results table. */
export const RESULTS_PAGE = 25;

interface RunPageState {
  runId: string | null;
  run: EvalRun | null;
  error: ClientError | null;
  items: EvalResult[];
  total: number;
  offset: number;
  failedOnly: boolean;
  loadingResults: boolean;
  resultsError: ClientError | null;
  /** The result shown in the drill-down, by id. */
  selectedId: number | null;
  /** Opens a run: its header and summary, and the first page of its results. */
  load(runId: string): Promise<void>;
  /** Fetches the run and the current page again (the run moved on). */
  reload(): Promise<void>;
  setPage(offset: number): Promise<void>;
  setFailedOnly(failedOnly: boolean): Promise<void>;
  select(id: number | null): void;
}

/** Bumped by every fetch, so a slow answer for another run or page is dropped. */
let runFetch = 0;
let pageFetch = 0;

export const useRunPage = create<RunPageState>()((set, get) => {
  async function fetchRun(runId: string): Promise<void> {
    const asked = ++runFetch;
    try {
      const run = await call('eval.runs.get', { runId });
      if (asked === runFetch && get().runId === runId) set({ run, error: null });
    } catch (error) {
      if (asked === runFetch && get().runId === runId) set({ error: toClientError(error) });
    }
  }

  async function fetchPage(runId: string, offset: number, failedOnly: boolean): Promise<void> {
    const asked = ++pageFetch;
    set({ loadingResults: true, resultsError: null });
    try {
      const page = await call('eval.runs.results', { runId, offset, limit: RESULTS_PAGE, failedOnly });
      if (asked !== pageFetch) return;
      set({ items: page.items, total: page.total, offset, failedOnly, loadingResults: false });
    } catch (error) {
      if (asked === pageFetch) set({ resultsError: toClientError(error), loadingResults: false });
    }
  }

  return {
    runId: null,
    run: null,
    error: null,
    items: [],
    total: 0,
    offset: 0,
    failedOnly: false,
    loadingResults: false,
    resultsError: null,
    selectedId: null,

    async load(runId) {
      set({ runId, run: null, error: null, items: [], total: 0, offset: 0, failedOnly: false, selectedId: null, resultsError: null });
      await Promise.all([fetchRun(runId), fetchPage(runId, 0, false)]);
    },

    async reload() {
      const { runId, offset, failedOnly } = get();
      if (runId === null) return;
      await Promise.all([fetchRun(runId), fetchPage(runId, offset, failedOnly)]);
    },

    async setPage(offset) {
      const { runId, failedOnly } = get();
      if (runId !== null) await fetchPage(runId, Math.max(0, offset), failedOnly);
    },

    async setFailedOnly(failedOnly) {
      const { runId } = get();
      set({ failedOnly });
      if (runId !== null) await fetchPage(runId, 0, failedOnly);
    },

    select: (id) => set({ selectedId: id }),
  };
});
