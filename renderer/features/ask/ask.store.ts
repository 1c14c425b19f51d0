import { create } from 'zustand';
import type { AskResult, Input } from '../../api/contract.types.js';
import { isStreaming, streamedRun, type StreamedRunState, type StreamStatus } from '../../api/streamed-run.js';

export type AskStatus = StreamStatus;

export interface AskForm {
  question: string;
  /** '' uses the collection's answer model. */
  model: string;
  /** '' uses the collection's retrieval depth. */
  k: string;
}

interface AskState extends StreamedRunState {
  form: AskForm;
  /** `output` streams the answer; the checked answer replaces it when the job finishes. */
  /** The question the answer is for, to mark its words in the cited passages. */
  asked: string;
  result: AskResult | null;
  /** The citation shown in the panel, by its number. */
  activeCitation: number | null;
  setField<K extends keyof AskForm>(key: K, value: AskForm[K]): void;
  ask(collectionId: string): Promise<void>;
  stop(): Promise<void>;
  showCitation(n: number | null): void;
  dismissError(): void;
}

export const isAsking = isStreaming;

export function buildAskInput(collection: string, form: AskForm): Input<'rag.ask'> {
  const input: Input<'rag.ask'> = { collection, question: form.question };
  if (form.model !== '') input.model = form.model;
  if (form.k.trim() !== '') input.k = Number(form.k);
  return input;
}

export const useAsk = create<AskState>()((set, get) => {
  const runner = streamedRun<AskState>(set, get);
  return {
    form: { question: '', model: '', k: '' },
    status: 'idle',
    jobId: null,
    output: '',
    liveTokens: 0,
    asked: '',
    result: null,
    error: null,
    activeCitation: null,

    setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),
    showCitation: (n) => set({ activeCitation: n }),
    dismissError: () => set({ error: null }),

    ask(collectionId) {
      const { form } = get();
      return runner.start('rag.ask', buildAskInput(collectionId, form), { asked: form.question, result: null, activeCitation: null }, (result) => ({
        output: result.answer, result, activeCitation: result.citations[0]?.n ?? null,
      }));
    },

    stop: () => runner.stop(),
  };
});
