/**
 * How many CPU threads llama.cpp gets. Measured on a 2-core machine with stories260K (docs/benchmarks.md):
 * node-llama-cpp's default (4 threads on 2 cores) gave ~2 tok/s, 2 threads ~160, 1 thread ~1,800. llama.cpp's
 * worker threads spin at a barrier after every graph node; once they outnumber the free cores (the Node thread
 * that drives generation needs one), each barrier waits for a descheduled thread's time slice. A tiny model's
 * per-token compute is microseconds, so any sync at all costs more than it saves: use one thread. Large models
 * are compute-bound and gain from every core, less one for the thread that drives them on small machines.
 */
export interface ThreadPolicyInput {
  cpuCores: number;
  modelBytes: number;
  /** Layers run on a GPU: CPU threads then only feed it. */
  gpuOffload: boolean;
}

/** Below this size per-token compute is too small to amortise thread synchronisation. */
export const SINGLE_THREAD_MODEL_BYTES = 64 * 1024 * 1024;

export function chooseThreads({ cpuCores, modelBytes, gpuOffload }: ThreadPolicyInput): number {
  const cores = Math.max(1, Math.floor(cpuCores));
  if (modelBytes < SINGLE_THREAD_MODEL_BYTES) return 1;
  if (gpuOffload) return Math.min(cores, 4);
  // Leave one core to the JavaScript thread that drives generation.
  return Math.max(1, cores - 1);
}

/**
 * Threads for batch-only work (embeddings): as many as a real model generates with, never every core. llama.cpp's
 * threads spin at a barrier after each graph node, so one busy process elsewhere on the machine (even at nice 19)
 * stalls them all. Measured with the bge-small shape on 2 cores (bench/thread-contention.bench.ts): 1 thread 67 ms per
 * chunk, alone or beside a busy process; 2 threads 43 ms alone but 84 ms beside one (docs/benchmarks.md). A spare core
 * absorbs the rest of the machine; a desktop always has a rest.
 */
export function chooseBatchThreads(cpuCores: number, generationThreads: number): number {
  return Math.max(generationThreads, Math.max(1, Math.floor(cpuCores) - 1));
}

/** Prompt processing batch: large enough to keep matrix kernels busy, bounded by the context. */
export function chooseBatchSize(contextSize: number): number {
  return Math.min(512, contextSize);
}
