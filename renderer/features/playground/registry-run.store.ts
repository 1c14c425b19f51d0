import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { streamedRun, type StreamedRunState } from '../../api/streamed-run.js';
import { buildPromptRunInput, emptyRegistryForm, type PromptRunResult, type RegistryForm, type ResolvedPrompt } from './prompt-run-request.js';

export type PromptSummary = Output<'prompts.list'>[number];

type TextField = 'modelId' | 'maxTokens' | 'temperature' | 'seed' | 'subject';

interface RegistryRunState extends StreamedRunState {
  prompts: PromptSummary[];
  promptsLoaded: boolean;
  listError: ClientError | null;
  /** Versions of the chosen prompt, newest first. */
  versions: string[];
  form: RegistryForm;
  /** What the ref means now, before any A/B split (its variables make the form); null while asking or after a failure. */
  resolved: ResolvedPrompt | null;
  resolveError: ClientError | null;
  /** `output` is the released text (a sentence at a time, each scanned); the result's text replaces it at the end. */
  result: PromptRunResult | null;
  /** Reads the prompt list again, then the chosen prompt's versions and what its ref points at now. */
  loadPrompts(): Promise<void>;
  choosePrompt(name: string): void;
  setRef(ref: string): void;
  setValue(name: string, text: string): void;
  setField(key: TextField, value: string): void;
  run(): Promise<void>;
  stop(): Promise<void>;
  dismissError(): void;
}

/** Bumped by every resolve, so a slow answer for a ref no longer chosen is dropped. */
let resolveSerial = 0;

export const useRegistryRun = create<RegistryRunState>()((set, get) => {
  const runner = streamedRun<RegistryRunState>(set, get);

  async function resolveRef(): Promise<void> {
    const asked = ++resolveSerial;
    const { prompt, ref } = get().form;
    if (prompt === '') return set({ versions: [], resolved: null, resolveError: null });
    const [shown, resolved] = await Promise.allSettled([
      call('prompts.show', { ref: prompt }),
      // No subject: resolving with one would assign it an A/B arm (sticky) while it is still being typed.
      call('prompts.resolve', { ref }),
    ]);
    if (asked !== resolveSerial) return;
    set({
      versions: shown.status === 'fulfilled' ? shown.value.versions.map((v) => v.version) : [],
      resolved: resolved.status === 'fulfilled' ? resolved.value : null,
      resolveError: resolved.status === 'rejected' ? toClientError(resolved.reason) : null,
    });
  }

  return {
    prompts: [],
    promptsLoaded: false,
    listError: null,
    versions: [],
    form: emptyRegistryForm,
    resolved: null,
    resolveError: null,
    status: 'idle',
    jobId: null,
    output: '',
    liveTokens: 0,
    result: null,
    error: null,

    async loadPrompts() {
      try {
        const prompts = await call('prompts.list', {});
        set({ prompts, promptsLoaded: true, listError: null });
        const { form } = get();
        const first = prompts[0];
        if (!prompts.some((p) => p.name === form.prompt)) {
          // The chosen prompt is gone (or none was chosen yet): take the first.
          set({ form: { ...form, prompt: first?.name ?? '', ref: first?.name ?? '' } });
        }
      } catch (failure) {
        set({ promptsLoaded: true, listError: toClientError(failure) });
      }
      await resolveRef();
    },

    choosePrompt(name) {
      set((state) => ({ form: { ...state.form, prompt: name, ref: name }, resolved: null, resolveError: null }));
      void resolveRef();
    },

    setRef(ref) {
      set((state) => ({ form: { ...state.form, ref }, resolved: null, resolveError: null }));
      void resolveRef();
    },

    setValue: (name, text) => set((state) => ({ form: { ...state.form, values: { ...state.form.values, [name]: text } } })),

    setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),

    dismissError: () => set({ error: null }),

    run() {
      const { form, resolved } = get();
      const input = buildPromptRunInput(form, resolved?.version.variables ?? []);
      // The result's text is the one the output guardrails passed in full: it wins over what streamed.
      return runner.start('prompts.run', input, { result: null }, (result) => ({
        status: result.stopReason === 'cancelled' ? 'stopped' : 'done', output: result.text, result, liveTokens: result.completionTokens,
      }));
    },

    stop: () => runner.stop(),
  };
});
