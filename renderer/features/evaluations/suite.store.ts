import { create } from 'zustand';
import { cancelJob, call, runJob, stopJob, toClientError, type ClientError } from '../../api/client.js';
import type { CoreEvent, Input } from '../../api/contract.types.js';
import { suiteProblems, type SuiteProblem } from './eval-format.js';
import type { EvalRun, SuiteCheck } from './eval-types.js';
import { useEvaluations } from './evaluations.store.js';

export type StartStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed';

export const isStarting = (status: StartStatus): boolean => status === 'starting' || status === 'running' || status === 'stopping';

interface SuiteState {
  text: string;
  /** Optional name of the run (the suite's description otherwise). */
  name: string;
  /** Optional baseline run id, for gates that compare with one. */
  baseline: string;
  validating: boolean;
  /** What the last successful validation found. */
  check: SuiteCheck | null;
  /** The problems of the suite, by line, from the last validation or start. */
  problems: SuiteProblem[];
  error: ClientError | null;
  status: StartStatus;
  jobId: string | null;
  progress: number | null;
  message: string | null;
  /** The run the last start made, once it finished. */
  finished: EvalRun | null;
  setText(text: string): void;
  setName(name: string): void;
  setBaseline(runId: string): void;
  validate(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A rejected suite shows its problems by line; any other failure is an error message. */
function failure(error: ClientError): Pick<SuiteState, 'problems' | 'error'> {
  const problems = suiteProblems(error);
  return problems.length > 0 ? { problems, error: null } : { problems: [], error };
}

export function startInput(state: Pick<SuiteState, 'text' | 'name' | 'baseline'>): Input<'eval.runs.start'> {
  const input: Input<'eval.runs.start'> = { suite: state.text };
  if (state.name.trim() !== '') input.name = state.name.trim();
  if (state.baseline !== '') input.baseline = state.baseline;
  return input;
}

let startSerial = 0;
let stopRequested = false;

export const useSuite = create<SuiteState>()((set, get) => ({
  text: '',
  name: '',
  baseline: '',
  validating: false,
  check: null,
  problems: [],
  error: null,
  status: 'idle',
  jobId: null,
  progress: null,
  message: null,
  finished: null,

  // Editing makes the last verdict stale.
  setText: (text) => set({ text, check: null }),
  setName: (name) => set({ name }),
  setBaseline: (baseline) => set({ baseline }),

  async validate() {
    const { text } = get();
    if (text.trim() === '') return;
    set({ validating: true, check: null, problems: [], error: null });
    try {
      const check = await call('eval.suites.validate', { suite: text });
      if (get().text === text) set({ check, validating: false });
      else set({ validating: false });
    } catch (error) {
      set({ validating: false, ...failure(toClientError(error)) });
    }
  },

  async start() {
    const state = get();
    if (isStarting(state.status) || state.text.trim() === '') return;
    const serial = ++startSerial;
    const current = () => serial === startSerial;
    stopRequested = false;
    set({ status: 'starting', jobId: null, progress: null, message: null, finished: null, problems: [], error: null });

    const onStarted = (jobId: string) => {
      if (!current()) return;
      set({ jobId, status: stopRequested ? 'stopping' : 'running' });
      if (stopRequested) void cancelJob(jobId).catch(() => undefined);
      void useEvaluations.getState().refresh(); // The new run shows, with its job to cancel.
    };
    const onEvent = (event: CoreEvent) => {
      if (!current() || event.topic !== 'jobs.progressed') return;
      const { progress, message } = event.data as CoreEvent<'jobs.progressed'>['data'];
      set({ progress, message: message ?? null });
    };

    try {
      const run = await runJob('eval.runs.start', startInput(state), { onStarted, onEvent });
      if (current()) set({ status: 'done', finished: run, progress: 1 });
    } catch (failed) {
      if (!current()) return;
      const error = toClientError(failed);
      if (error.code === 'CANCELLED') set({ status: 'stopped' });
      else set({ status: 'failed', ...failure(error) });
    } finally {
      if (current()) set({ jobId: null });
      void useEvaluations.getState().refresh();
    }
  },

  async stop() {
    const { status, jobId } = get();
    if (!isStarting(status)) return;
    stopRequested = true;
    set({ status: 'stopping' });
    if (!jobId) return; // onStarted cancels as soon as the job has an id.
    const error = await stopJob(jobId);
    if (error) set({ error });
  },
}));
