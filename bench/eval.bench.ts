// Eval throughput: one suite on stories260K, run with the model's parallel sequences (several cases in flight) and
// one case at a time, alternately in the same process, so machine noise hits both alike. Each run is the whole
// path: suite resolution, rendering, generation, reference metrics, assertions and the stored result per case.
// Then the bound on any speed-up: llama.cpp's own compute time per case, alone and sharing each decode.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalRun } from '../electron/core/contract/eval.api.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { storySuite } from '../test/eval/helpers/fixtures.js';
import { fmt, machineLine, median } from './machine.js';

const CASES = 64;
const TOKENS = 32;
const RUNS = 5;

const modelPath = fileURLToPath(new URL('../../shared/models/stories260K.gguf', import.meta.url));

interface Timing { seconds: number; tokens: number }

export async function benchEval(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-eval-bench-'));
  const core = createInProcessCore({ dataDir, modelsDir: dataDir });
  const { call, job } = coreClient(core);
  const suite = storySuite(CASES, TOKENS, 'defaultTest:\n  assert: [{ type: not-contains, value: "zzzz" }]\n');
  const timed = async (concurrency: number): Promise<Timing> => {
    const started = performance.now();
    const run = await job<EvalRun>('eval.runs.start', { suite, concurrency });
    if (run.doneItems !== CASES || (run.summary?.errors ?? 1) > 0) throw new Error('the eval run did not finish every case; the comparison would be unfair');
    return { seconds: (performance.now() - started) / 1000, tokens: run.summary?.tokens.completion ?? 0 };
  };
  const rows: string[] = [];
  const oneAtATime = new Map<number, Timing>();
  const inFlight = new Map<number, Timing>();
  let headline = 0;
  let eightSpeedUp = 0;
  try {
    for (const sequences of [4, 8]) {
      await call('settings.update', { parallelSequences: sequences });
      await call('inference.unload', { model: modelPath }).catch(() => undefined);
      await timed(sequences); // loads the model with this many sequences
      const one: Timing[] = [];
      const parallel: Timing[] = [];
      for (let i = 0; i < RUNS; i++) {
        one.push(await timed(1));
        parallel.push(await timed(sequences));
      }
      const seq = { seconds: median(one.map((t) => t.seconds)), tokens: one[0]?.tokens ?? 0 };
      const par = { seconds: median(parallel.map((t) => t.seconds)), tokens: parallel[0]?.tokens ?? 0 };
      const speedUp = seq.seconds / par.seconds;
      if (sequences === 4) headline = speedUp;
      if (sequences === 8) eightSpeedUp = speedUp;
      oneAtATime.set(sequences, seq);
      inFlight.set(sequences, par);
      const row = (label: string, t: Timing, ratio: number): string => `| ${label} | ${fmt(t.seconds, 2)} | ${fmt(CASES / t.seconds)} | ${fmt(t.tokens / t.seconds, 0)} | ${fmt(ratio, 2)}× |`;
      rows.push(row(`one case at a time (${sequences} sequences loaded)`, seq, 1), row(`${sequences} cases in flight on ${sequences} sequences`, par, speedUp));
    }
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const compute = llamaCompute(8);
  const oneMs = [...oneAtATime.values()].map((t) => (t.seconds / CASES) * 1000);
  const eightMs = ((inFlight.get(8)?.seconds ?? NaN) / CASES) * 1000;
  const range = (values: number[], digits = 1): string => `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;
  return [
    `### Eval throughput: ${CASES} cases × stories260K, ${TOKENS} tokens each, median of ${RUNS} runs`,
    '',
    `Machine: ${machineLine()}. Each run: suite → rendered prompts → generation → BLEU, ROUGE-L and an assertion → one stored result per case.`,
    '',
    '| mode | seconds | cases/s | completion tok/s | speed-up |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `llama.cpp's own compute per case (its performance timings; ${compute.threads} thread, the app's decode loop and batching; median of ${RUNS}):`,
    '',
    '| decode | ms per case |',
    '| --- | ---: |',
    `| one case at a time | ${fmt(compute.single, 2)} |`,
    `| 8 cases in flight, sharing each decode | ${fmt(compute.batched, 2)} |`,
    '',
    `Parallel sequences (default 4) / one case at a time: **${fmt(headline, 2)}×** (target ≥ 3×); 8 in flight: ${fmt(eightSpeedUp, 2)}×.`,
    `Sharing a decode cuts llama.cpp's compute per case by ${fmt((1 - compute.batched / compute.single) * 100, 0)}% (${fmt(compute.single, 2)} → ${fmt(compute.batched, 2)} ms). A case one at a time`,
    `takes ${range(oneMs)} ms in all, so a parallel run that spent nothing but llama.cpp's batched compute would be`,
    `${range(oneMs.map((ms) => ms / compute.batched), 2)}× faster; the 8-in-flight run spends ${fmt(eightMs, 1)} ms per case, ${fmt(compute.batched, 2)} of them in llama.cpp.`,
  ].join('\n');
}

/**
 * Milliseconds per case that llama.cpp itself reports computing, measured in a process of its own: node-llama-cpp
 * binds its native log (where the timings arrive) to the first Llama instance of a process, which another bench
 * section may already have made.
 */
function llamaCompute(sequences: number): { single: number; batched: number; threads: number } {
  const script = fileURLToPath(new URL('./llama-compute.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, String(sequences), String(CASES), String(TOKENS), String(RUNS)], { encoding: 'utf8', timeout: 300_000 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as { single: number; batched: number; threads: number };
  } catch {
    throw new Error(`llama-compute.ts failed (exit ${child.status}): ${child.stderr.slice(-500)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(await benchEval());
}
