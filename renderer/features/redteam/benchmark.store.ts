import { create } from 'zustand';
import { runJob, toClientError, type ClientError } from '../../api/client.js';
import type { CoreEvent, JobResult } from '../../api/contract.types.js';

type BenchmarkJobResult = JobResult<'eval.benchmark.run'>;
export type BenchmarkFormat = 'hellaswag' | 'mmlu' | 'arc' | 'truthfulqa-mc';

interface BenchmarkState {
  format: BenchmarkFormat;
  model: string;
  fileName: string;
  content: string;
  running: boolean;
  progress: string | null;
  result: BenchmarkJobResult | null;
  error: ClientError | null;
  set(patch: Partial<Pick<BenchmarkState, 'format' | 'model' | 'fileName' | 'content'>>): void;
  run(): Promise<void>;
}

/** A multiple-choice benchmark file scored on a local model (eval.benchmark.run). */
export const useBenchmark = create<BenchmarkState>()((set, get) => ({
  format: 'hellaswag',
  model: '',
  fileName: '',
  content: '',
  running: false,
  progress: null,
  result: null,
  error: null,
  set: (patch) => set(patch),
  async run() {
    const { content, format, model } = get();
    if (get().running || content === '' || model.trim() === '') return;
    set({ running: true, progress: null, result: null, error: null });
    const onEvent = (event: CoreEvent) => {
      if (event.topic === 'jobs.progressed') set({ progress: (event.data as CoreEvent<'jobs.progressed'>['data']).message ?? null });
    };
    try {
      const result = await runJob('eval.benchmark.run', { content, format, model: model.trim() }, { onEvent });
      set({ result, running: false });
    } catch (error) {
      set({ error: toClientError(error), running: false });
    }
  },
}));
