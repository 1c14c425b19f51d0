import { create } from 'zustand';
import { call, ClientError, runJob, stopJob, toClientError } from '../../api/client.js';
import type { CoreEvent, Input, Output } from '../../api/contract.types.js';

export type RunInfo = Output<'redteam.runs.list'>[number];
export type RunDetail = Output<'redteam.runs.get'>;
export type Status = 'idle' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed';

export const RISKS = ['LLM01', 'LLM02', 'LLM05', 'LLM06', 'LLM07', 'LLM09', 'LLM10'] as const;
export const STRATEGIES = ['none', 'base64', 'rot13', 'hex', 'leetspeak', 'homoglyph', 'unicode-tags', 'zero-width', 'roleplay', 'hypothetical', 'developer-mode', 'payload-split', 'translation', 'multi-turn'] as const;

export interface RedteamForm {
  targetKind: 'prompt' | 'model' | 'collection';
  target: string;
  model: string;
  risks: string[];
  strategies: string[];
  limit: string;
  maxAsr: string;
  /** Extra probes, one JSON object per line ({"id","text","owasp":[…],"atlas":[…]}). */
  probes: string;
}

/** The extra-probes box as probes; a line that is not a JSON object throws with its number. */
export function parseProbeLines(text: string): NonNullable<Input<'redteam.runs.start'>['probes']> {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      return [value as NonNullable<Input<'redteam.runs.start'>['probes']>[number]];
    } catch (error) {
      throw new Error(`Extra probes, line ${i + 1}: ${(error as Error).message}`);
    }
  });
}

/** The form as the core's input; empty fields are left to the core's defaults. */
export function startInput(form: RedteamForm): Input<'redteam.runs.start'> {
  const model = form.model.trim() ? { model: form.model.trim() } : {};
  // A collection is attacked through poisoned documents in a scratch copy; its answer model unless one is named.
  const target = form.targetKind === 'prompt' ? { prompt: form.target.trim(), ...model } : form.targetKind === 'collection' ? { collection: form.target.trim(), ...model } : { model: form.target.trim() };
  const limit = Number(form.limit);
  const maxAsr = Number(form.maxAsr);
  const probes = parseProbeLines(form.probes);
  return {
    target,
    ...(probes.length > 0 ? { probes } : {}),
    risks: form.risks as Input<'redteam.runs.start'>['risks'],
    strategies: form.strategies as Input<'redteam.runs.start'>['strategies'],
    ...(form.limit.trim() && Number.isInteger(limit) && limit > 0 ? { limit } : {}),
    ...(form.maxAsr.trim() && Number.isFinite(maxAsr) ? { gate: { maxSuccessRate: maxAsr / 100 } } : {}),
  };
}

interface RedteamState {
  form: RedteamForm;
  runs: RunInfo[];
  open: RunDetail | null;
  status: Status;
  jobId: string | null;
  progress: number | null;
  message: string | null;
  error: ClientError | null;
  setForm(patch: Partial<RedteamForm>): void;
  refresh(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  show(runId: string | null): Promise<void>;
  report(runId: string): Promise<string>;
  dismissError(): void;
}

export const useRedteam = create<RedteamState>()((set, get) => ({
  form: { targetKind: 'prompt', target: '', model: '', risks: ['LLM01', 'LLM05', 'LLM07'], strategies: ['none', 'base64', 'developer-mode'], limit: '12', maxAsr: '', probes: '' },
  runs: [],
  open: null,
  status: 'idle',
  jobId: null,
  progress: null,
  message: null,
  error: null,
  setForm: (patch) => set({ form: { ...get().form, ...patch } }),
  dismissError: () => set({ error: null }),

  async refresh() {
    try {
      set({ runs: await call('redteam.runs.list', { limit: 50 }) });
    } catch (error) {
      set({ error: toClientError(error) });
    }
  },

  async start() {
    if (get().status === 'running' || get().status === 'stopping') return;
    let input: Input<'redteam.runs.start'>;
    try {
      input = startInput(get().form);
    } catch (error) {
      return set({ error: new ClientError({ code: 'INVALID_INPUT', message: (error as Error).message }) });
    }
    set({ status: 'running', progress: null, message: null, error: null, jobId: null });
    const onEvent = (event: CoreEvent) => {
      if (event.topic !== 'jobs.progressed') return;
      const { progress, message } = event.data as CoreEvent<'jobs.progressed'>['data'];
      set({ progress, message: message ?? null });
    };
    try {
      const run = await runJob('redteam.runs.start', input, { onEvent, onStarted: (jobId) => set({ jobId }) });
      set({ status: 'done', progress: 1 });
      await get().refresh();
      await get().show(run.id);
    } catch (failed) {
      const error = toClientError(failed);
      set(error.code === 'CANCELLED' ? { status: 'stopped' } : { status: 'failed', error });
    } finally {
      set({ jobId: null });
    }
  },

  async stop() {
    const { jobId } = get();
    if (!jobId) return;
    set({ status: 'stopping' });
    const error = await stopJob(jobId);
    if (error) set({ error });
  },

  async show(runId) {
    if (runId === null) return set({ open: null });
    try {
      set({ open: await call('redteam.runs.get', { runId, failedOnly: false }) });
    } catch (error) {
      set({ error: toClientError(error) });
    }
  },

  async report(runId) {
    return (await call('redteam.runs.report', { runId })).html;
  },
}));
