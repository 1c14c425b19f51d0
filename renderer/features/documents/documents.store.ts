import { create } from 'zustand';
import { call, subscribe, toClientError, type ClientError } from '../../api/client.js';
import type { DocumentInfo, Input } from '../../api/contract.types.js';
import { reportError } from '../shell/notices.store.js';

/** Documents fetched per request; the list loads only the pages its visible rows need. */
export const PAGE_SIZE = 200;

/** How the list is sorted and filtered; the core does both, so paging stays exact over any number of documents. */
export type DocumentView = Required<Pick<Input<'rag.documents.list'>, 'sort' | 'order' | 'status'>> & { query: string; format: string };
export const defaultView: DocumentView = { sort: 'source', order: 'asc', status: 'all', query: '', format: '' };

interface DocumentsState {
  collectionId: string | null;
  view: DocumentView;
  /** The document whose detail is open. */
  openId: number | null;
  /** Documents the caller may see; null until the first page arrives. */
  total: number | null;
  /** Loaded pages by page number; a row whose page is missing shows as loading. */
  pages: Record<number, DocumentInfo[]>;
  error: ClientError | null;
  /** Shows a collection's documents (again: fetched afresh). */
  open(collectionId: string | null): void;
  /** Loads the pages of rows [first, last) that are not loaded yet. */
  ensure(first: number, last: number): void;
  /** Fetches the visible pages again (documents were added or removed) and drops the others. */
  reload(): void;
  remove(documentId: number): Promise<boolean>;
  /** Changes the order or filters and loads the list from its start. */
  setView(patch: Partial<DocumentView>): void;
  setOpenId(id: number | null): void;
}

/** Bumped whenever the pages are thrown away, so answers to older requests are ignored. */
let generation = 0;
const inFlight = new Set<string>();
let visible = { first: 0, last: 0 };

function pagesOf(first: number, last: number): number[] {
  if (last <= first) return [0];
  const pages: number[] = [];
  for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor((last - 1) / PAGE_SIZE); page++) pages.push(page);
  return pages;
}

export const useDocuments = create<DocumentsState>()((set, get) => {
  async function fetchPage(collectionId: string, page: number): Promise<{ total: number; items: DocumentInfo[] } | null> {
    try {
      const { sort, order, status, query, format } = get().view;
      const filters = { ...(query.trim() ? { query: query.trim() } : {}), ...(format ? { format } : {}) };
      return await call('rag.documents.list', { collection: collectionId, offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort, order, status, ...filters });
    } catch (error) {
      set({ error: toClientError(error) });
      return null;
    }
  }

  function load(page: number): void {
    const { collectionId } = get();
    const key = `${generation}:${page}`;
    if (!collectionId || inFlight.has(key)) return;
    inFlight.add(key);
    const asked = generation;
    void fetchPage(collectionId, page).then((result) => {
      inFlight.delete(key);
      if (!result || asked !== generation) return;
      set((state) => ({ total: result.total, pages: { ...state.pages, [page]: result.items }, error: null }));
    });
  }

  return {
    collectionId: null,
    view: defaultView,
    openId: null,
    total: null,
    pages: {},
    error: null,

    open(collectionId) {
      // Back on the screen with the same collection: it may have changed meanwhile (nothing listened).
      if (collectionId === get().collectionId) return get().reload();
      generation++;
      visible = { first: 0, last: 0 };
      set({ collectionId, total: null, pages: {}, error: null, openId: null });
      if (collectionId) load(0);
    },

    setView(patch) {
      generation++;
      visible = { first: 0, last: 0 };
      set((state) => ({ view: { ...state.view, ...patch }, total: null, pages: {}, error: null }));
      if (get().collectionId) load(0);
    },

    setOpenId(openId) {
      set({ openId });
    },

    ensure(first, last) {
      visible = { first, last };
      const { pages } = get();
      for (const page of pagesOf(first, last)) if (!pages[page]) load(page);
    },

    reload() {
      const { collectionId } = get();
      if (!collectionId) return;
      const asked = ++generation;
      const wanted = pagesOf(visible.first, visible.last);
      // The old rows stay on screen until the fresh pages replace them, so the list does not flash empty.
      void Promise.all(wanted.map((page) => fetchPage(collectionId, page))).then((results) => {
        if (asked !== generation) return;
        const pages: Record<number, DocumentInfo[]> = {};
        let total = get().total;
        results.forEach((result, i) => {
          if (!result) return;
          pages[wanted[i]!] = result.items;
          total = result.total;
        });
        set({ pages, total });
      });
    },

    async remove(documentId) {
      const { collectionId } = get();
      if (!collectionId) return false;
      try {
        await call('rag.documents.remove', { collection: collectionId, documentId });
        if (get().openId === documentId) set({ openId: null });
        get().reload();
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },
  };
});

/** Reloads the open list whenever its collection changes in the core (an ingestion, a removal, a re-index). */
export function watchDocuments(): () => void {
  return subscribe((event) => {
    if (event.topic !== 'rag.collectionsChanged') return;
    const { collectionId } = event.data as { collectionId: string | null };
    const open = useDocuments.getState().collectionId;
    if (open && (collectionId === null || collectionId === open)) useDocuments.getState().reload();
  });
}

/** The document at a row, or undefined while its page loads. */
export function documentAt(pages: Record<number, DocumentInfo[]>, index: number): DocumentInfo | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}
