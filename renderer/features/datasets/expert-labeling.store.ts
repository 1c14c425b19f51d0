import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';

export type Queue = Output<'labeling.queue'>;
export type Question = Queue['questions'][number];
export type LabelValue = Queue['cases'][number]['mine'][string];
export type Progress = Output<'labeling.progress'>;
export type Agreement = Output<'labeling.agreement'>;

interface ExpertLabelingState {
  dataset: string | null;
  queue: Queue | null;
  progress: Progress;
  agreement: Agreement | null;
  index: number;
  /** The open case's answers as typed (saved with `save`). */
  draft: Record<string, LabelValue>;
  saving: boolean;
  error: ClientError | null;
  /** `canLabel`: the caller holds eval.label (a reader sees progress and agreement only). */
  open(dataset: string, canLabel: boolean): Promise<void>;
  go(index: number): void;
  setAnswer(question: string, value: LabelValue | undefined): void;
  save(): Promise<void>;
  dismissError(): void;
}

/** Labeling by several experts on the Datasets screen: the caller's queue, their own labels, progress and agreement. */
export const useExpertLabeling = create<ExpertLabelingState>()((set, get) => ({
  dataset: null, queue: null, progress: [], agreement: null, index: 0, draft: {}, saving: false, error: null,

  async open(dataset, canLabel) {
    set({ dataset, queue: null, agreement: null, progress: [], index: 0, draft: {} });
    try {
      const [queue, progress, agreement] = await Promise.all([
        canLabel ? call('labeling.queue', { dataset }) : call('labeling.questions.list', { dataset }).then((questions) => ({ questions, cases: [] })),
        call('labeling.progress', { dataset }), call('labeling.agreement', { dataset }),
      ]);
      set({ queue, progress, agreement, draft: queue.cases[0]?.mine ?? {} });
    } catch (error) {
      set({ error: toClientError(error) });
    }
  },

  go(index) {
    const queue = get().queue;
    if (!queue || index < 0 || index >= queue.cases.length) return;
    set({ index, draft: queue.cases[index]!.mine });
  },

  setAnswer: (question, value) => set((state) => {
    const draft = { ...state.draft };
    if (value === undefined) delete draft[question];
    else draft[question] = value;
    return { draft };
  }),

  async save() {
    const { dataset, queue, index, draft } = get();
    const current = queue?.cases[index];
    if (!dataset || !current) return;
    set({ saving: true });
    try {
      await call('labeling.submit', { dataset, caseKey: current.key, labels: draft });
      const [fresh, progress, agreement] = await Promise.all([call('labeling.queue', { dataset }), call('labeling.progress', { dataset }), call('labeling.agreement', { dataset })]);
      set({ queue: fresh, progress, agreement });
      get().go(Math.min(index + 1, fresh.cases.length - 1));
    } catch (error) {
      set({ error: toClientError(error) });
    } finally {
      set({ saving: false });
    }
  },

  dismissError: () => set({ error: null }),
}));
