import { create } from 'zustand';
import { cancelJob, runJob, stopJob, toClientError, type ClientError } from '../../api/client.js';
import type { AskResult, CoreEvent, Input } from '../../api/contract.types.js';

export type AskStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed';

export interface AskForm {
  question: string;
  /** '' uses the collection's answer model. */
  model: string;
  /** '' uses the collection's retrieval depth. */
  k: string;
}

interface AskState {
  form: AskForm;
  status: AskStatus;
  jobId: string | null;
  /** The streamed answer; replaced by the checked answer when the job finishes. */
  output: string;
  /** The question the answer is for, to mark its words in the cited passages. */
  asked: string;
  result: AskResult | null;
  error: ClientError | null;
  /** The citation shown in the panel, by its number. */
  activeCitation: number | null;
  setField<K extends keyof AskForm>(key: K, value: AskForm[K]): void;
  ask(collectionId: string): Promise<void>;
  stop(): Promise<void>;
  showCitation(n: number | null): void;
  dismissError(): void;
}

export const isAsking = (status: AskStatus) => status === 'starting' || status === 'running' || status === 'stopping';

export function buildAskInput(collection: string, form: AskForm): Input<'rag.ask'> {
  const input: Input<'rag.ask'> = { collection, question: form.question };
  if (form.model !== '') input.model = form.model;
  if (form.k.trim() !== '') input.k = Number(form.k);
  return input;
}

let runSerial = 0;
let stopRequested = false;

export const useAsk = create<AskState>()((set, get) => ({
  form: { question: '', model: '', k: '' },
  status: 'idle',
  jobId: null,
  output: '',
  asked: '',
  result: null,
  error: null,
  activeCitation: null,

  setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),
  showCitation: (n) => set({ activeCitation: n }),
  dismissError: () => set({ error: null }),

  async ask(collectionId) {
    if (isAsking(get().status)) return;
    const run = ++runSerial;
    const current = () => run === runSerial;
    stopRequested = false;
    const { form } = get();
    set({ status: 'starting', jobId: null, output: '', asked: form.question, result: null, error: null, activeCitation: null });

    const onEvent = (event: CoreEvent) => {
      if (!current() || event.topic !== 'inference.tokensGenerated') return;
      const { text } = event.data as CoreEvent<'inference.tokensGenerated'>['data'];
      set((state) => ({ output: state.output + text }));
    };
    const onStarted = (jobId: string) => {
      if (!current()) return;
      set({ jobId, status: stopRequested ? 'stopping' : 'running' });
      if (stopRequested) void cancelJob(jobId).catch(() => undefined);
    };

    try {
      const result = await runJob('rag.ask', buildAskInput(collectionId, form), { onEvent, onStarted });
      if (!current()) return;
      set({ status: 'done', output: result.answer, result, activeCitation: result.citations[0]?.n ?? null });
    } catch (failure) {
      if (!current()) return;
      const error = toClientError(failure);
      if (error.code === 'CANCELLED') set({ status: 'stopped' });
      else set({ status: 'failed', error });
    } finally {
      if (current()) set({ jobId: null });
    }
  },

  async stop() {
    const { status, jobId } = get();
    if (!isAsking(status)) return;
    stopRequested = true;
    set({ status: 'stopping' });
    if (!jobId) return; // onStarted cancels as soon as the job has an id.
    const error = await stopJob(jobId);
    if (error) set({ error });
  },
}));
