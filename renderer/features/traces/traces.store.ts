import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Input, Output } from '../../api/contract.types.js';

export type TraceRow = Output<'traces.list'>['traces'][number];
export type TraceDetail = Output<'traces.get'>;

/** The filter form as typed (strings); `listParams` turns it into traces.list parameters. */
export interface TraceFilterForm {
  since: string;
  text: string;
  user: string;
  model: string;
  prompt: string;
  collection: string;
  operation: string;
  status: '' | 'ok' | 'error';
  minLatencyMs: string;
  feedback: '' | 'up' | 'down' | 'any' | 'none';
  minScore: string;
}

export const emptyTraceFilter: TraceFilterForm = {
  since: '24h', text: '', user: '', model: '', prompt: '', collection: '', operation: '', status: '', minLatencyMs: '', feedback: '', minScore: '',
};

const PAGE = 200;

export function listParams(form: TraceFilterForm, cursor?: string): Input<'traces.list'> {
  const text = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());
  const num = (v: string): number | undefined => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));
  return {
    from: text(form.since), text: text(form.text), user: text(form.user), model: text(form.model), prompt: text(form.prompt),
    collection: text(form.collection), operation: text(form.operation), status: form.status || undefined, minLatencyMs: num(form.minLatencyMs),
    feedback: form.feedback || undefined, minScore: num(form.minScore), limit: PAGE, ...(cursor ? { cursor } : {}),
  };
}

interface TracesState {
  form: TraceFilterForm;
  rows: TraceRow[];
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  error: ClientError | null;
  selectedId: string | null;
  detail: TraceDetail | null;
  detailError: ClientError | null;
  setField<K extends keyof TraceFilterForm>(key: K, value: TraceFilterForm[K]): void;
  apply(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): Promise<void>;
  /** After feedback: the detail and its row show it. */
  refreshSelected(): Promise<void>;
}

let listing = 0;

export const useTraces = create<TracesState>((set, get) => ({
  form: emptyTraceFilter,
  rows: [],
  nextCursor: null,
  loading: false,
  loaded: false,
  error: null,
  selectedId: null,
  detail: null,
  detailError: null,
  setField: (key, value) => set({ form: { ...get().form, [key]: value } }),
  async apply() {
    const mine = ++listing;
    set({ loading: true, error: null });
    try {
      const page = await call('traces.list', listParams(get().form));
      if (mine === listing) set({ rows: page.traces, nextCursor: page.nextCursor, loading: false, loaded: true });
    } catch (error) {
      if (mine === listing) set({ error: toClientError(error), loading: false, loaded: true });
    }
  },
  async loadMore() {
    const { nextCursor, loading } = get();
    if (!nextCursor || loading) return;
    const mine = listing;
    set({ loading: true });
    try {
      const page = await call('traces.list', listParams(get().form, nextCursor));
      if (mine === listing) set({ rows: [...get().rows, ...page.traces], nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      set({ error: toClientError(error), loading: false });
    }
  },
  async select(id) {
    set({ selectedId: id, detail: null, detailError: null });
    if (id === null) return;
    try {
      const detail = await call('traces.get', { traceId: id });
      if (get().selectedId === id) set({ detail });
    } catch (error) {
      if (get().selectedId === id) set({ detailError: toClientError(error) });
    }
  },
  async refreshSelected() {
    const id = get().selectedId;
    if (!id) return;
    const detail = await call('traces.get', { traceId: id });
    set({ detail, rows: get().rows.map((r) => (r.id === id ? { ...r, feedback: detail.feedback } : r)) });
  },
}));
