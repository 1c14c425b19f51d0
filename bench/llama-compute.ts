// llama.cpp's own compute per case, alone and with `sequences` cases sharing each decode, through the app's decode
// loop and batching (its performance timings). Run as a process of its own by eval.bench.ts; prints one JSON line.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaLogLevel, type LlamaContext } from 'node-llama-cpp';
import { sequenceOrderedBatching } from '../native/llama/batch-order.js';
import { decode } from '../native/llama/decode-loop.js';
import { StepBarrier } from '../native/llama/step-barrier.js';
import { chooseThreads } from '../native/llama/thread-policy.js';
import { median } from './machine.js';

const modelPath = fileURLToPath(new URL('../../shared/models/stories260K.gguf', import.meta.url));

export async function llamaCompute(sequences: number, cases: number, tokens: number, runs: number): Promise<{ single: number; batched: number; threads: number }> {
  const lines: string[] = [];
  const llama = await getLlama({
    gpu: false, build: 'never', usePrebuiltBinaries: true, skipDownload: true, progressLogs: false,
    logLevel: LlamaLogLevel.info, logger: (_level, message) => void lines.push(message),
  });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const threads = chooseThreads({ cpuCores: os.availableParallelism(), modelBytes: model.size, gpuOffload: false });
  let context: LlamaContext | undefined;
  context = await model.createContext({
    contextSize: 2048, sequences, threads, performanceTracking: true,
    batching: { itemPrioritizationStrategy: sequenceOrderedBatching(() => context) },
  });
  const steps = new StepBarrier();
  const slots = Array.from({ length: sequences }, () => (context as LlamaContext).getSequence());
  const computedMs = async (inFlight: number): Promise<number> => {
    let next = 0;
    await Promise.all(slots.slice(0, inFlight).map(async (sequence, slot) => {
      while (next < cases) {
        const prompt = model.tokenize(`Once upon a time there was a cat ${next++}`);
        const step = steps.enter(slot);
        try {
          await decode(model, sequence, prompt, {
            maxTokens: tokens, temperature: 0, topP: 0.95, topK: 40, seed: 42, stop: [], stopTokens: new Set(),
            signal: new AbortController().signal, onToken: () => undefined, onText: () => undefined, beforeNextToken: step.beforeToken,
          });
        } finally {
          step.leave();
        }
        await sequence.clearHistory();
      }
    }));
    lines.length = 0;
    await (context as LlamaContext).printTimings(); // prints and resets llama.cpp's counters
    const ms = (pattern: RegExp): number => Number(lines.map((l) => pattern.exec(l)?.[1]).find((v) => v !== undefined) ?? NaN);
    return ms(/prompt eval time =\s*([\d.]+) ms/) + ms(/[^t] eval time =\s*([\d.]+) ms/);
  };
  try {
    await computedMs(sequences); // warm-up
    const single: number[] = [];
    const batched: number[] = [];
    for (let i = 0; i < runs; i++) {
      single.push((await computedMs(1)) / cases);
      batched.push((await computedMs(sequences)) / cases);
    }
    return { single: median(single), batched: median(batched), threads };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

const [sequences = '8', cases = '64', tokens = '32', runs = '5'] = process.argv.slice(2);
console.log(JSON.stringify(await llamaCompute(Number(sequences), Number(cases), Number(tokens), Number(runs))));
