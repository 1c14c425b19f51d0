import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';

export interface DecodeOptions {
  maxTokens: number;
  temperature: number;
  topP: number;
  topK: number;
  seed?: number | undefined;
  /** Plain-text stop sequences: generation ends before them and they are never emitted. */
  stop: string[];
  /** Tokens that end generation (e.g. a chat template's end-of-turn markers that are not EOG tokens). */
  stopTokens: ReadonlySet<Token>;
  signal: AbortSignal;
  onToken(count: number, now: number): void;
  onText(text: string): void;
  /** Awaited before each token is requested, the first included: lets the sequences of one context step together (step-barrier.ts). */
  beforeNextToken?: (() => Promise<void>) | undefined;
}

export interface DecodeResult {
  text: string;
  completionTokens: number;
  stopReason: 'eos' | 'maxTokens' | 'stopSequence' | 'cancelled';
}

const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The generation loop on node-llama-cpp's raw `evaluate`, with only the work a request needs per token:
 * incremental detokenisation, stop sequences and limits. Measured against the raw loop in `npm run bench`;
 * node-llama-cpp's LlamaCompletion costs 5–10% more per token on small models, so it is used only for grammars.
 */
export async function decode(model: LlamaModel, sequence: LlamaContextSequence, prompt: Token[], options: DecodeOptions): Promise<DecodeResult> {
  const generated: Token[] = [];
  let undecoded: Token[] = [];
  let emitted = ''; // text handed to onText
  let pending = ''; // decoded text held back: it may be the start of a stop sequence
  let stopReason: DecodeResult['stopReason'] = 'eos';
  const longestStop = Math.max(0, ...options.stop.map((s) => s.length));

  const iterator = sequence.evaluate(prompt, {
    temperature: options.temperature,
    topP: options.topP,
    topK: options.topK,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  try {
    if (options.beforeNextToken) await options.beforeNextToken();
    for await (const token of iterator) {
      if (options.signal.aborted) {
        stopReason = 'cancelled';
        break;
      }
      if (options.stopTokens.has(token)) break;
      generated.push(token);
      options.onToken(generated.length, performance.now());
      undecoded.push(token);
      const piece = model.detokenize(undecoded, false, generated.slice(-undecoded.length - 4, -undecoded.length));
      // A multi-byte character split across tokens decodes as U+FFFD until its last byte arrives.
      if (!piece.endsWith(REPLACEMENT_CHARACTER)) {
        pending += piece;
        undecoded = [];
        const stopAt = firstStop(pending, options.stop);
        if (stopAt >= 0) {
          pending = pending.slice(0, stopAt);
          stopReason = 'stopSequence';
        }
        const safe = stopReason === 'stopSequence' ? pending.length : Math.max(0, pending.length - (longestStop - 1));
        if (safe > 0) {
          options.onText(pending.slice(0, safe));
          emitted += pending.slice(0, safe);
          pending = pending.slice(safe);
        }
        if (stopReason === 'stopSequence') break;
      }
      if (generated.length >= options.maxTokens) {
        stopReason = 'maxTokens';
        break;
      }
      if (options.beforeNextToken) await options.beforeNextToken();
    }
  } finally {
    await iterator.return(undefined);
  }
  if (options.signal.aborted) stopReason = 'cancelled';
  if (pending !== '') {
    options.onText(pending);
    emitted += pending;
  }
  return { text: emitted, completionTokens: generated.length, stopReason };
}

function firstStop(text: string, stops: string[]): number {
  let first = -1;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}
