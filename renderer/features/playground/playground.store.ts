import { create } from 'zustand';
import { cancelJob, runJob, stopJob, toClientError, type ClientError } from '../../api/client.js';
import type { CoreEvent, GenerationResult } from '../../api/contract.types.js';
import { buildGenerateInput, defaultForm, type PlaygroundForm } from './generate-request.js';

export type RunStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed';
/** Free text (or chat) to `inference.generate`, or a registry prompt to `prompts.run`. */
export type PlaygroundSource = 'free' | 'registry';

interface PlaygroundState {
  source: PlaygroundSource;
  form: PlaygroundForm;
  status: RunStatus;
  jobId: string | null;
  /** The streamed text; replaced by the result's text when the job finishes. */
  output: string;
  /** Completion tokens so far, from the stream. */
  liveTokens: number;
  result: GenerationResult | null;
  error: ClientError | null;
  setSource(source: PlaygroundSource): void;
  setField<K extends keyof PlaygroundForm>(key: K, value: PlaygroundForm[K]): void;
  generate(): Promise<void>;
  stop(): Promise<void>;
  dismissError(): void;
}

export const isBusy = (status: RunStatus) => status === 'starting' || status === 'running' || status === 'stopping';

let runSerial = 0;
let stopRequested = false;

export const usePlayground = create<PlaygroundState>()((set, get) => ({
  source: 'free',
  form: defaultForm,
  status: 'idle',
  jobId: null,
  output: '',
  liveTokens: 0,
  result: null,
  error: null,

  setSource: (source) => set({ source }),
  setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),
  dismissError: () => set({ error: null }),

  async generate() {
    if (isBusy(get().status)) return;
    const run = ++runSerial;
    const current = () => run === runSerial;
    stopRequested = false;
    set({ status: 'starting', jobId: null, output: '', liveTokens: 0, result: null, error: null });

    const onEvent = (event: CoreEvent) => {
      if (!current() || event.topic !== 'inference.tokensGenerated') return;
      const { text, completionTokens } = event.data as CoreEvent<'inference.tokensGenerated'>['data'];
      set((state) => ({ output: state.output + text, liveTokens: completionTokens }));
    };
    const onStarted = (jobId: string) => {
      if (!current()) return;
      set({ jobId, status: stopRequested ? 'stopping' : 'running' });
      if (stopRequested) void cancelJob(jobId).catch(() => undefined);
    };

    try {
      const result = await runJob('inference.generate', buildGenerateInput(get().form), { onEvent, onStarted });
      if (!current()) return;
      set({ status: result.stopReason === 'cancelled' ? 'stopped' : 'done', output: result.text, result, liveTokens: result.completionTokens });
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
    if (!isBusy(status)) return;
    stopRequested = true;
    set({ status: 'stopping' });
    if (!jobId) return; // onStarted cancels as soon as the job has an id.
    const error = await stopJob(jobId);
    if (error) set({ error });
  },
}));
