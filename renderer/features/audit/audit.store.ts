import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { AuditEntry, IntegrityReport } from '../../api/contract.types.js';
import { emptyAuditFilter, listParams, matchesAction, type AuditFilterForm } from './audit-filter.js';

/** Rows shown per page ("Load older" asks for one more). */
export const PAGE_SIZE = 100;
/** Entries read per request while an action filter skips non-matching ones. */
const SCAN_SIZE = 500;
/** Entries scanned for one page at most, so a rare action cannot keep a click busy for the whole trail. */
const SCAN_LIMIT = 5_000;

interface AuditState {
  /** The form as typed; `applied` is what the list shows. */
  form: AuditFilterForm;
  applied: AuditFilterForm;
  entries: AuditEntry[];
  /** Where the next older page starts; null when the trail's start was reached. */
  nextBeforeSeq: number | null;
  loading: boolean;
  loaded: boolean;
  error: ClientError | null;
  selectedSeq: number | null;
  integrity: IntegrityReport | null;
  verifying: boolean;
  integrityError: ClientError | null;
  setField<K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]): void;
  /** Lists the newest entries matching the form. */
  apply(): Promise<void>;
  resetFilters(): Promise<void>;
  loadOlder(): Promise<void>;
  select(seq: number | null): void;
  verify(): Promise<void>;
}

/** Bumped by every new listing, so a slow answer to an older one is dropped. */
let listing = 0;

/**
 * Up to PAGE_SIZE entries matching `form`, older than `beforeSeq`. The core filters everything but the action
 * (it matches actions exactly); the action prefix is applied here, reading further back until the page is full.
 */
async function fetchPage(form: AuditFilterForm, beforeSeq: number | null): Promise<{ entries: AuditEntry[]; nextBeforeSeq: number | null }> {
  if (form.action.trim() === '') return call('audit.list', listParams(form, PAGE_SIZE, beforeSeq));
  const entries: AuditEntry[] = [];
  let cursor = beforeSeq;
  let scanned = 0;
  do {
    const page = await call('audit.list', listParams(form, SCAN_SIZE, cursor));
    scanned += page.entries.length;
    for (const entry of page.entries) {
      if (!matchesAction(entry, form.action)) continue;
      entries.push(entry);
      if (entries.length === PAGE_SIZE) return { entries, nextBeforeSeq: entry.seq };
    }
    cursor = page.nextBeforeSeq;
  } while (cursor !== null && scanned < SCAN_LIMIT);
  return { entries, nextBeforeSeq: cursor };
}

export const useAudit = create<AuditState>()((set, get) => ({
  form: emptyAuditFilter,
  applied: emptyAuditFilter,
  entries: [],
  nextBeforeSeq: null,
  loading: false,
  loaded: false,
  error: null,
  selectedSeq: null,
  integrity: null,
  verifying: false,
  integrityError: null,

  setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),

  async apply() {
    const asked = ++listing;
    const applied = get().form;
    set({ loading: true, error: null, applied });
    try {
      const page = await fetchPage(applied, null);
      if (asked === listing) set({ entries: page.entries, nextBeforeSeq: page.nextBeforeSeq, loading: false, loaded: true });
    } catch (error) {
      if (asked === listing) set({ error: toClientError(error), loading: false, loaded: true });
    }
  },

  async resetFilters() {
    set({ form: emptyAuditFilter });
    await get().apply();
  },

  async loadOlder() {
    const { applied, nextBeforeSeq, loading } = get();
    if (nextBeforeSeq === null || loading) return;
    const asked = listing;
    set({ loading: true, error: null });
    try {
      const page = await fetchPage(applied, nextBeforeSeq);
      if (asked === listing) set((state) => ({ entries: [...state.entries, ...page.entries], nextBeforeSeq: page.nextBeforeSeq, loading: false }));
    } catch (error) {
      if (asked === listing) set({ error: toClientError(error), loading: false });
    }
  },

  select: (seq) => set({ selectedSeq: seq }),

  async verify() {
    set({ verifying: true, integrityError: null });
    try {
      set({ integrity: await call('audit.verify', { payloads: true }), verifying: false });
    } catch (error) {
      set({ integrityError: toClientError(error), verifying: false });
    }
  },
}));
