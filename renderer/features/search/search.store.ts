import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Hit, Input, RetrievalMode, SearchFilters } from '../../api/contract.types.js';
import { parseList } from '../collections/ingest.store.js';

export interface SearchForm {
  query: string;
  /** '' uses the collection's own mode. */
  mode: RetrievalMode | '';
  k: string;
  /** Comma-separated. */
  formats: string;
  /** Comma-separated source path prefixes. */
  sources: string;
  tags: string;
}

interface SearchState {
  form: SearchForm;
  searching: boolean;
  hits: Hit[] | null;
  /** The query the hits answer (the box may have changed since), for highlighting. */
  searched: string;
  elapsedMs: number | null;
  error: ClientError | null;
  setField<K extends keyof SearchForm>(key: K, value: SearchForm[K]): void;
  search(collectionId: string): Promise<void>;
  dismissError(): void;
}

export const defaultSearchForm: SearchForm = { query: '', mode: '', k: '10', formats: '', sources: '', tags: '' };

/** The request as the core wants it; empty fields are left out, the rest validated by the core. */
export function buildSearchInput(collection: string, form: SearchForm): Input<'rag.search'> {
  const input: Input<'rag.search'> = { collection, query: form.query };
  if (form.mode !== '') input.mode = form.mode;
  if (form.k.trim() !== '') input.k = Number(form.k);
  const filters: SearchFilters = {};
  const formats = parseList(form.formats.toLowerCase());
  const sources = parseList(form.sources);
  const tags = parseList(form.tags);
  if (formats.length > 0) filters.formats = formats;
  if (sources.length > 0) filters.sources = sources;
  if (tags.length > 0) filters.tags = tags;
  if (Object.keys(filters).length > 0) input.filters = filters;
  return input;
}

let serial = 0;

export const useSearch = create<SearchState>()((set, get) => ({
  form: defaultSearchForm,
  searching: false,
  hits: null,
  searched: '',
  elapsedMs: null,
  error: null,

  setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),
  dismissError: () => set({ error: null }),

  async search(collectionId) {
    const run = ++serial;
    const { form } = get();
    set({ searching: true, error: null });
    const started = performance.now();
    try {
      const { hits } = await call('rag.search', buildSearchInput(collectionId, form));
      // A newer search owns the screen; this answer is dropped.
      if (run === serial) set({ hits, searched: form.query, elapsedMs: performance.now() - started, searching: false });
    } catch (failure) {
      if (run === serial) set({ error: toClientError(failure), hits: null, elapsedMs: null, searching: false });
    }
  },
}));
