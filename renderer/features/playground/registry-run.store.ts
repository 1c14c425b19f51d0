import { create } from 'zustand';
import { call, cancelJob, runJob, stopJob, toClientError, type ClientError } from '../../api/client.js';
import type { CoreEvent, Output } from '../../api/contract.types.js';
import { isBusy, type RunStatus } from './playground.store.js';
import { buildPromptRunInput, emptyRegistryForm, type PromptRunResult, type RegistryForm, type ResolvedPrompt } from './prompt-run-request.js';

export type PromptSummary = Output<'prompts.list'>[number];

type TextField = 'modelId' | 'maxTokens' | 'temperature' | 'seed' | 'subject';

interface RegistryRunState {
  prompts: PromptSummary[];
  promptsLoaded: boolean;
  listError: ClientError | null;
  /** Versions of the chosen prompt, newest first. */
  versions: string[];
  form: RegistryForm;
  /** What the ref means now, before any A/B split (its variables make the form); null while asking or after a failure. */
  resolved: ResolvedPrompt | null;
  resolveError: ClientError | null;
  status: RunStatus;
  jobId: string | null;
  /** The released text (a sentence at a time, each scanned); replaced by the result's text when the job ends. */
  output: string;
  liveTokens: number;
  result: PromptRunResult | null;
  error: ClientError | null;
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

let runSerial = 0;
let stopRequested = false;
/** Bumped by every resolve, so a slow answer for a ref no longer chosen is dropped. */
let resolveSerial = 0;

export const useRegistryRun = create<RegistryRunState>()((set, get) => {
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

    async run() {
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
        const { form, resolved } = get();
        const input = buildPromptRunInput(form, resolved?.version.variables ?? []);
        const result = await runJob('prompts.run', input, { onEvent, onStarted });
        if (!current()) return;
        // The result's text is the one the output guardrails passed in full: it wins over what streamed.
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
  };
});
