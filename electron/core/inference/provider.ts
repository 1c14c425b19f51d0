import type { GenerationResult } from '../contract/schemas.js';
import type { EmbedResult, GenerateRequest, HostStatusInfo, ModelSpec } from '../../../native/llama/protocol.js';

export interface GenerateHooks {
  onText(text: string, completionTokens: number): void;
  signal: AbortSignal;
}

/**
 * Where generation happens. The local llama.cpp host implements it today; a remote OpenAI-compatible
 * endpoint (vLLM, llama-server) implements the same interface when sync arrives.
 */
export interface InferenceProvider {
  generate(spec: ModelSpec, request: GenerateRequest, hooks: GenerateHooks): Promise<GenerationResult>;
  embed(spec: ModelSpec, texts: string[]): Promise<EmbedResult>;
  /** Token counts of many texts in one call (chunking counts thousands at a time). */
  countTokens(spec: ModelSpec, texts: string[]): Promise<number[]>;
  status(): Promise<HostStatusInfo>;
  unload(modelId: string): Promise<boolean>;
  close(): Promise<void>;
}
