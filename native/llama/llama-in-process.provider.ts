import type { GenerateHooks, InferenceProvider } from './provider.js';
import type { LlamaEngine } from './llama-engine.js';
import type { ChoiceRequest, ChoiceScore, EmbedResult, GenerateRequest, GenerationResult, GpuChoice, HostStatusInfo, ModelSpec } from './protocol.js';

/**
 * llama.cpp in the calling process. Used where the core itself already runs in a process of its own
 * (Electron's utility process, whose fuses forbid starting further Node processes).
 */
export class InProcessLlamaProvider implements InferenceProvider {
  private engine: Promise<LlamaEngine> | undefined;
  private engineGpu: GpuChoice | undefined;

  constructor(private readonly gpu: () => GpuChoice) {}

  async generate(spec: ModelSpec, request: GenerateRequest, hooks: GenerateHooks): Promise<GenerationResult> {
    return (await this.current()).generate(spec, request, hooks);
  }

  async embed(spec: ModelSpec, texts: string[]): Promise<EmbedResult> {
    return (await this.current()).embed(spec, texts);
  }

  async scoreChoices(spec: ModelSpec, items: ChoiceRequest[]): Promise<ChoiceScore[][]> {
    return (await this.current()).scoreChoices(spec, items);
  }

  async countTokens(spec: ModelSpec, texts: string[]): Promise<number[]> {
    return (await this.current()).countTokens(spec, texts);
  }

  async status(): Promise<HostStatusInfo> {
    return this.engine ? (await this.engine).status() : { gpu: 'not started', threads: null, loadedModels: [] };
  }

  async unload(modelId: string): Promise<boolean> {
    return this.engine ? (await this.engine).unload(modelId) : false;
  }

  async close(): Promise<void> {
    const engine = await this.engine?.catch(() => undefined);
    this.engine = undefined;
    await engine?.dispose();
  }

  /** A GPU setting change takes effect by starting a new engine. */
  private async current(): Promise<LlamaEngine> {
    const gpu = this.gpu();
    if (this.engine && this.engineGpu !== gpu) await this.close();
    if (!this.engine) {
      this.engineGpu = gpu;
      // Loaded on first use: node-llama-cpp costs over a second of start-up that a CLI call without a model
      // (listing prompts, reading the audit trail) must not pay.
      this.engine = import('./llama-engine.js').then(({ LlamaEngine: Engine }) => Engine.create(gpu));
      this.engine.catch(() => (this.engine = undefined));
    }
    return this.engine;
  }
}
