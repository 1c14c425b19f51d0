import type { LlamaContextSequence, Token } from 'node-llama-cpp';
import type { LoadedModel } from './loaded-model.js';
import type { ChoiceRequest, ChoiceScore } from './protocol.js';

/** Tokens the sequences of one item share from the start: the part no choice is scored on. */
function commonPrefix(sequences: readonly Token[][]): number {
  const first = sequences[0] ?? [];
  let n = 0;
  while (n < first.length && sequences.every((s) => s[n] === first[n])) n++;
  return n;
}

/**
 * Multiple-choice scoring by log-likelihood, as llama.cpp's `llama-perplexity --hellaswag` does it: each choice is
 * tokenized together with its context (BOS first), the tokens all choices share from the start are the context, and
 * a choice's score is the sum of log p(token | everything before it) over its remaining tokens, with their count
 * (for the per-token normalisation). Probabilities are the full softmax over the vocabulary (no sampling applied).
 */
export async function scoreChoices(loaded: LoadedModel, items: readonly ChoiceRequest[], signal?: AbortSignal): Promise<ChoiceScore[][]> {
  const { model } = loaded;
  const bos = model.tokens.bos;
  const tokenize = (text: string): Token[] => [...(bos !== null && model.tokens.shouldPrependBosToken ? [bos] : []), ...model.tokenize(text)];
  const sequence: LlamaContextSequence = await loaded.acquireSequence();
  try {
    const results: ChoiceScore[][] = [];
    for (const item of items) {
      if (signal?.aborted) throw new Error('cancelled');
      const sequences = item.continuations.map((c) => tokenize(item.context + c));
      // A single choice has nothing to share with: its context is what the context alone tokenizes to.
      const prefix = sequences.length > 1 ? commonPrefix(sequences) : Math.min(tokenize(item.context).length, (sequences[0]?.length ?? 1) - 1);
      const scores: ChoiceScore[] = [];
      for (const tokens of sequences) {
        const from = Math.max(1, prefix);
        const input = tokens.map((t, i) => (i >= from - 1 && i < tokens.length - 1 ? ([t, { generateNext: { probabilities: true } }] as const) : t));
        const output = await sequence.controlledEvaluate(input as Parameters<LlamaContextSequence['controlledEvaluate']>[0]);
        let logprob = 0;
        for (let i = from - 1; i < tokens.length - 1; i++) logprob += Math.log(output[i]?.next.probabilities?.get(tokens[i + 1] as Token) ?? Number.MIN_VALUE);
        scores.push({ logprob, tokens: tokens.length - from });
        await sequence.clearHistory();
      }
      results.push(scores);
    }
    return results;
  } finally {
    await loaded.releaseSequence(sequence);
  }
}
