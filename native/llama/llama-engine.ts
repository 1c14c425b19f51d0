import { scoreChoices } from './choice-scoring.js';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { NativeError } from '../native-error.js';
import { generate, type GenerationHooks } from './generation.js';
import { LoadedModel } from './loaded-model.js';
import type { ChoiceRequest, ChoiceScore, EmbedResult, GenerateRequest, GenerationResult, GpuChoice, HostStatusInfo, ModelSpec } from './protocol.js';

/** node-llama-cpp behind a small API: one Llama instance, models loaded on first use and kept warm. */
export class LlamaEngine {
  private readonly models = new Map<string, Promise<LoadedModel>>();

  private constructor(private readonly llama: Llama) {}

  static async create(gpu: GpuChoice): Promise<LlamaEngine> {
    try {
      const llama = await getLlama({
        gpu: gpu === 'cpu' ? false : gpu,
        // Never compile or download at run time: air-gapped machines use the prebuilt binaries shipped on npm.
        build: 'never',
        usePrebuiltBinaries: true,
        skipDownload: true,
        progressLogs: false,
        logLevel: LlamaLogLevel.error,
        logger: (level, message) => {
          if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) process.stderr.write(`[llama.cpp] ${message}\n`);
        },
      });
      return new LlamaEngine(llama);
    } catch (error) {
      throw new NativeError('MODEL_LOAD_FAILED', `llama.cpp could not start with GPU setting "${gpu}": ${(error as Error).message}. Choose "auto" or "cpu" on the Settings screen or with \`enclave settings set --gpu cpu\`.`);
    }
  }

  get gpu(): string {
    return this.llama.gpu === false ? 'cpu' : this.llama.gpu;
  }

  async generate(spec: ModelSpec, request: GenerateRequest, hooks: GenerationHooks): Promise<GenerationResult> {
    const loaded = await this.load(spec);
    loaded.requireGenerative();
    return generate(this.llama, loaded, request, hooks);
  }

  async embed(spec: ModelSpec, texts: string[]): Promise<EmbedResult> {
    const context = await (await this.load(spec)).embeddings();
    const vectors: number[][] = [];
    for (const text of texts) vectors.push([...(await context.getEmbeddingFor(text)).vector]);
    return { dimensions: vectors[0]?.length ?? 0, vectors };
  }

  async scoreChoices(spec: ModelSpec, items: ChoiceRequest[]): Promise<ChoiceScore[][]> {
    return scoreChoices(await this.load(spec), items);
  }

  async countTokens(spec: ModelSpec, texts: string[]): Promise<number[]> {
    const { model } = await this.load(spec);
    return texts.map((text) => model.tokenize(text).length);
  }

  async status(): Promise<HostStatusInfo> {
    const loaded = await Promise.allSettled(this.models.values());
    const infos = await Promise.all(loaded.flatMap((r) => (r.status === 'fulfilled' ? [r.value.info()] : [])));
    return { gpu: this.gpu, threads: infos[0]?.threads ?? null, loadedModels: infos };
  }

  async unload(modelId: string): Promise<boolean> {
    const pending = this.models.get(modelId);
    if (!pending) return false;
    this.models.delete(modelId);
    await (await pending).dispose();
    return true;
  }

  async dispose(): Promise<void> {
    for (const id of [...this.models.keys()]) await this.unload(id);
    await this.llama.dispose();
  }

  /** Loads once per model id; a changed spec (threads, context, file) reloads. */
  private async load(spec: ModelSpec): Promise<LoadedModel> {
    const existing = this.models.get(spec.modelId);
    if (existing) {
      const loaded = await existing.catch(() => undefined);
      if (loaded && sameSpec(loaded.spec, spec)) return loaded;
      await this.unload(spec.modelId);
    }
    const loading = LoadedModel.load(this.llama, spec);
    this.models.set(spec.modelId, loading);
    loading.catch(() => {
      if (this.models.get(spec.modelId) === loading) this.models.delete(spec.modelId);
    });
    return loading;
  }
}

function sameSpec(a: ModelSpec, b: ModelSpec): boolean {
  return a.path === b.path && a.threads === b.threads && a.contextSize === b.contextSize && a.sequences === b.sequences && a.vocabOnly === b.vocabOnly;
}
