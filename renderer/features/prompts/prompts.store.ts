import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Input, Output } from '../../api/contract.types.js';

export type PromptSummary = Output<'prompts.list'>[number];
export type PromptDetail = Output<'prompts.show'>;
export type LabelInfo = PromptSummary['labels'][number];
export type LabelMove = Output<'prompts.label'>;
export type AbTest = Output<'prompts.ab.get'>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ClientError };

interface PromptsState {
  prompts: PromptSummary[];
  loaded: boolean;
  error: ClientError | null;
  /** The prompt whose page is open (by name). */
  selected: string | null;
  detail: PromptDetail | null;
  detailError: ClientError | null;
  /** Bumped by every change made here, so panels that read more (history, A/B tests) read again. */
  revision: number;
  refresh(): Promise<void>;
  /** Reads everything again, the open panels included (the CLI, the API and eval gates change the registry too). */
  reload(): Promise<void>;
  select(name: string | null): void;
  create(input: Input<'prompts.create'>): Promise<Outcome<Output<'prompts.create'>>>;
  addVersion(input: Input<'prompts.version'>): Promise<Outcome<Output<'prompts.version'>>>;
  setLabel(input: Input<'prompts.label'>): Promise<Outcome<LabelMove>>;
  rollback(input: Input<'prompts.rollback'>): Promise<Outcome<LabelMove>>;
  abCreate(input: Input<'prompts.ab.create'>): Promise<Outcome<AbTest>>;
  /** Moves the control label to the candidate's version and ends the test. */
  abPromote(testId: string): Promise<Outcome<AbTest>>;
  abRollback(input: Input<'prompts.ab.rollback'>): Promise<Outcome<AbTest>>;
}

/** Bumped by every detail load, so a slow answer for a prompt no longer open is dropped. */
let detailLoad = 0;

export const usePrompts = create<PromptsState>()((set, get) => {
  async function loadDetail(): Promise<void> {
    const asked = ++detailLoad;
    const name = get().selected;
    if (name === null) return set({ detail: null, detailError: null });
    try {
      const detail = await call('prompts.show', { ref: name });
      if (asked === detailLoad) set({ detail, detailError: null });
    } catch (error) {
      if (asked === detailLoad) set({ detail: null, detailError: toClientError(error) });
    }
  }

  /** Runs a change, then reloads the list and the open prompt; failures come back for the form that asked. */
  async function change<T>(run: () => Promise<T>): Promise<Outcome<T>> {
    try {
      const value = await run();
      set((state) => ({ revision: state.revision + 1 }));
      await get().refresh();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toClientError(error) };
    }
  }

  /** An A/B action reads everything again even when refused: an outcome recorded meanwhile may have ended the test. */
  async function abChange<T>(run: () => Promise<T>): Promise<Outcome<T>> {
    const outcome = await change(run);
    if (!outcome.ok) await get().reload();
    return outcome;
  }

  return {
    prompts: [],
    loaded: false,
    error: null,
    selected: null,
    detail: null,
    detailError: null,
    revision: 0,

    async refresh() {
      try {
        const prompts = await call('prompts.list', {});
        const { selected } = get();
        const stillThere = prompts.some((p) => p.name === selected);
        set({ prompts, loaded: true, error: null, selected: stillThere ? selected : (prompts[0]?.name ?? null) });
      } catch (error) {
        set({ loaded: true, error: toClientError(error) });
      }
      await loadDetail();
    },

    reload() {
      set((state) => ({ revision: state.revision + 1 }));
      return get().refresh();
    },

    select(name) {
      if (name === get().selected) return;
      set({ selected: name, detail: null, detailError: null });
      void loadDetail();
    },

    create: (input) =>
      change(async () => {
        const created = await call('prompts.create', input);
        set({ selected: created.name, detail: null, detailError: null });
        return created;
      }),

    addVersion: (input) => change(() => call('prompts.version', input)),
    setLabel: (input) => change(() => call('prompts.label', input)),
    rollback: (input) => change(() => call('prompts.rollback', input)),
    abCreate: (input) => abChange(() => call('prompts.ab.create', input)),
    abPromote: (testId) => abChange(() => call('prompts.ab.promote', { testId })),
    abRollback: (input) => abChange(() => call('prompts.ab.rollback', input)),
  };
});

/** The open prompt's summary (labels with their versions), or null. */
export function useSelectedPrompt(): PromptSummary | null {
  return usePrompts((state) => state.prompts.find((p) => p.name === state.selected) ?? null);
}
