// The llama host's own vocabulary. native/ imports nothing from electron/: these types mirror the contract's
// (ChatMessage, GenerationResult, GpuChoice) structurally, and electron/core/contract/native-compat.ts fails to compile
// when the two drift apart.
import type { NativeErrorShape } from '../native-error.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerationResult {
  text: string;
  promptTokens: number;
  completionTokens: number;
  ttftMs: number;
  tokensPerSecond: number;
  totalMs: number;
  stopReason: 'eos' | 'maxTokens' | 'stopSequence' | 'cancelled';
  mode: 'chat' | 'completion';
}

export type GpuChoice = 'auto' | 'cpu' | 'cuda' | 'vulkan' | 'metal';

/** What the host process needs to load a model: resolved by the core from the model library. */
export interface ModelSpec {
  modelId: string;
  name: string;
  path: string;
  sizeBytes: number;
  vocabOnly: boolean;
  /** 'auto' lets thread-policy.ts decide from the machine and the model size. */
  threads: number | 'auto';
  contextSize: number;
  sequences: number;
}

export interface GenerateRequest {
  prompt?: string;
  messages?: ChatMessage[];
  jsonSchema?: Record<string, unknown>;
  maxTokens: number;
  temperature: number;
  topP: number;
  topK: number;
  seed?: number;
  stop: string[];
}

export interface EmbedResult {
  dimensions: number;
  vectors: number[][];
}

export interface LoadedModelInfo {
  modelId: string;
  name: string;
  threads: number;
  sequences: number;
  contextSize: number;
  /** The weights in memory (mmapped from the file: shared with the page cache, counted once). */
  weightsBytes: number;
  /** KV cache and compute buffers of its contexts (generation, and embedding once used), as llama.cpp sizes them. */
  contextBytes: number;
}

export interface HostStatusInfo {
  gpu: string;
  threads: number | null;
  loadedModels: LoadedModelInfo[];
}

/** Parent → host process. */
/** Multiple-choice scoring (benchmarks): a context and the continuations to score after it. */
export interface ChoiceRequest { context: string; continuations: string[] }
/** A continuation's summed log-probability given the context, over its `tokens` tokens. */
export interface ChoiceScore { logprob: number; tokens: number }

export type HostRequest =
  | { type: 'init'; gpu: GpuChoice }
  | { type: 'generate'; id: number; spec: ModelSpec; request: GenerateRequest }
  | { type: 'cancel'; id: number }
  | { type: 'embed'; id: number; spec: ModelSpec; texts: string[] }
  | { type: 'countTokens'; id: number; spec: ModelSpec; texts: string[] }
  | { type: 'scoreChoices'; id: number; spec: ModelSpec; items: ChoiceRequest[] }
  | { type: 'status'; id: number }
  | { type: 'unload'; id: number; modelId: string };

/** Host process → parent. */
export type HostReply =
  | { type: 'ready'; gpu: string }
  | { type: 'initFailed'; error: NativeErrorShape }
  | { type: 'text'; id: number; text: string; completionTokens: number }
  | { type: 'done'; id: number; value: GenerationResult | EmbedResult | { counts: number[] } | { scores: ChoiceScore[][] } | HostStatusInfo | { unloaded: boolean } }
  | { type: 'error'; id: number; error: NativeErrorShape };
