import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { bestMatch } from './compare-highlight.js';
import type { CaseChange, EvalResult, EvalRun, RunComparison } from './eval-types.js';

export interface CasePair {
  change: CaseChange;
  base: EvalResult | null;
  head: EvalResult | null;
  loading: boolean;
  error: ClientError | null;
}

interface CompareState {
  base: string | null;
  head: string | null;
  runs: { base: EvalRun | null; head: EvalRun | null };
  comparison: RunComparison | null;
  loading: boolean;
  error: ClientError | null;
  pair: CasePair | null;
  load(base: string, head: string): Promise<void>;
  openCase(change: CaseChange): Promise<void>;
  closeCase(): void;
}

/** Results asked for one case: one per prompt × model, so a single page holds them all (the largest the core gives). */
const CASE_PAGE = 1000;

/** The result of a case in a run: its results (one per prompt × model), then the row the change names (see bestMatch). */
async function findResult(runId: string, change: CaseChange): Promise<EvalResult | null> {
  const page = await call('eval.runs.results', { runId, caseKey: change.caseKey, offset: 0, limit: CASE_PAGE, failedOnly: false });
  return bestMatch(page.items, change)?.result ?? null;
}

let comparing = 0;
let opening = 0;

export const useCompare = create<CompareState>()((set, get) => ({
  base: null,
  head: null,
  runs: { base: null, head: null },
  comparison: null,
  loading: false,
  error: null,
  pair: null,

  async load(base, head) {
    const asked = ++comparing;
    set({ base, head, runs: { base: null, head: null }, comparison: null, loading: true, error: null, pair: null });
    try {
      const [comparison, baseRun, headRun] = await Promise.all([
        call('eval.runs.compare', { base, head }),
        call('eval.runs.get', { runId: base }),
        call('eval.runs.get', { runId: head }),
      ]);
      if (asked === comparing) set({ comparison, runs: { base: baseRun, head: headRun }, loading: false });
    } catch (error) {
      if (asked === comparing) set({ error: toClientError(error), loading: false });
    }
  },

  async openCase(change) {
    const { base, head } = get();
    if (base === null || head === null) return;
    const asked = ++opening;
    set({ pair: { change, base: null, head: null, loading: true, error: null } });
    try {
      const [baseResult, headResult] = await Promise.all([findResult(base, change), findResult(head, change)]);
      if (asked === opening) set({ pair: { change, base: baseResult, head: headResult, loading: false, error: null } });
    } catch (error) {
      if (asked === opening) set({ pair: { change, base: null, head: null, loading: false, error: toClientError(error) } });
    }
  },

  closeCase: () => {
    opening++;
    set({ pair: null });
  },
}));
