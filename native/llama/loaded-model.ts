import os from 'node:os';
import {
  resolveChatWrapper,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaEmbeddingContext,
  type LlamaModel,
} from 'node-llama-cpp';
import { AppError } from '../../electron/core/contract/errors.js';
import type { LoadedModelInfo, ModelSpec } from './protocol.js';
import { chooseBatchSize, chooseBatchThreads, chooseThreads } from './thread-policy.js';

/** One model in memory: a context with a fixed number of sequences handed out one per request. */
export class LoadedModel {
  private readonly idle: LlamaContextSequence[] = [];
  private readonly waiting: Array<(sequence: LlamaContextSequence) => void> = [];
  private embeddingContext: Promise<LlamaEmbeddingContext> | undefined;
  readonly chatWrapper: ChatWrapper | null;

  private constructor(
    readonly spec: ModelSpec,
    readonly model: LlamaModel,
    readonly context: LlamaContext | null,
    readonly threads: number,
  ) {
    if (context) for (let i = 0; i < spec.sequences; i++) this.idle.push(context.getSequence());
    // Only a template that the file itself carries makes a model a chat model; no guessing from its name.
    this.chatWrapper = model.fileInfo.metadata.tokenizer?.chat_template
      ? resolveChatWrapper(model, { fallbackToOtherWrappersOnJinjaError: true }) ?? null
      : null;
  }

  static async load(llama: Llama, spec: ModelSpec): Promise<LoadedModel> {
    const threads = spec.threads === 'auto'
      ? chooseThreads({ cpuCores: os.availableParallelism(), modelBytes: spec.sizeBytes, gpuOffload: llama.gpu !== false })
      : spec.threads;
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: spec.path, vocabOnly: spec.vocabOnly, gpuLayers: llama.gpu === false ? 0 : 'auto' });
    } catch (error) {
      throw new AppError('MODEL_LOAD_FAILED', `${spec.name} could not be loaded by llama.cpp: ${(error as Error).message}`);
    }
    if (spec.vocabOnly) return new LoadedModel(spec, model, null, threads);
    try {
      const trained = model.trainContextSize;
      const contextSize = Math.max(256, Math.min(spec.contextSize, trained > 0 ? trained : spec.contextSize));
      const context = await model.createContext({
        contextSize,
        sequences: spec.sequences,
        threads,
        batchSize: chooseBatchSize(contextSize),
      });
      return new LoadedModel(spec, model, context, threads);
    } catch (error) {
      await model.dispose();
      throw new AppError('MODEL_LOAD_FAILED', `Not enough memory for ${spec.name} with a ${spec.contextSize}-token context and ${spec.sequences} sequences; lower them in Settings (${(error as Error).message})`);
    }
  }

  get contextSize(): number {
    return this.context?.contextSize ?? 0;
  }

  requireGenerative(): LlamaContext {
    if (!this.context) {
      throw new AppError('MODEL_INVALID', `${this.spec.name} is a vocabulary-only GGUF (no weights): it can count tokens but cannot generate or embed. Import the full model file.`);
    }
    return this.context;
  }

  /** Waits for a free sequence: requests beyond the parallel slots queue instead of failing. */
  async acquireSequence(): Promise<LlamaContextSequence> {
    this.requireGenerative();
    const sequence = this.idle.pop();
    if (sequence) return sequence;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async releaseSequence(sequence: LlamaContextSequence): Promise<void> {
    // Forget the previous conversation so the next request starts clean.
    await sequence.clearHistory();
    const next = this.waiting.shift();
    if (next) next(sequence);
    else this.idle.push(sequence);
  }

  embeddings(): Promise<LlamaEmbeddingContext> {
    this.requireGenerative();
    // Embedding is batch work: synchronisation is amortised over hundreds of tokens, so every core helps
    // (llama-bench pp512 with stories260K: 1 thread ~1,800 tok/s, 2 threads ~3,000).
    this.embeddingContext ??= this.model.createEmbeddingContext({ contextSize: Math.min(this.contextSize, 2048), threads: chooseBatchThreads(os.availableParallelism(), this.threads) });
    return this.embeddingContext;
  }

  info(): LoadedModelInfo {
    return { modelId: this.spec.modelId, name: this.spec.name, threads: this.threads, sequences: this.spec.sequences, contextSize: this.contextSize };
  }

  async dispose(): Promise<void> {
    if (this.embeddingContext) await (await this.embeddingContext).dispose();
    await this.context?.dispose();
    await this.model.dispose();
  }
}
