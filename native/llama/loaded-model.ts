import os from 'node:os';
import { effectiveContextSize } from './context-size.js';
import {
  resolveChatWrapper,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaEmbeddingContext,
  type LlamaModel,
} from 'node-llama-cpp';
import { NativeError } from '../native-error.js';
import { sequenceOrderedBatching } from './batch-order.js';
import type { LoadedModelInfo, ModelSpec } from './protocol.js';
import { StepBarrier } from './step-barrier.js';
import { chooseBatchSize, chooseBatchThreads, chooseThreads } from './thread-policy.js';

/** One model in memory: a context with a fixed number of sequences handed out one per request. */
export class LoadedModel {
  private readonly idle: LlamaContextSequence[] = [];
  /** Creation order of the sequences: a fresh context hands out llama.cpp sequence ids in this order. */
  private readonly slots = new Map<LlamaContextSequence, number>();
  private readonly waiting: Array<(sequence: LlamaContextSequence) => void> = [];
  private embeddingContext: Promise<LlamaEmbeddingContext> | undefined;
  readonly chatWrapper: ChatWrapper | null;
  /** The generating sequences of the context decode their tokens in lockstep, one batch per step. */
  readonly steps = new StepBarrier();

  private constructor(
    readonly spec: ModelSpec,
    readonly model: LlamaModel,
    readonly context: LlamaContext | null,
    readonly threads: number,
  ) {
    if (context) {
      for (let i = 0; i < spec.sequences; i++) {
        const sequence = context.getSequence();
        this.slots.set(sequence, i);
        this.idle.push(sequence);
      }
    }
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
      throw new NativeError('MODEL_LOAD_FAILED', `${spec.name} could not be loaded by llama.cpp: ${(error as Error).message}`);
    }
    if (spec.vocabOnly) return new LoadedModel(spec, model, null, threads);
    try {
      const trained = model.trainContextSize;
      const contextSize = effectiveContextSize(spec.contextSize, trained);
      // The batching strategy reads the queue of the context it belongs to, which exists only once created.
      let context: LlamaContext | undefined;
      context = await model.createContext({
        contextSize,
        sequences: spec.sequences,
        threads,
        batchSize: chooseBatchSize(contextSize),
        batching: { itemPrioritizationStrategy: sequenceOrderedBatching(() => context) },
      });
      return new LoadedModel(spec, model, context, threads);
    } catch (error) {
      await model.dispose();
      throw new NativeError('MODEL_LOAD_FAILED', `Not enough memory for ${spec.name} with a ${spec.contextSize}-token context and ${spec.sequences} sequences; lower them on the Settings screen or with \`enclave settings set\` (${(error as Error).message})`);
    }
  }

  get contextSize(): number {
    return this.context?.contextSize ?? 0;
  }

  requireGenerative(): LlamaContext {
    if (!this.context) {
      throw new NativeError('MODEL_INVALID', `${this.spec.name} is a vocabulary-only GGUF (no weights): it can count tokens but cannot generate or embed. Import the full model file.`);
    }
    return this.context;
  }

  /**
   * Waits for a free sequence: requests beyond the parallel slots queue instead of failing. The lowest free id is
   * handed out, so the sequences in flight tend to have consecutive ids: llama.cpp decodes those as one graph.
   */
  async acquireSequence(): Promise<LlamaContextSequence> {
    this.requireGenerative();
    if (this.idle.length > 0) {
      const lowest = this.idle.reduce((best, s, i, all) => (this.slot(s) < this.slot(all[best] as LlamaContextSequence) ? i : best), 0);
      return this.idle.splice(lowest, 1)[0] as LlamaContextSequence;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The sequence's place in the context (0 … sequences − 1). */
  slot(sequence: LlamaContextSequence): number {
    return this.slots.get(sequence) ?? 0;
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
    // Embedding is batch work: synchronisation is amortised over hundreds of tokens, so more threads help, up to the
    // core left free for the rest of the machine (thread-policy.ts).
    this.embeddingContext ??= this.model.createEmbeddingContext({ contextSize: Math.min(this.contextSize, 2048), threads: chooseBatchThreads(os.availableParallelism(), this.threads) });
    return this.embeddingContext;
  }

  async info(): Promise<LoadedModelInfo> {
    const embedding = this.embeddingContext ? await this.embeddingContext.catch(() => undefined) : undefined;
    // The embedding context object keeps its LlamaContext private; its memory is read the same way as the main one.
    const embeddingRam = (embedding as unknown as { _llamaContext?: LlamaContext } | undefined)?._llamaContext?.memoryUsage.ram ?? 0;
    return {
      modelId: this.spec.modelId, name: this.spec.name, threads: this.threads, sequences: this.spec.sequences, contextSize: this.contextSize,
      weightsBytes: this.model.size, contextBytes: (this.context?.memoryUsage.ram ?? 0) + embeddingRam,
    };
  }

  async dispose(): Promise<void> {
    if (this.embeddingContext) await (await this.embeddingContext).dispose();
    await this.context?.dispose();
    await this.model.dispose();
  }
}
