// Speed at real model sizes (issue 17): the app's generation path on shaped models (real vocabularies, seeded weights,
// real quantizations; bench/shaped-models) against llama.cpp's own llama-bench at the same threads, in one run.
// Decode: app tok/s ÷ llama-bench tg. Time to first token for a 512-token prompt ÷ llama-bench's pp512 time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import type { GenerationResult } from '../electron/core/contract/schemas.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { chooseThreads } from '../native/llama/thread-policy.js';
import { models } from '../test/helpers/fixtures.js';
import { llamaTool } from '../test/helpers/llama-tools.js';
import { fmt, machineLine, median } from './machine.js';
import { ensureShapedModel, type Quant, type ShapeName } from './shaped-models/build-shaped-models.js';
import { shapes } from './shaped-models/shapes.js';
import { target, type Target } from './targets.js';

const TOKENS = 128;
const PROMPT_TOKENS = 512;

interface BenchRow { pp: number; tg: number }

/** llama-bench pp512 and tg at `threads`: tokens per second, averaged over its repetitions. */
export function llamaBench(model: string, threads: number, tokens = TOKENS, reps = 3): BenchRow {
  const output = execFileSync(llamaTool('llama-bench'), ['-m', model, '-t', String(threads), '-p', String(PROMPT_TOKENS), '-n', String(tokens), '-r', String(reps), '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 << 20 });
  const rows = JSON.parse(output) as Array<{ n_prompt: number; n_gen: number; avg_ts: number }>;
  return { pp: rows.find((r) => r.n_prompt > 0)?.avg_ts ?? NaN, tg: rows.find((r) => r.n_gen > 0)?.avg_ts ?? NaN };
}

/** A prompt of about `tokens` tokens for the Llama SentencePiece vocabulary (one word ≈ one token). */
export function longPrompt(tokens: number): string {
  const words = ['the', 'river', 'ran', 'past', 'an', 'old', 'mill', 'where', 'children', 'played', 'every', 'summer', 'day'];
  return Array.from({ length: tokens - 2 }, (_, i) => words[i % words.length]).join(' ');
}

interface Measures { decodeTokPerSec: number; rawTokPerSec: number; ttftMs: number; promptTokens: number; threads: number; ref: BenchRow; weightsBytes: number; contextBytes: number }

/**
 * Raw node-llama-cpp in this process: the binding the host uses, its own evaluate loop, nothing of the app around it.
 * Its gap to llama-bench is the binding's (two native calls per token, each a hop to a worker thread and back) and
 * its prebuilt binary's; the app's gap to it is the app's.
 */
async function rawNodeLlama(model: string, threads: number): Promise<{ decode(tokens: number): Promise<number>; dispose(): Promise<void> }> {
  const llama = await getLlama({ gpu: false, build: 'never', usePrebuiltBinaries: true, skipDownload: true, logLevel: LlamaLogLevel.error });
  const loaded = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
  const context = await loaded.createContext({ contextSize: 2048, threads, sequences: 1 });
  const sequence = context.getSequence();
  return {
    async decode(tokens) {
      let count = 0;
      let first = 0;
      let last = 0;
      for await (const _token of sequence.evaluate(loaded.tokenize('Once upon a time'), { temperature: 0 })) {
        last = performance.now();
        if (++count === 1) first = last;
        if (count >= tokens) break;
      }
      await sequence.clearHistory();
      return ((count - 1) * 1000) / (last - first);
    },
    async dispose() {
      await context.dispose();
      await loaded.dispose();
      await llama.dispose();
    },
  };
}

/**
 * The app's path as the CLI uses it (dispatch → job → inference host process) and llama-bench, alternately `runs`
 * times, medians of each: noise on a shared machine then hits both sides alike. The response cache is cleared before
 * every call, so each one is computed (a deterministic repeat would otherwise be a cache hit).
 */
async function measure(model: string, threads: number | 'auto', runs: number): Promise<Measures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-shaped-'));
  const core = createInProcessCore({ dataDir, modelsDir: dataDir });
  const { call } = coreClient(core);
  try {
    await call('settings.update', { threads, contextSize: 2048, parallelSequences: 1 });
    const generate = async (prompt: string, maxTokens: number): Promise<GenerationResult> => {
      await call('usage.cache.clear', {});
      const { jobId } = await call<{ jobId: string }>('inference.generate', { model, prompt, maxTokens, temperature: 0 });
      const result = await call<GenerationResult>('jobs.wait', { jobId });
      if (result.gateway?.cache === 'hit') throw new Error('a cached answer was timed; the measurement would be void');
      return result;
    };
    await generate('Once upon a time', 4); // loads the model in the host process
    const status = await call<{ loadedModels: Array<{ threads: number; weightsBytes: number; contextBytes: number }> }>('inference.status', {});
    const loaded = status.loadedModels[0];
    const used = loaded?.threads ?? NaN;
    const raw = await rawNodeLlama(model, used);
    const decode: number[] = [];
    const rawDecode: number[] = [];
    const ttft: number[] = [];
    const pp: number[] = [];
    const tg: number[] = [];
    let promptTokens = 0;
    for (let run = 0; run < runs; run++) {
      const long = await generate(longPrompt(PROMPT_TOKENS), 1);
      ttft.push(long.ttftMs);
      promptTokens = long.promptTokens;
      const short = await generate('Once upon a time', TOKENS);
      decode.push(short.tokensPerSecond);
      const ref = llamaBench(model, used, TOKENS, 1);
      pp.push(ref.pp);
      tg.push(ref.tg);
      rawDecode.push(await raw.decode(TOKENS));
    }
    await raw.dispose();
    return { decodeTokPerSec: median(decode), rawTokPerSec: median(rawDecode), ttftMs: median(ttft), promptTokens, threads: used, ref: { pp: median(pp), tg: median(tg) }, weightsBytes: loaded?.weightsBytes ?? NaN, contextBytes: loaded?.contextBytes ?? NaN };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchShaped(options: { runs?: number; check?: boolean } = {}): Promise<{ markdown: string; targets: Target[] }> {
  const runs = options.runs ?? 3;
  const cores = os.availableParallelism();
  const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  const rows: string[] = [];
  const targets: Target[] = [];
  const cases: Array<[ShapeName, Quant]> = options.check ? [['llama05b', 'Q4_K_M']] : [['llama05b', 'Q4_K_M'], ['llama05b', 'Q8_0'], ['smol135m', 'Q8_0']];
  for (const [shape, quant] of cases) {
    const model = ensureShapedModel(shape, quant, log);
    const bytes = statSync(model).size;
    const auto = chooseThreads({ cpuCores: cores, modelBytes: bytes, gpuOffload: false });
    const threadCounts = options.check ? [auto] : [...new Set([1, cores, auto])];
    for (const threads of threadCounts) {
      log(`${shapes[shape].id} ${quant}, ${threads} thread(s): app path and llama-bench, alternately`);
      const app = await measure(model, threads === auto ? 'auto' : threads, runs);
      const ref = app.ref;
      const ppMs = (PROMPT_TOKENS / ref.pp) * 1000;
      const decodeRatio = app.decodeTokPerSec / ref.tg;
      const ttftRatio = app.ttftMs / ((app.promptTokens / ref.pp) * 1000);
      rows.push(`| ${shapes[shape].id} ${quant} (${fmt(bytes / 2 ** 20, 0)} MiB) | ${app.threads}${threads === auto ? ' (auto)' : ''} | ${fmt(app.decodeTokPerSec)} | ${fmt(app.rawTokPerSec)} | ${fmt(ref.tg)} | **${fmt(decodeRatio, 3)}** | ${fmt(app.rawTokPerSec / ref.tg, 3)} | ${fmt(app.decodeTokPerSec / app.rawTokPerSec, 3)} | ${fmt(app.ttftMs, 0)} (${app.promptTokens} tok) | ${fmt(ppMs, 0)} | **${fmt(ttftRatio, 3)}** | ${fmt(app.weightsBytes / 2 ** 20, 0)} + ${fmt(app.contextBytes / 2 ** 20, 0)} |`);
      if (shape === 'llama05b' && quant === 'Q4_K_M' && threads === auto) {
        targets.push(target('decode-0.5b-vs-llama-bench', decodeRatio, '>=', 0.95));
        // What bounds the first: what the app keeps of the binding it runs on (raw node-llama-cpp, same run).
        targets.push(target('decode-0.5b-vs-raw-node-llama-cpp', app.decodeTokPerSec / app.rawTokPerSec, '>=', 0.95));
        targets.push(target('ttft-512-vs-llama-bench-pp', ttftRatio, '<=', 1.1));
      }
    }
  }
  // The binding's own cost per token, where compute is next to nothing (stories260K, 1 thread): the rest of a real
  // model's gap to llama-bench is the prebuilt binary's.
  const tiny = await rawNodeLlama(models.stories, 1);
  const tinyRaw: number[] = [];
  for (let run = 0; run < 3; run++) tinyRaw.push(await tiny.decode(TOKENS));
  await tiny.dispose();
  const tinyBench = llamaBench(models.stories, 1, TOKENS, 3).tg;
  const bindingMs = 1000 / median(tinyRaw) - 1000 / tinyBench;
  const markdown = [
    `### Generation at real sizes: shaped models, app path vs llama-bench at the same threads`,
    '',
    `Machine: ${machineLine()}. Decode: ${TOKENS} tokens at temperature 0 (app and llama-bench tg${TOKENS} alternately, medians of ${runs}).`,
    `Time to first token: a ${PROMPT_TOKENS}-token prompt (app TTFT) against llama-bench's pp${PROMPT_TOKENS} time for the same number of tokens.`,
    '',
    `Memory: the loaded model's weights + its context's KV cache and compute buffers (2,048 tokens, 1 sequence), MiB, as the host reports them (Models screen, \`inference.status\`).`,
    '',
    '| model | threads | app decode tok/s | raw node-llama-cpp tok/s | llama-bench tg tok/s | decode ratio (≥ 0.95) | raw ÷ llama-bench | app ÷ raw | app TTFT ms | llama-bench pp512 ms | TTFT ratio (≤ 1.1) | memory MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `The binding's cost per token, measured where compute is next to nothing (stories260K, 1 thread): raw node-llama-cpp ${fmt(median(tinyRaw), 0)} tok/s against llama-bench's ${fmt(tinyBench, 0)}, so **${fmt(bindingMs, 2)} ms per token** (two native calls per token, each a hop to a worker thread and back). Whatever of a row's per-token gap to llama-bench exceeds it is the prebuilt binary's (node-llama-cpp ships per-CPU-family builds; llama-bench here is built for this CPU).`,
  ].join('\n');
  return { markdown, targets };
}
