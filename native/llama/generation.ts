import {
  LlamaCompletion,
  LlamaText,
  type ChatHistoryItem,
  type Llama,
  type LlamaContextSequence,
  type LlamaGrammar,
  type Token,
} from 'node-llama-cpp';
import { NativeError } from '../native-error.js';
import { decode, type DecodeOptions, type DecodeResult } from './decode-loop.js';
import type { LoadedModel } from './loaded-model.js';
import type { ChatMessage, GenerateRequest, GenerationResult } from './protocol.js';

export interface GenerationHooks {
  /** Called with each piece of new text and the completion token count so far. */
  onText(text: string, completionTokens: number): void;
  signal: AbortSignal;
}

interface PreparedPrompt {
  tokens: Token[];
  stopStrings: string[];
  stopTokens: Set<Token>;
  mode: GenerationResult['mode'];
}

/**
 * One generation on one sequence. A `prompt` is continued as plain text; `messages` go through the model's own
 * chat template when the file has one, and otherwise become a plain transcript to continue.
 */
export async function generate(llama: Llama, loaded: LoadedModel, request: GenerateRequest, hooks: GenerationHooks): Promise<GenerationResult> {
  const started = performance.now();
  const prepared = preparePrompt(loaded, request);
  if (prepared.tokens.length >= loaded.contextSize) {
    throw new NativeError('CONTEXT_OVERFLOW', `The prompt has ${prepared.tokens.length} tokens but ${loaded.spec.name}'s context holds ${loaded.contextSize}; shorten the prompt or raise the context size (Settings screen, or \`enclave settings set --context-size N\`)`);
  }
  const grammar = request.jsonSchema ? await grammarFor(llama, request.jsonSchema) : undefined;

  const sequence = await loaded.acquireSequence();
  let tokens = 0;
  let firstTokenAt = 0;
  let lastTokenAt = 0;
  const onToken = (count: number, now: number): void => {
    if (count === 1) firstTokenAt = now;
    lastTokenAt = now;
    tokens = count;
  };
  const onText = (text: string): void => hooks.onText(text, tokens);
  try {
    const outcome = grammar
      ? await completeWithGrammar(sequence, prepared, request, grammar, { signal: hooks.signal, onToken, onText })
      : await decodeInStep(loaded, sequence, prepared.tokens, {
          ...request,
          stop: [...prepared.stopStrings, ...request.stop],
          stopTokens: prepared.stopTokens,
          signal: hooks.signal,
          onToken,
          onText,
        });
    const ended = performance.now();
    return {
      text: outcome.text,
      promptTokens: prepared.tokens.length,
      completionTokens: outcome.completionTokens,
      ttftMs: round((firstTokenAt || ended) - started),
      // Decode speed between the first and last token: the figure llama.cpp and its benchmarks report.
      tokensPerSecond: outcome.completionTokens > 1 ? round(((outcome.completionTokens - 1) * 1000) / (lastTokenAt - firstTokenAt)) : 0,
      totalMs: round(ended - started),
      stopReason: hooks.signal.aborted ? 'cancelled' : outcome.stopReason,
      mode: prepared.mode,
    };
  } finally {
    await loaded.releaseSequence(sequence);
  }
}

/** The raw decode loop as a member of the context's step barrier, so parallel requests share full batches. */
async function decodeInStep(loaded: LoadedModel, sequence: LlamaContextSequence, tokens: Token[], options: Omit<DecodeOptions, 'beforeNextToken'>): Promise<DecodeResult> {
  const step = loaded.steps.enter(loaded.slot(sequence));
  try {
    return await decode(loaded.model, sequence, tokens, { ...options, beforeNextToken: step.beforeToken });
  } finally {
    step.leave();
  }
}

/** JSON-schema output: node-llama-cpp's completion loop knows when a grammar is complete. */
async function completeWithGrammar(
  sequence: LlamaContextSequence,
  prepared: PreparedPrompt,
  request: GenerateRequest,
  grammar: LlamaGrammar,
  hooks: { signal: AbortSignal; onToken(count: number, now: number): void; onText(text: string): void },
): Promise<DecodeResult> {
  let count = 0;
  const completion = new LlamaCompletion({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    const { response, metadata } = await completion.generateCompletionWithMeta(prepared.tokens, {
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      topP: request.topP,
      topK: request.topK,
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      grammar,
      customStopTriggers: [...prepared.stopStrings, ...request.stop],
      signal: hooks.signal,
      stopOnAbortSignal: true,
      onToken(tokens) {
        count += tokens.length;
        hooks.onToken(count, performance.now());
      },
      onTextChunk: hooks.onText,
    });
    return { text: response, completionTokens: count, stopReason: stopReasonOf(metadata.stopReason) };
  } finally {
    completion.dispose({ disposeSequence: false });
  }
}

function preparePrompt(loaded: LoadedModel, request: GenerateRequest): PreparedPrompt {
  const { model, chatWrapper } = loaded;
  if (request.prompt !== undefined) {
    return { tokens: model.tokenize(request.prompt), stopStrings: [], stopTokens: new Set(), mode: 'completion' };
  }
  const messages = request.messages ?? [];
  if (chatWrapper) {
    const state = chatWrapper.generateContextState({ chatHistory: toChatHistory(messages) });
    const stopStrings: string[] = [];
    const stopTokens = new Set<Token>();
    for (const trigger of state.stopGenerationTriggers) {
      const text = LlamaText(trigger);
      if (text.values.every((v) => typeof v === 'string')) stopStrings.push(text.values.join(''));
      else {
        // A special-token marker (e.g. an end-of-turn token that is not end-of-generation): stop on the token itself.
        const ids = text.tokenize(model.tokenizer);
        if (ids.length === 1 && ids[0] !== undefined) stopTokens.add(ids[0]);
      }
    }
    return { tokens: state.contextText.tokenize(model.tokenizer), stopStrings: stopStrings.filter((s) => s !== ''), stopTokens, mode: 'chat' };
  }
  // No template in the file: continue a plain transcript, and stop where the model starts the next user turn.
  const transcript = messages.map((m) => `${label(m.role)}: ${m.content}`).join('\n') + '\nAssistant:';
  return { tokens: model.tokenize(transcript), stopStrings: ['\nUser:'], stopTokens: new Set(), mode: 'completion' };
}

function toChatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'system' ? { type: 'system', text: m.content }
      : m.role === 'user' ? { type: 'user', text: m.content }
        : { type: 'model', response: [m.content] },
  );
  history.push({ type: 'model', response: [] });
  return history;
}

const grammarCache = new Map<string, Promise<LlamaGrammar>>();

async function grammarFor(llama: Llama, schema: Record<string, unknown>): Promise<LlamaGrammar> {
  const key = JSON.stringify(schema);
  let grammar = grammarCache.get(key);
  if (!grammar) {
    grammar = Promise.resolve().then(() => llama.createGrammarForJsonSchema(schema as never));
    grammarCache.set(key, grammar);
  }
  try {
    return await grammar;
  } catch (error) {
    grammarCache.delete(key);
    throw new NativeError('INVALID_INPUT', `The JSON schema cannot be turned into a grammar: ${(error as Error).message}`);
  }
}

function stopReasonOf(reason: string): GenerationResult['stopReason'] {
  if (reason === 'maxTokens') return 'maxTokens';
  if (reason === 'customStopTrigger') return 'stopSequence';
  if (reason === 'abort') return 'cancelled';
  return 'eos';
}

const label = (role: ChatMessage['role']): string => (role === 'system' ? 'System' : role === 'user' ? 'User' : 'Assistant');
const round = (value: number): number => Math.round(value * 100) / 100;
