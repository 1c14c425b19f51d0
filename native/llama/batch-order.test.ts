import { getLlama, LlamaLogLevel, type BatchItem, type LlamaContext, type Token } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { models } from '../../test/helpers/fixtures.js';
import { fairShares, sequenceIds, sequenceOrderedBatching } from './batch-order.js';

const item = (tokens: number): BatchItem => ({ tokens: Array.from({ length: tokens }, (_, i) => i as Token), logits: [], evaluationPriority: 5 });

/** A stand-in for node-llama-cpp's context: only the queue the strategy reads. */
const contextWithQueue = (queue: Array<{ sequenceId: number; tokens: readonly Token[] }>): LlamaContext => ({ _queuedDecodes: queue }) as unknown as LlamaContext;

describe('batch layout for parallel sequences', () => {
  it('gives every item a fair share of the batch, at least one token each while room is left', () => {
    expect(fairShares([item(1), item(1), item(1)], 512)).toEqual([1, 1, 1]);
    expect(fairShares([item(1), item(300), item(400)], 512)).toEqual([1, 256, 255]);
    expect(fairShares([item(1), item(100), item(400)], 512)).toEqual([1, 100, 400]);
    expect(fairShares([item(600), item(600)], 512)).toEqual([256, 256]);
    expect(fairShares([item(1), item(1), item(1)], 2)).toEqual([1, 1, 0]);
  });

  it('lays the batch out in ascending sequence order, read from the context queue', () => {
    const items = [item(1), item(10), item(1)];
    const context = contextWithQueue([
      { sequenceId: 3, tokens: items[0]!.tokens },
      { sequenceId: 0, tokens: items[1]!.tokens },
      { sequenceId: 1, tokens: items[2]!.tokens },
    ]);
    const batch = sequenceOrderedBatching(() => context)({ items, size: 512 });
    expect(batch.map((b) => b.item)).toEqual([items[1], items[2], items[0]]);
    expect(batch.map((b) => b.processAmount)).toEqual([10, 1, 1]);
  });

  it('keeps the incoming order when the queue does not match the items (another node-llama-cpp)', () => {
    const items = [item(1), item(1)];
    const strategy = (context: LlamaContext | undefined) => sequenceOrderedBatching(() => context)({ items, size: 512 }).map((b) => b.item);
    expect(strategy(undefined)).toEqual(items);
    expect(strategy(contextWithQueue([{ sequenceId: 1, tokens: items[0]!.tokens }]))).toEqual(items);
    expect(strategy(contextWithQueue([{ sequenceId: 1, tokens: [] }, { sequenceId: 0, tokens: items[1]!.tokens }]))).toEqual(items);
  });

  it('leaves out items that get no room, so they stay queued for the next batch', () => {
    const items = [item(1), item(1), item(1)];
    const context = contextWithQueue(items.map((it, i) => ({ sequenceId: 2 - i, tokens: it.tokens })));
    const batch = sequenceOrderedBatching(() => context)({ items, size: 2 });
    expect(batch).toHaveLength(2);
    expect(batch.every((b) => b.processAmount > 0)).toBe(true);
  });
});

describe('batch layout with the node-llama-cpp this app ships', () => {
  it('finds the sequence of every batch item in a real context (an upgrade that hides it fails here)', async () => {
    const llama = await getLlama({ gpu: false, build: 'never', usePrebuiltBinaries: true, skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath: models.stories, gpuLayers: 0 });
    const seen: Array<number[] | null> = [];
    let context: LlamaContext | undefined;
    const ordered = sequenceOrderedBatching(() => context);
    context = await model.createContext({
      contextSize: 256, sequences: 2, threads: 1,
      batching: { itemPrioritizationStrategy: (options) => (seen.push(sequenceIds(context, options.items)), ordered(options)) },
    });
    try {
      const generate = async (prompt: string): Promise<void> => {
        const sequence = context!.getSequence();
        let count = 0;
        for await (const _ of sequence.evaluate(model.tokenize(prompt), { temperature: 0 })) if (++count === 8) break;
      };
      await Promise.all([generate('Once upon a time'), generate('The little dog')]);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((ids) => ids !== null && ids.every((id) => id === 0 || id === 1))).toBe(true);
      expect(seen.some((ids) => ids?.length === 2)).toBe(true);
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });
});
