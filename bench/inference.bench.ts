// Generation speed of the app's path against raw node-llama-cpp and llama.cpp's own llama-bench, in one run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import type { GenerationResult } from '../electron/core/contract/schemas.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { chooseThreads } from '../native/llama/thread-policy.js';
import { llamaTool } from '../test/helpers/llama-tools.js';
import { fmt, machineLine, median } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const modelPath = path.resolve(root, '../shared/models/stories260K.gguf');
const PROMPT = 'Once upon a time';
const TOKENS = 128;
const RUNS = 5;

interface Speed { tokPerSec: number; ttftMs: number }
interface AppSpeed extends Speed { wallTokPerSec: number }

/** Raw node-llama-cpp: the loop every app path is measured against. */
async function rawRunner(llama: Llama, threads: number | undefined): Promise<{ run(tokens: number): Promise<Speed>; close(): Promise<void> }> {
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 2048, ...(threads ? { threads } : {}) });
  return {
    async run(tokens) {
      const sequence = context.getSequence();
      const started = performance.now();
      let first = 0;
      let count = 0;
      for await (const _token of sequence.evaluate(model.tokenize(PROMPT), { temperature: 0 })) {
        if (count === 0) first = performance.now();
        if (++count >= tokens) break;
      }
      const ended = performance.now();
      sequence.dispose();
      return { tokPerSec: ((count - 1) * 1000) / (ended - first), ttftMs: first - started };
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}

/** The app's path as the CLI uses it: dispatch → job → inference host process → events → result. */
async function appRunner(): Promise<{ run(): Promise<AppSpeed>; threads(): Promise<number>; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-bench-'));
  const core = createInProcessCore({ dataDir, modelsDir: dataDir });
  const { call } = coreClient(core);
  const run = async (): Promise<AppSpeed> => {
    const started = performance.now();
    const { jobId } = await call<{ jobId: string }>('inference.generate', { model: modelPath, prompt: PROMPT, maxTokens: TOKENS, temperature: 0 });
    const result = await call<GenerationResult>('jobs.wait', { jobId });
    if (result.completionTokens !== TOKENS) throw new Error('the app path stopped early; the comparison would be unfair');
    return { tokPerSec: result.tokensPerSecond, ttftMs: result.ttftMs, wallTokPerSec: (TOKENS * 1000) / (performance.now() - started) };
  };
  await run(); // loads the model in the host process
  return {
    run,
    threads: async () => (await call<{ threads: number }>('inference.status', {})).threads,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const medianOf = <T>(runs: T[], pick: (run: T) => number): number => median(runs.map(pick));

function llamaBench(threads: number): number | undefined {
  const binary = process.env.LLAMA_BENCH ?? llamaTool('llama-bench');
  if (!existsSync(binary)) return undefined;
  const output = execFileSync(binary, ['-m', modelPath, '-t', String(threads), '-p', '0', '-n', String(TOKENS), '-r', String(RUNS), '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(output) as Array<{ avg_ts: number }>)[0]?.avg_ts;
}

export async function benchInference(): Promise<string> {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const cores = os.availableParallelism();
  const auto = chooseThreads({ cpuCores: cores, modelBytes: 1_185_376, gpuOffload: false });

  // The app path and the raw loop at the auto thread count run alternately, so machine noise hits both alike.
  const rawAutoRunner = await rawRunner(llama, auto);
  const appPath = await appRunner();
  const appRuns: AppSpeed[] = [];
  const rawAutoRuns: Speed[] = [];
  for (let run = 0; run < RUNS; run++) {
    rawAutoRuns.push(await rawAutoRunner.run(TOKENS));
    appRuns.push(await appPath.run());
  }
  const appThreads = await appPath.threads();
  await appPath.close();
  await rawAutoRunner.close();
  const rawAuto: Speed = { tokPerSec: medianOf(rawAutoRuns, (r) => r.tokPerSec), ttftMs: medianOf(rawAutoRuns, (r) => r.ttftMs) };
  const appSpeed: AppSpeed = { tokPerSec: medianOf(appRuns, (r) => r.tokPerSec), ttftMs: medianOf(appRuns, (r) => r.ttftMs), wallTokPerSec: medianOf(appRuns, (r) => r.wallTokPerSec) };

  const measure = async (threads: number | undefined, tokens: number, runs: number): Promise<Speed> => {
    const runner = await rawRunner(llama, threads);
    const results: Speed[] = [];
    for (let run = 0; run < runs; run++) results.push(await runner.run(tokens));
    await runner.close();
    return { tokPerSec: medianOf(results, (r) => r.tokPerSec), ttftMs: medianOf(results, (r) => r.ttftMs) };
  };
  const raw1 = auto === 1 ? rawAuto : await measure(1, TOKENS, RUNS);
  const rawCores = auto === cores ? rawAuto : await measure(cores, TOKENS, RUNS);
  const rawDefault = await measure(undefined, 8, 1); // node-llama-cpp's default: painfully slow here, 8 tokens suffice
  const app = appSpeed;
  const bench1 = llamaBench(1);
  const benchCores = llamaBench(cores);
  const benchBest = Math.max(bench1 ?? 0, benchCores ?? 0);
  const perToken = (tokPerSec: number): string => fmt(1000 / tokPerSec, 3);

  const rows = [
    `| app path: dispatch → job → host process (threads ${appThreads}, auto) | ${fmt(app.tokPerSec)} | ${fmt(app.ttftMs, 2)} | ${perToken(app.tokPerSec)} | ${fmt(app.tokPerSec / rawAuto.tokPerSec, 3)} |`,
    `| app path, wall clock incl. prompt, IPC and job bookkeeping | ${fmt(app.wallTokPerSec)} | — | ${perToken(app.wallTokPerSec)} | ${fmt(app.wallTokPerSec / rawAuto.tokPerSec, 3)} |`,
    `| raw node-llama-cpp evaluate loop, threads 1 | ${fmt(raw1.tokPerSec)} | ${fmt(raw1.ttftMs, 2)} | ${perToken(raw1.tokPerSec)} | ${fmt(raw1.tokPerSec / rawAuto.tokPerSec, 3)} |`,
    `| raw node-llama-cpp evaluate loop, threads ${cores} | ${fmt(rawCores.tokPerSec)} | ${fmt(rawCores.ttftMs, 2)} | ${perToken(rawCores.tokPerSec)} | ${fmt(rawCores.tokPerSec / rawAuto.tokPerSec, 3)} |`,
    `| raw node-llama-cpp, default threads (${llama.maxThreads}) | ${fmt(rawDefault.tokPerSec)} | ${fmt(rawDefault.ttftMs, 2)} | ${perToken(rawDefault.tokPerSec)} | ${fmt(rawDefault.tokPerSec / rawAuto.tokPerSec, 3)} |`,
    bench1 !== undefined ? `| llama-bench tg${TOKENS}, threads 1 | ${fmt(bench1)} | — | ${perToken(bench1)} | ${fmt(bench1 / rawAuto.tokPerSec, 3)} |` : '| llama-bench | not built (`scripts/build-llama-tools.sh`) | | | |',
    benchCores !== undefined ? `| llama-bench tg${TOKENS}, threads ${cores} | ${fmt(benchCores)} | — | ${perToken(benchCores)} | ${fmt(benchCores / rawAuto.tokPerSec, 3)} |` : '',
  ].filter(Boolean);
  const gap = benchBest > 0
    ? `Per-token overhead of the app's decode loop over llama-bench's best: ${fmt(1000 / app.tokPerSec - 1000 / benchBest, 3)} ms (app ${perToken(app.tokPerSec)} ms/token, llama-bench ${perToken(benchBest)} ms/token); of that, node-llama-cpp's own loop accounts for ${fmt(1000 / rawAuto.tokPerSec - 1000 / benchBest, 3)} ms.`
    : 'llama-bench was not built, so the gap to llama.cpp itself is not measured in this run.';
  return [
    `### Generation: stories260K, ${TOKENS} tokens at temperature 0, median of ${RUNS} runs`,
    '',
    `Machine: ${machineLine()}. Auto thread choice for this model: ${auto}.`,
    '',
    '| path | decode tok/s | TTFT ms | ms/token | ratio to raw loop (auto threads) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `App path / raw loop at the same threads: **${fmt(app.tokPerSec / rawAuto.tokPerSec, 3)}** (target ≥ 0.90).`,
    gap,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(await benchInference());
}
