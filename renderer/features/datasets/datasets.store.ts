import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { DatasetCase, DatasetSummary, DatasetVersionPage, LabelReport } from './dataset-types.js';
import { applyToLabel, effectiveLabel, isPairwise, labelChanges, sameLabel, stepCursor, withLabel, type LabelCommand, type PendingLabels } from './label-edit.js';

/** Cases per page of the case list. */
export const CASES_PAGE = 50;
/** The most labels one save (one new version) takes: the contract's limit. */
export const MAX_LABELS_PER_SAVE = 1000;

interface DatasetsState {
  datasets: DatasetSummary[];
  loaded: boolean;
  error: ClientError | null;
  /** The dataset open below the list. */
  selected: string | null;
  /** The version shown, a page of its cases, and its dataset's version history. */
  page: DatasetVersionPage | null;
  offset: number;
  loading: boolean;
  pageError: ClientError | null;
  /** The case shown in full (and labeled), as an index into `page.cases`. */
  cursor: number;
  labeling: boolean;
  /** Unsaved labels by case key, across pages; sent together by save(). */
  pending: PendingLabels;
  /** Ask a preference (A/B/tie) on every case, not only the pairwise ones. */
  preferenceEverywhere: boolean;
  note: string;
  saving: boolean;
  saveError: ClientError | null;
  /** The last save's result, shown until labeling goes on. */
  saved: LabelReport | null;
  refresh(): Promise<void>;
  /** Opens a dataset at a version (default the latest) from its first page; unsaved labels of another dataset are dropped. */
  open(name: string, version?: number): Promise<void>;
  setPage(offset: number, cursor?: number): Promise<void>;
  select(index: number): void;
  move(by: 1 | -1): Promise<void>;
  setLabeling(on: boolean): void;
  /** A labeling command on the current case; `toggle` (clicks) takes away a value chosen already. */
  command(command: LabelCommand, toggle?: boolean): void;
  setPreferenceEverywhere(on: boolean): void;
  setNote(note: string): void;
  discard(): void;
  /** Sends the unsaved labels as a new version based on the version shown. */
  save(): Promise<void>;
  /** After a stale refusal: opens the latest version, keeping the unsaved labels (they apply to it by case key). */
  reloadLatest(): Promise<void>;
  exportCases(): Promise<{ fileName: string; content: string } | null>;
  dismissError(): void;
  dismissSaveError(): void;
}

/** The version shown can be labeled only while it is the latest (runs record the version they used). */
export function isLatest(page: DatasetVersionPage | null): boolean {
  return page !== null && page.version === page.dataset.latestVersion;
}

/** Bumped by every page fetch, so a slow answer for another dataset or page is dropped. */
let pageFetch = 0;

export const useDatasets = create<DatasetsState>()((set, get) => {
  async function fetchPage(name: string, version: number | undefined, offset: number, cursor: number): Promise<boolean> {
    const asked = ++pageFetch;
    set({ loading: true, pageError: null });
    try {
      const page = await call('eval.datasets.show', { dataset: version === undefined ? name : `${name}@${version}`, offset, limit: CASES_PAGE });
      if (asked !== pageFetch) return false;
      // Unsaved labels that now equal the stored ones are no longer changes.
      const pending = prune(get().pending, page.cases);
      set({ page, offset, cursor: Math.max(0, Math.min(cursor, page.cases.length - 1)), pending, loading: false });
      return true;
    } catch (error) {
      if (asked === pageFetch) set({ pageError: toClientError(error), loading: false });
      return false;
    }
  }

  const current = (): DatasetCase | undefined => get().page?.cases[get().cursor];

  return {
    datasets: [],
    loaded: false,
    error: null,
    selected: null,
    page: null,
    offset: 0,
    loading: false,
    pageError: null,
    cursor: 0,
    labeling: false,
    pending: {},
    preferenceEverywhere: false,
    note: '',
    saving: false,
    saveError: null,
    saved: null,

    async refresh() {
      try {
        set({ datasets: await call('eval.datasets.list', {}), loaded: true, error: null });
      } catch (error) {
        set({ error: toClientError(error), loaded: true });
      }
    },

    async open(name, version) {
      const same = get().selected === name;
      set({ selected: name, saveError: null, ...(same ? {} : { page: null, pending: {}, note: '', saved: null, labeling: false }) });
      await fetchPage(name, version, 0, 0);
    },

    async setPage(offset, cursor = 0) {
      const { selected, page } = get();
      if (selected === null || page === null) return;
      await fetchPage(selected, page.version, Math.max(0, offset), cursor);
    },

    select: (index) => set({ cursor: index }),

    async move(by) {
      const { page, offset, cursor, loading } = get();
      if (page === null || loading) return;
      const next = stepCursor({ offset, index: cursor }, by, CASES_PAGE, page.total);
      if (next === null) return;
      if (next.offset === offset) set({ cursor: next.index });
      else await get().setPage(next.offset, next.index);
    },

    setLabeling: (on) => set({ labeling: on, ...(on ? { saved: null } : {}) }),

    command(command, toggle = false) {
      if (command.kind === 'move') return void get().move(command.by);
      const { page, pending, labeling, preferenceEverywhere } = get();
      const item = current();
      if (!labeling || !isLatest(page) || !item) return;
      if (command.kind === 'revert') {
        const { [item.key]: _dropped, ...rest } = pending;
        return set({ pending: rest });
      }
      if (command.kind === 'preference' && !isPairwise(item, pending[item.key], preferenceEverywhere)) return;
      set({ pending: withLabel(pending, item, applyToLabel(effectiveLabel(item, pending), command, toggle)), saved: null });
    },

    setPreferenceEverywhere: (on) => set({ preferenceEverywhere: on }),
    setNote: (note) => set({ note }),
    discard: () => set({ pending: {}, note: '', saveError: null }),

    async save() {
      const { selected, page, pending, note, saving } = get();
      const labels = labelChanges(pending);
      if (selected === null || page === null || saving || labels.length === 0 || labels.length > MAX_LABELS_PER_SAVE) return;
      set({ saving: true, saveError: null });
      try {
        const saved = await call('eval.datasets.label', { dataset: `${selected}@${page.version}`, labels, ...(note.trim() ? { note: note.trim() } : {}) });
        // The new version is shown before the result, so labels and "Saved as vN" never disagree on screen.
        await Promise.all([get().refresh(), fetchPage(selected, saved.version, get().offset, get().cursor)]);
        set({ saved, pending: {}, note: '', saving: false });
      } catch (error) {
        set({ saveError: toClientError(error), saving: false });
      }
    },

    async reloadLatest() {
      const { selected, offset, cursor } = get();
      if (selected === null) return;
      set({ saveError: null });
      await Promise.all([get().refresh(), fetchPage(selected, undefined, offset, cursor)]);
    },

    async exportCases() {
      const { selected, page } = get();
      if (selected === null || page === null) return null;
      try {
        const exported = await call('eval.datasets.export', { dataset: `${selected}@${page.version}`, format: 'jsonl' });
        return { fileName: `${exported.dataset}@${exported.version}.jsonl`, content: exported.content ?? '' };
      } catch (error) {
        set({ pageError: toClientError(error) });
        return null;
      }
    },

    dismissError: () => set({ error: null }),
    dismissSaveError: () => set({ saveError: null }),
  };
});

function prune(pending: PendingLabels, cases: DatasetCase[]): PendingLabels {
  let next = pending;
  for (const item of cases) {
    if (Object.hasOwn(next, item.key) && sameLabel(next[item.key], item.human)) {
      const { [item.key]: _same, ...rest } = next;
      next = rest;
    }
  }
  return next;
}
