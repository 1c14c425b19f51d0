import { create } from 'zustand';
import type { ClientError } from '../../api/client.js';
import type { GenerationResult } from '../../api/contract.types.js';
import { isStreaming, streamedRun, type StreamStatus } from '../../api/streamed-run.js';
import { buildGenerateInput, defaultForm, type PlaygroundForm } from './generate-request.js';

export type RunStatus = StreamStatus;
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

export const isBusy = isStreaming;

export const usePlayground = create<PlaygroundState>()((set, get) => {
  const runner = streamedRun<PlaygroundState>(set, get);
  return {
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

    generate: () =>
      runner.start('inference.generate', buildGenerateInput(get().form), { result: null }, (result) => ({
        status: result.stopReason === 'cancelled' ? 'stopped' : 'done', output: result.text, result, liveTokens: result.completionTokens,
      })),

    stop: () => runner.stop(),
  };
});
