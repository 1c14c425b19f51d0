// Generation speed of the app's path against raw node-llama-cpp and llama.cpp's own llama-bench, in one run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { localContext } from '../electron/core/contract/context.js';
import type { GenerationResult } from '../electron/core/contract/schemas.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { chooseThreads } from '../native/llama/thread-policy.js';
import { fmt, machineLine, median } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const modelPath = path.resolve(root, '../shared/models/stories260K.gguf');
const PROMPT = 'Once upon a time';
const TOKENS = 128;
const RUNS = 5;

interface Speed { tokPerSec: number; ttftMs: number }

async function rawLoop(llama: Llama, threads: number | undefined, tokens: number): Promise<Speed> {
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 2048, ...(threads ? { threads } : {}) });
  try {
    const runs: Speed[] = [];
    for (let run = 0; run < (threads ? RUNS : 1); run++) {
      const sequence = context.getSequence();
      const started = performance.now();
      let first = 0;
      let count = 0;
      for await (const _token of sequence.evaluate(model.tokenize(PROMPT), { temperature: 0 })) {
        if (count === 0) first = performance.now();
        if (++count >= tokens) break;
      }
      const ended = performance.now();
      runs.push({ tokPerSec: ((count - 1) * 1000) / (ended - first), ttftMs: first - started });
      sequence.dispose();
    }
    return { tokPerSec: median(runs.map((r) => r.tokPerSec)), ttftMs: median(runs.map((r) => r.ttftMs)) };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

async function appPath(): Promise<Speed & { wallTokPerSec: number; threads: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-bench-'));
  const core = createInProcessCore({ dataDir, modelsDir: dataDir });
  const ctx = localContext('test');
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const result = await core.dispatch(method, params, ctx);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  try {
    const generate = async (): Promise<{ result: GenerationResult; wallMs: number }> => {
      const started = performance.now();
      const { jobId } = await call<{ jobId: string }>('inference.generate', { model: modelPath, prompt: PROMPT, maxTokens: TOKENS, temperature: 0 });
      const result = await call<GenerationResult>('jobs.wait', { jobId });
      return { result, wallMs: performance.now() - started };
    };
    await generate(); // loads the model in the host process
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await generate());
    if (runs.some((r) => r.result.completionTokens !== TOKENS)) throw new Error('the app path stopped early; the comparison would be unfair');
    const status = await call<{ threads: number }>('inference.status', {});
    return {
      tokPerSec: median(runs.map((r) => r.result.tokensPerSecond)),
      ttftMs: median(runs.map((r) => r.result.ttftMs)),
      wallTokPerSec: median(runs.map((r) => (TOKENS * 1000) / r.wallMs)),
      threads: status.threads,
    };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function llamaBench(threads: number): number | undefined {
  const binary = process.env.LLAMA_BENCH ?? path.join(root, '.cache/llama.cpp/bin/llama-bench');
  if (!existsSync(binary)) return undefined;
  const output = execFileSync(binary, ['-m', modelPath, '-t', String(threads), '-p', '0', '-n', String(TOKENS), '-r', String(RUNS), '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(output) as Array<{ avg_ts: number }>)[0]?.avg_ts;
}

export async function benchInference(): Promise<string> {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const cores = os.availableParallelism();
  const auto = chooseThreads({ cpuCores: cores, modelBytes: 1_185_376, gpuOffload: false });
  const raw1 = await rawLoop(llama, 1, TOKENS);
  const rawCores = await rawLoop(llama, cores, TOKENS);
  const rawDefault = await rawLoop(llama, undefined, 8); // node-llama-cpp's default: painfully slow here, 8 tokens suffice
  const rawAuto = auto === 1 ? raw1 : auto === cores ? rawCores : await rawLoop(llama, auto, TOKENS);
  const app = await appPath();
  const bench1 = llamaBench(1);
  const benchCores = llamaBench(cores);
  const benchBest = Math.max(bench1 ?? 0, benchCores ?? 0);
  const perToken = (tokPerSec: number): string => fmt(1000 / tokPerSec, 3);

  const rows = [
    `| app path: dispatch → job → host process (threads ${app.threads}, auto) | ${fmt(app.tokPerSec)} | ${fmt(app.ttftMs, 2)} | ${perToken(app.tokPerSec)} | ${fmt(app.tokPerSec / rawAuto.tokPerSec, 3)} |`,
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
