// Eval speed-up from parallel sequences at a real size (issue 17): one suite on the SmolLM-135M shape, run with
// several cases in flight and one at a time, alternately in one process, so machine noise hits both alike.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EvalRun } from '../electron/core/contract/eval.api.js';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { storiesModel, storySuite } from '../test/eval/helpers/fixtures.js';
import { llamaTool } from '../test/helpers/llama-tools.js';
import { fmt, machineLine, median } from './machine.js';
import { ensureShapedModel } from './shaped-models/build-shaped-models.js';
import { target, type Target } from './targets.js';

const CASES = 32;
const TOKENS = 16;
/** About the tokens of one rendered case ("Once upon a time there was a cat 7"). */
const PROMPT_TOKENS = 12;

/**
 * llama.cpp's own ceiling for the same work: llama-batched-bench's time per case (prompt + decode) with one sequence
 * divided by its time per case with `sequences` decoding together, at the app's thread count. No path built on
 * llama.cpp can beat it on this machine.
 */
export function llamaBatchedSpeedUp(model: string, sequences: number, threads: number): number {
  const output = execFileSync(llamaTool('llama-batched-bench'), [
    '-m', model, '-t', String(threads), '-c', String(Math.max(2048, sequences * (PROMPT_TOKENS + TOKENS) * 2)),
    '-npp', String(PROMPT_TOKENS), '-ntg', String(TOKENS), '-npl', `1,${sequences}`, '--output-format', 'jsonl',
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rows = output.trim().split('\n').map((line) => JSON.parse(line) as { pl: number; t: number });
  const perCase = (pl: number): number => { const row = rows.find((r) => r.pl === pl)!; return row.t / row.pl; };
  return perCase(1) / perCase(sequences);
}

export async function benchShapedEval(options: { runs?: number; sequences?: number[] } = {}): Promise<{ markdown: string; targets: Target[] }> {
  const runs = options.runs ?? 2;
  const model = ensureShapedModel('smol135m', 'Q8_0', (line) => void process.stderr.write(`bench: ${line}\n`));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-shaped-eval-'));
  const core = createInProcessCore({ dataDir, modelsDir: dataDir });
  const { call, job } = coreClient(core);
  // The stories suite with the shaped model as its provider; the outputs are noise, only the timing matters.
  const suite = storySuite(CASES, TOKENS).replace(storiesModel, model);
  const timed = async (concurrency: number): Promise<number> => {
    const started = performance.now();
    const run = await job<EvalRun>('eval.runs.start', { suite, concurrency });
    if (run.doneItems !== CASES || (run.summary?.errors ?? 1) > 0) throw new Error('the eval run did not finish every case; the comparison would be unfair');
    return (performance.now() - started) / 1000;
  };
  const rows: string[] = [];
  const speedUps = new Map<number, number>();
  const ceilings = new Map<number, number>();
  try {
    for (const sequences of options.sequences ?? [4, 8, 16]) {
      await call('settings.update', { parallelSequences: sequences });
      await call('inference.unload', { model }).catch(() => undefined);
      await timed(sequences); // loads the model with this many sequences
      const one: number[] = [];
      const parallel: number[] = [];
      for (let i = 0; i < runs; i++) {
        one.push(await timed(1));
        parallel.push(await timed(sequences));
      }
      const speedUp = median(one) / median(parallel);
      speedUps.set(sequences, speedUp);
      const status = await call<{ loadedModels: Array<{ threads: number }> }>('inference.status', {});
      const threads = status.loadedModels[0]?.threads ?? 1;
      const ceiling = llamaBatchedSpeedUp(model, sequences, threads);
      ceilings.set(sequences, ceiling);
      rows.push(`| ${sequences} sequences loaded, ${threads} thread(s) | ${fmt(median(one), 2)} | ${fmt(median(parallel), 2)} | **${fmt(speedUp, 2)}×** | ${fmt(ceiling, 2)}× | ${fmt(speedUp / ceiling, 2)} |`);
    }
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const bestAt = [...speedUps.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const best = speedUps.get(bestAt)!;
  return {
    markdown: [
      `### Eval speed-up at a real size: ${CASES} cases × SmolLM-135M shape (Q8_0), ${TOKENS} tokens each, median of ${runs} runs`,
      '',
      `Machine: ${machineLine()}. Each run is the whole path: suite → prompts → generation → BLEU, ROUGE-L → stored results.`,
      `llama.cpp's ceiling: llama-batched-bench's time per case (${PROMPT_TOKENS}-token prompt, ${TOKENS} tokens) alone ÷ with all sequences decoding together, same threads.`,
      '',
      '| model setting | one case at a time, s | all sequences in flight, s | speed-up (≥ 3×) | llama-batched-bench speed-up | app ÷ llama.cpp ceiling |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
    targets: [
      target('eval-parallel-135m-speedup', best, '>=', 3),
      // What bounds the first on this machine: the app's speed-up as a share of llama.cpp's own batched speed-up.
      target('eval-parallel-135m-vs-llama-batched', best / ceilings.get(bestAt)!, '>=', 0.9),
    ],
  };
}
