// Speed at real model sizes (issue 17): the app's generation path on shaped models (real vocabularies, seeded weights,
// real quantizations; bench/shaped-models) against llama.cpp's own llama-bench at the same threads, in one run.
// Decode: app tok/s ÷ llama-bench tg. Time to first token for a 512-token prompt ÷ llama-bench's pp512 time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GenerationResult } from '../electron/core/contract/schemas.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { chooseThreads } from '../native/llama/thread-policy.js';
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

interface Measures { decodeTokPerSec: number; ttftMs: number; promptTokens: number; threads: number; ref: BenchRow; weightsBytes: number; contextBytes: number }

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
    const decode: number[] = [];
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
    }
    return { decodeTokPerSec: median(decode), ttftMs: median(ttft), promptTokens, threads: used, ref: { pp: median(pp), tg: median(tg) }, weightsBytes: loaded?.weightsBytes ?? NaN, contextBytes: loaded?.contextBytes ?? NaN };
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
      rows.push(`| ${shapes[shape].id} ${quant} (${fmt(bytes / 2 ** 20, 0)} MiB) | ${app.threads}${threads === auto ? ' (auto)' : ''} | ${fmt(app.decodeTokPerSec)} | ${fmt(ref.tg)} | **${fmt(decodeRatio, 3)}** | ${fmt(app.ttftMs, 0)} (${app.promptTokens} tok) | ${fmt(ppMs, 0)} | **${fmt(ttftRatio, 3)}** | ${fmt(app.weightsBytes / 2 ** 20, 0)} + ${fmt(app.contextBytes / 2 ** 20, 0)} |`);
      if (shape === 'llama05b' && quant === 'Q4_K_M' && threads === auto) {
        targets.push(target('decode-0.5b-vs-llama-bench', decodeRatio, '>=', 0.95));
        targets.push(target('ttft-512-vs-llama-bench-pp', ttftRatio, '<=', 1.1));
      }
    }
  }
  const markdown = [
    `### Generation at real sizes: shaped models, app path vs llama-bench at the same threads`,
    '',
    `Machine: ${machineLine()}. Decode: ${TOKENS} tokens at temperature 0 (app and llama-bench tg${TOKENS} alternately, medians of ${runs}).`,
    `Time to first token: a ${PROMPT_TOKENS}-token prompt (app TTFT) against llama-bench's pp${PROMPT_TOKENS} time for the same number of tokens.`,
    '',
    `Memory: the loaded model's weights + its context's KV cache and compute buffers (2,048 tokens, 1 sequence), MiB, as the host reports them (Models screen, \`inference.status\`).`,
    '',
    '| model | threads | app decode tok/s | llama-bench tg tok/s | decode ratio (≥ 0.95) | app TTFT ms | llama-bench pp512 ms | TTFT ratio (≤ 1.1) | memory MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  return { markdown, targets };
}
