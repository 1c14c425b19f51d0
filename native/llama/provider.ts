// Where generation happens, as native/ sees it. The local llama.cpp host (llama-host.client.ts, the in-process
// provider) implements it; the core re-exports it as its InferenceProvider (electron/core/inference/provider.ts), so a
// remote OpenAI-compatible endpoint in the core implements the same interface.
import type { ChoiceRequest, ChoiceScore, EmbedResult, GenerateRequest, GenerationResult, HostStatusInfo, ModelSpec } from './protocol.js';

export interface GenerateHooks {
  onText(text: string, completionTokens: number): void;
  signal: AbortSignal;
}

export interface InferenceProvider {
  generate(spec: ModelSpec, request: GenerateRequest, hooks: GenerateHooks): Promise<GenerationResult>;
  embed(spec: ModelSpec, texts: string[]): Promise<EmbedResult>;
  /** Token counts of many texts in one call (chunking counts thousands at a time). */
  countTokens(spec: ModelSpec, texts: string[]): Promise<number[]>;
  /** Log-likelihood of each continuation after its context (multiple-choice benchmarks); local models only. */
  scoreChoices?(spec: ModelSpec, items: ChoiceRequest[]): Promise<ChoiceScore[][]>;
  status(): Promise<HostStatusInfo>;
  unload(modelId: string): Promise<boolean>;
  close(): Promise<void>;
}
