// The thread policy at the sizes users run (issue 17): the one-thread rule is for tiny models only.
import { describe, expect, test } from 'vitest';
import { chooseBatchThreads, chooseThreads, SINGLE_THREAD_MODEL_BYTES } from './thread-policy.js';

const MiB = 2 ** 20;
/** File sizes of the shaped benchmark models (bench/shaped-models) and of stories260K. */
const sizes = { stories260K: 1.1 * MiB, bgeSmallQ8: 35 * MiB, smol135mQ8: 127 * MiB, llama05bQ4KM: 286 * MiB, llama05bQ8: 494 * MiB, llama8bQ4KM: 4.6 * 1024 * MiB };

describe('thread policy at real model sizes', () => {
  test('tiny models get one thread; every real chat model gets the cores less one for the driving thread', () => {
    expect(chooseThreads({ cpuCores: 8, modelBytes: sizes.stories260K, gpuOffload: false })).toBe(1);
    for (const bytes of [sizes.smol135mQ8, sizes.llama05bQ4KM, sizes.llama05bQ8, sizes.llama8bQ4KM]) {
      expect(bytes).toBeGreaterThan(SINGLE_THREAD_MODEL_BYTES);
      expect(chooseThreads({ cpuCores: 8, modelBytes: bytes, gpuOffload: false })).toBe(7);
      expect(chooseThreads({ cpuCores: 16, modelBytes: bytes, gpuOffload: false })).toBe(15);
      expect(chooseThreads({ cpuCores: 2, modelBytes: bytes, gpuOffload: false })).toBe(1);
    }
  });

  test('an embedding model below the tiny-model line embeds on every core but one (batch work beside the rest of the machine)', () => {
    const generation = chooseThreads({ cpuCores: 8, modelBytes: sizes.bgeSmallQ8, gpuOffload: false });
    expect(generation).toBe(1);
    expect(chooseBatchThreads(8, generation)).toBe(7);
    expect(chooseBatchThreads(2, generation)).toBe(1);
    expect(chooseBatchThreads(1, generation)).toBe(1);
  });

  test('with layers offloaded to a GPU the CPU threads only feed it', () => {
    expect(chooseThreads({ cpuCores: 16, modelBytes: sizes.llama8bQ4KM, gpuOffload: true })).toBe(4);
  });
});
