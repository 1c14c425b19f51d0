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
import type { ChoiceRequest, ChoiceScore } from '../../../native/llama/protocol.js';
import type { GatewayPolicies, GatewayRunner } from '../gateway/routing/gateway-policies.js';

/**
 * Turns contract calls into gateway calls: resolves the model (local file or `ENDPOINT/MODEL`), passes the approval
 * gate, applies settings, streams tokens as events. Where the model runs is the gateway's business (gateway.ts).
 */
export class InferenceService {
  private readonly gateway: GatewayDoor;
  /** Routes, quotas, cache, fallback, limits and metering around every generation and embedding (gateway/routing). */
  private policies: GatewayPolicies | undefined;

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
    const emit = onText ?? ((text: string, completionTokens: number) => this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text, completionTokens }));
    const once = async (attempt: GenerateInput, signal: AbortSignal, onAttemptText: typeof emit = emit) => {
      const target = await this.target(attempt.model, 'generate', use);
      // The model may have been loading while a cancel arrived: nothing runs for a cancelled job.
      if (signal.aborted) throw new AppError('CANCELLED', 'The generation was cancelled');
      const { model: _model, tags: _tags, ...request } = attempt;
      return this.gateway.generate(target, request, { signal, onText: onAttemptText });
    };
    const result = this.policies ? await this.policies.generate(input, this.runner(use, emit, once), job.signal) : await once(input, job.signal);
    // A guarded caller's raw text must not leave in an event either: its job result carries the scanned answer.
    if (!onText) this.events.emit('inference.completed', { jobId: job.jobId, result });
    return result;
  }

  async embed(modelRef: string, texts: string[], use: ModelUse): Promise<{ dimensions: number; vectors: number[][] }> {
    const once = async (ref: string) => this.gateway.embed(await this.target(ref, 'embed', use), texts);
    return this.policies ? this.policies.embed(modelRef, texts, once, (ref) => this.admitted(ref, use)) : once(modelRef);
  }

  /** Set once by create-core: from then on every call passes the gateway's policies. */
  usePolicies(policies: GatewayPolicies): void {
    this.policies = policies;
  }

  private runner(use: ModelUse, emit: GatewayRunner['emit'], generate: GatewayRunner['generate']): GatewayRunner {
    return {
      // The gate decides before anything is served, a cached answer included.
      resolve: (ref) => this.admitted(ref, use),
      generate,
      emit,
      // The semantic cache's embedding model runs like any production embedding (approval required).
      embed: async (ref, texts) => this.gateway.embed(await this.target(ref, 'embed', 'production'), texts),
    };
  }

  /** The library entry, once the approval gate let this use run it. */
  private async admitted(ref: string, use: ModelUse): Promise<StoredModel> {
    const { model } = await this.models.resolveForUse(ref, true);
    assertMayRun(model, use);
    return model;
  }

  /** A route's name stands for its default target where one model must be meant (token counts, context window). */
  private named(ref: string): string {
    return this.policies ? this.policies.resolveName(ref) : ref;
  }

  /** Counting tokens reads only the vocabulary: pending models may count (chunking plans with them), rejected ones not. */
  async countTokens(modelRef: string, texts: string[]): Promise<number[]> {
    return this.gateway.countTokens(await this.target(this.named(modelRef), 'count tokens', 'evaluation'), texts);
  }

  /** Log-likelihood of each continuation after its context (multiple-choice benchmarks), as an evaluation use. */
  async scoreChoices(modelRef: string, items: ChoiceRequest[]): Promise<ChoiceScore[][]> {
    const target = await this.target(this.named(modelRef), 'generate', 'evaluation');
    if (!this.gateway.scoreChoices) throw new AppError('INVALID_INPUT', 'This core cannot score multiple-choice items (no local inference host)');
    return this.gateway.scoreChoices(target, items);
  }

  /** The context the model will run with (settings capped by its trained context): what a prompt must fit. */
  async contextWindow(modelRef: string): Promise<number> {
    const { model } = await this.models.resolveForUse(this.named(modelRef), true);
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
