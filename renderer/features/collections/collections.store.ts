import { create } from 'zustand';
import { call, subscribe, toClientError, type ClientError } from '../../api/client.js';
import type { Collection, CollectionSettingsPatch, CoreEvent } from '../../api/contract.types.js';
import { reportError, reportInfo } from '../shell/notices.store.js';
import { followJob } from './follow-job.js';

/** A re-index the core runs after a settings change, with its progress. */
export interface Reindex {
  jobId: string;
  /** 0..1 once the core reports progress. */
  progress: number | null;
}

/** What a save did: the new version, and whether a re-index started. */
export type SaveOutcome = { ok: true; collection: Collection; reindexing: boolean } | { ok: false; error: ClientError };

interface CollectionsState {
  collections: Collection[];
  loaded: boolean;
  /** The collection the RAG screens work on (Collections, Documents, Search, Ask share it). */
  selectedId: string | null;
  /** Running re-index jobs, by collection id. */
  reindexing: Record<string, Reindex>;
  refresh(): Promise<void>;
  select(id: string | null): void;
  create(name: string, settings: CollectionSettingsPatch): Promise<{ ok: true; collection: Collection } | { ok: false; error: ClientError }>;
  update(id: string, settings: CollectionSettingsPatch): Promise<SaveOutcome>;
  remove(id: string): Promise<boolean>;
}

let refreshing: Promise<void> | null = null;
let refreshAgain = false;

export const useCollections = create<CollectionsState>()((set, get) => {
  function trackReindex(collection: Collection, jobId: string): void {
    set((state) => ({ reindexing: { ...state.reindexing, [collection.id]: { jobId, progress: null } } }));
    const onEvent = (event: CoreEvent) => {
      if (event.topic !== 'jobs.progressed') return;
      const { progress } = event.data as CoreEvent<'jobs.progressed'>['data'];
      set((state) => (state.reindexing[collection.id]?.jobId === jobId ? { reindexing: { ...state.reindexing, [collection.id]: { jobId, progress } } } : {}));
    };
    followJob(jobId, { onEvent })
      .then(() => reportInfo(`Re-indexing of "${collection.name}" finished; the new index now answers.`))
      .catch((error: unknown) => reportError(error))
      .finally(() => {
        set((state) => {
          const { [collection.id]: _done, ...rest } = state.reindexing;
          return { reindexing: rest };
        });
        void get().refresh();
      });
  }

  return {
    collections: [],
    loaded: false,
    selectedId: null,
    reindexing: {},

    // Coalesces bursts of rag.collectionsChanged (one per ingested batch): one request in flight, at most one more.
    refresh() {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          try {
            const collections = await call('rag.collections.list', {});
            const { selectedId } = get();
            const stillThere = collections.some((c) => c.id === selectedId);
            set({ collections, loaded: true, selectedId: stillThere ? selectedId : (collections[0]?.id ?? null) });
          } catch (error) {
            reportError(error);
          }
        } while (refreshAgain);
        refreshing = null;
      })();
      return refreshing;
    },

    select: (id) => set({ selectedId: id }),

    async create(name, settings) {
      try {
        const collection = await call('rag.collections.create', { name, settings });
        set((state) => ({
          collections: [...state.collections.filter((c) => c.id !== collection.id), collection],
          selectedId: collection.id,
        }));
        return { ok: true, collection };
      } catch (error) {
        return { ok: false, error: toClientError(error) };
      }
    },

    async update(id, settings) {
      try {
        const { collection, reindexJobId } = await call('rag.collections.update', { collection: id, settings });
        set((state) => ({ collections: state.collections.map((c) => (c.id === collection.id ? collection : c)) }));
        if (reindexJobId) trackReindex(collection, reindexJobId);
        return { ok: true, collection, reindexing: reindexJobId !== null };
      } catch (error) {
        return { ok: false, error: toClientError(error) };
      }
    },

    async remove(id) {
      try {
        await call('rag.collections.remove', { collection: id });
        set((state) => {
          const collections = state.collections.filter((c) => c.id !== id);
          return { collections, selectedId: state.selectedId === id ? (collections[0]?.id ?? null) : state.selectedId };
        });
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },
  };
});

let watchers = 0;
let stopWatching: (() => void) | null = null;

/**
 * Loads the collections and keeps them current on `rag.collectionsChanged` while any RAG screen is shown;
 * returns the function that stops (the last screen to go stops listening).
 */
export function watchCollections(): () => void {
  void useCollections.getState().refresh();
  if (watchers++ === 0) {
    stopWatching = subscribe((event) => {
      if (event.topic === 'rag.collectionsChanged') void useCollections.getState().refresh();
    });
  }
  return () => {
    if (--watchers === 0) {
      stopWatching?.();
      stopWatching = null;
    }
  };
}

/** The selected collection, or null when there is none. */
export function useSelectedCollection(): Collection | null {
  return useCollections((state) => state.collections.find((c) => c.id === state.selectedId) ?? null);
}
