import { AppError } from '../contract/errors.js';
import type { GenerateInput, GenerationResult } from '../contract/schemas.js';
import type { EventBus } from '../events/event-bus.js';
import type { JobControl } from '../jobs/job-runner.js';
import { assertMayRun, type ModelUse } from '../models/approval-gate.js';
import type { ModelsService } from '../models/models.service.js';
import type { StoredModel } from '../models/models.repo.js';
import type { SettingsService } from '../settings/settings.service.js';
import { asDoor, type GatewayDoor, type GatewayTarget } from '../gateway/gateway.js';
import type { InferenceProvider } from './provider.js';

/**
 * Turns contract calls into gateway calls: resolves the model (local file or `ENDPOINT/MODEL`), passes the approval
 * gate, applies settings, streams tokens as events. Where the model runs is the gateway's business (gateway.ts).
 */
export class InferenceService {
  private readonly gateway: GatewayDoor;

  constructor(
    private readonly models: ModelsService,
    private readonly settings: SettingsService,
    gateway: GatewayDoor | InferenceProvider,
    private readonly events: EventBus,
  ) {
    this.gateway = asDoor(gateway);
  }

  /**
   * `use` says whether this is production or evaluation: the approval gate decides from it (every caller names
   * one). `onText` replaces the token events (guarded callers release text only after their output scan).
   */
  async generate(input: GenerateInput, use: ModelUse, job: JobControl, onText?: (text: string, completionTokens: number) => void): Promise<GenerationResult> {
    const target = await this.target(input.model, 'generate', use);
    // The model may have been loading while a cancel arrived: nothing runs for a cancelled job.
    if (job.signal.aborted) throw new AppError('CANCELLED', 'The generation was cancelled');
    const { model: _model, ...request } = input;
    const result = await this.gateway.generate(target, request, {
      signal: job.signal,
      onText: onText ?? ((text, completionTokens) => this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text, completionTokens })),
    });
    // A guarded caller's raw text must not leave in an event either: its job result carries the scanned answer.
    if (!onText) this.events.emit('inference.completed', { jobId: job.jobId, result });
    return result;
  }

  async embed(modelRef: string, texts: string[], use: ModelUse): Promise<{ dimensions: number; vectors: number[][] }> {
    return this.gateway.embed(await this.target(modelRef, 'embed', use), texts);
  }

  /** Counting tokens reads only the vocabulary: pending models may count (chunking plans with them), rejected ones not. */
  async countTokens(modelRef: string, texts: string[]): Promise<number[]> {
    return this.gateway.countTokens(await this.target(modelRef, 'count tokens', 'evaluation'), texts);
  }

  /** The context the model will run with (settings capped by its trained context): what a prompt must fit. */
  async contextWindow(modelRef: string): Promise<number> {
    const { model } = await this.models.resolveForUse(modelRef, true);
    return this.gateway.contextWindow({ model, spec: this.spec(model) }, this.settings.get().contextSize);
  }

  async unload(modelRef: string): Promise<boolean> {
    const { model } = await this.models.resolveForUse(modelRef, true);
    return model.remote ? false : this.gateway.unload(model.id);
  }

  private async target(ref: string, purpose: 'generate' | 'embed' | 'count tokens', use: ModelUse): Promise<GatewayTarget> {
    const { model } = await this.models.resolveForUse(ref, true);
    assertMayRun(model, use);
    if (purpose !== 'count tokens') assertHasWeights(model, purpose);
    return { model, spec: this.spec(model) };
  }

  private spec(model: StoredModel): GatewayTarget['spec'] {
    const settings = this.settings.get();
    return {
      modelId: model.id,
      name: model.name,
      path: model.path,
      sizeBytes: model.sizeBytes,
      vocabOnly: model.vocabOnly,
      threads: settings.threads,
      contextSize: settings.contextSize,
      sequences: settings.parallelSequences,
    };
  }
}

function assertHasWeights(model: StoredModel, purpose: string): void {
  if (model.vocabOnly) {
    throw new AppError('MODEL_INVALID', `"${model.name}" is a vocabulary-only GGUF (no weights): it can count tokens but cannot ${purpose}. Import the full model file.`);
  }
}
