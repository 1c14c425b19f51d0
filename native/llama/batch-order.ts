import type { BatchItem, CustomBatchingPrioritizationStrategy, LlamaContext, PrioritizedBatchItem, Token } from 'node-llama-cpp';

/** What node-llama-cpp 3.21 queues per sequence; read only to learn which sequence a batch item belongs to. */
interface QueuedDecode {
  sequenceId: number;
  tokens: readonly Token[];
}

/**
 * The batching strategy for contexts with parallel sequences: every queued sequence gets a fair share of the batch
 * (as node-llama-cpp's default "maximumParallelism" does), and the batch is laid out in ascending sequence order.
 *
 * Why the order: node-llama-cpp keeps one KV stream per sequence (it does not enable llama.cpp's unified cache), and
 * llama.cpp then splits a batch into micro-batches of sequences with consecutive ascending ids
 * (`llama_batch_allocr::split_equal`, sequential), one graph computation each. node-llama-cpp queues sequences in
 * the order their previous tokens finished sampling, which is close to random, so a step of 8 sequences ran as about
 * 4 graph computations. One token for each of 8 sequences on stories260K: ids 0–7 ascending 1.05 ms, descending 1.77 ms.
 *
 * The sequence of an item is read from the context's queue, whose order the items follow; if that ever stops being
 * true (another node-llama-cpp version), the items keep the order they came in: slower, never wrong.
 */
export function sequenceOrderedBatching(context: () => LlamaContext | undefined): CustomBatchingPrioritizationStrategy {
  return ({ items, size }) => {
    const amounts = fairShares(items, size);
    const ids = sequenceIds(context(), items);
    const order = items.map((_, i) => i);
    if (ids) order.sort((a, b) => (ids[a] as number) - (ids[b] as number));
    const prioritized: PrioritizedBatchItem[] = [];
    for (const i of order) {
      const amount = amounts[i] as number;
      // An item left out stays queued for the next batch; a zero would be read as one token.
      if (amount > 0) prioritized.push({ item: items[i] as BatchItem, processAmount: amount });
    }
    return prioritized;
  };
}

/** Equal shares of the batch, at least one token each while room is left, until every item is placed or the batch is full. */
export function fairShares(items: readonly BatchItem[], size: number): number[] {
  const amounts = items.map(() => 0);
  let left = size;
  while (left > 0) {
    const open = items.flatMap((item, i) => ((amounts[i] as number) < item.tokens.length ? [i] : []));
    if (open.length === 0) break;
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const add = Math.min(share, (items[i] as BatchItem).tokens.length - (amounts[i] as number), left);
      amounts[i] = (amounts[i] as number) + add;
      left -= add;
      if (left === 0) break;
    }
  }
  return amounts;
}

/** The llama.cpp sequence of each item, or null when the context's queue does not line up with the items. */
export function sequenceIds(context: LlamaContext | undefined, items: readonly BatchItem[]): number[] | null {
  const queued = (context as unknown as { _queuedDecodes?: unknown } | undefined)?._queuedDecodes;
  if (!Array.isArray(queued) || queued.length !== items.length) return null;
  const ids: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const entry = queued[i] as Partial<QueuedDecode> | undefined;
    if (typeof entry?.sequenceId !== 'number' || entry.tokens !== items[i]?.tokens) return null;
    ids.push(entry.sequenceId);
  }
  return ids;
}
