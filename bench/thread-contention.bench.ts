// Why llama.cpp never gets every core (native/llama/thread-policy.ts): embedding and decoding at 1 thread and at every
// core, alone and beside one busy process at the lowest priority (`nice -n 19`, a shell loop), in one run. llama.cpp's
// threads spin at a barrier after every graph node, so a thread the OS descheduled stalls the others.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { fmt, machineLine, median } from './machine.js';
import { ensureShapedModel } from './shaped-models/build-shaped-models.js';

const CHUNKS = 24;
const TOKENS = 64;
const PASSES = 3;

function busyProcess(): ChildProcess {
  return spawn('nice', ['-n', '19', 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' });
}

/** Milliseconds per 128-token chunk (median of passes) with the bge-small shape. */
async function embedMs(llama: Llama, model: string, threads: number): Promise<number> {
  const loaded = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
  const context = await loaded.createEmbeddingContext({ contextSize: 512, threads });
  const words = ['market', 'river', 'policy', 'contract', 'invoice', 'patient', 'network', 'garden', 'report', 'budget'];
  const texts = Array.from({ length: CHUNKS }, (_, i) => Array.from({ length: 100 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '));
  try {
    await context.getEmbeddingFor('warm up');
    const passes: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      const started = performance.now();
      for (const text of texts) await context.getEmbeddingFor(text);
      passes.push((performance.now() - started) / CHUNKS);
    }
    return median(passes);
  } finally {
    await context.dispose();
    await loaded.dispose();
  }
}

/** Decode tokens per second (median of passes) with the SmolLM-135M shape. */
async function decodeTokPerSec(llama: Llama, model: string, threads: number): Promise<number> {
  const loaded = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
  const context = await loaded.createContext({ contextSize: 512, threads, sequences: 1 });
  const sequence = context.getSequence();
  try {
    const passes: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      let count = 0;
      let first = 0;
      let last = 0;
      for await (const _token of sequence.evaluate(loaded.tokenize('Once upon a time'), { temperature: 0 })) {
        last = performance.now();
        if (++count === 1) first = last;
        if (count >= TOKENS) break;
      }
      await sequence.clearHistory();
      passes.push(((count - 1) * 1000) / (last - first));
    }
    return median(passes);
  } finally {
    await context.dispose();
    await loaded.dispose();
  }
}

export async function benchThreadContention(): Promise<string> {
  const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  const bge = ensureShapedModel('bgeSmall', 'Q8_0', log);
  const smol = ensureShapedModel('smol135m', 'Q8_0', log);
  const llama = await getLlama({ gpu: false, build: 'never', usePrebuiltBinaries: true, skipDownload: true, logLevel: LlamaLogLevel.error });
  const cores = os.availableParallelism();
  const counts = [...new Set([1, cores])];
  const rows: string[] = [];
  try {
    for (const threads of counts) {
      const alone = { embed: await embedMs(llama, bge, threads), decode: await decodeTokPerSec(llama, smol, threads) };
      const busy = busyProcess();
      let beside: { embed: number; decode: number };
      try {
        beside = { embed: await embedMs(llama, bge, threads), decode: await decodeTokPerSec(llama, smol, threads) };
      } finally {
        busy.kill('SIGKILL');
      }
      rows.push(`| ${threads}${threads === cores ? ' (every core)' : ''} | ${fmt(alone.embed, 1)} | ${fmt(beside.embed, 1)} | ${fmt(alone.decode, 1)} | ${fmt(beside.decode, 1)} |`);
    }
  } finally {
    await llama.dispose();
  }
  return [
    '### Threads beside another process: why llama.cpp keeps a core free',
    '',
    `Machine: ${machineLine()}. Raw node-llama-cpp, in this process. Embedding: bge-small shape (Q8_0), ${CHUNKS} chunks of ~120 tokens; decode: SmolLM-135M shape (Q8_0), ${TOKENS} tokens; medians of ${PASSES} passes. "Beside a busy process": one \`nice -n 19\` shell loop running throughout.`,
    '',
    '| threads | embed ms/chunk, alone | embed ms/chunk, beside a busy process | decode tok/s, alone | decode tok/s, beside a busy process |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
