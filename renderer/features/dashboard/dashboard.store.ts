import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';

export type Summary = Output<'monitor.summary'>;
export type GroupBy = '' | 'model' | 'prompt' | 'collection' | 'user' | 'endpoint' | 'operation';

export const RANGES = [['15m', '15 min'], ['1h', '1 hour'], ['6h', '6 hours'], ['24h', '24 hours'], ['7d', '7 days'], ['30d', '30 days']] as const;

interface DashboardState {
  range: string;
  groupBy: GroupBy;
  summary: Summary | null;
  loading: boolean;
  error: ClientError | null;
  setRange(range: string): void;
  setGroupBy(groupBy: GroupBy): void;
  load(): Promise<void>;
}

let loading = 0;

export const useDashboard = create<DashboardState>((set, get) => ({
  range: '1h',
  groupBy: 'model',
  summary: null,
  loading: false,
  error: null,
  setRange(range) {
    set({ range });
    void get().load();
  },
  setGroupBy(groupBy) {
    set({ groupBy });
    void get().load();
  },
  async load() {
    const mine = ++loading;
    set({ loading: true, error: null });
    try {
      const { range, groupBy } = get();
      const summary = await call('monitor.summary', { since: range, points: 120, ...(groupBy ? { groupBy } : {}) });
      if (mine === loading) set({ summary, loading: false });
    } catch (error) {
      if (mine === loading) set({ error: toClientError(error), loading: false });
    }
  },
}));
