/**
 * THE DOOR TO INFERENCE. Every model call in the product — generate (Playground, chat), RAG answers and embeddings,
 * registry prompt runs, eval runs, the judge, the OpenAI-compatible server — reaches a model through one
 * `GatewayDoor`, held by InferenceService. The door only decides where the call runs: a local GGUF file goes to the
 * llama.cpp provider, a remote model (`model.remote` set; named `ENDPOINT/MODEL`) to its endpoint's RemoteClient.
 *
 * Contract (small on purpose; routing, fallback, limits, cache and usage wrap it by implementing GatewayDoor around
 * an inner door and passing calls on):
 *   generate(target, request, hooks)   → GenerationResult  hooks.onText(text, completionTokens) streams; hooks.signal cancels
 *   embed(target, texts, signal?)      → { dimensions, vectors }
 *   countTokens(target, texts)         → number[]          exact from the model's tokenizer (remote: /tokenize), else estimated
 *   contextWindow(target, configured)  → number            tokens a prompt + answer must fit in
 *   unload(modelId)                    → boolean
 * `target.model` is the library entry (already resolved and passed through the approval gate by InferenceService);
 * `target.spec` is the local host's load spec (threads, context, sequences from settings).
 * Who is calling (user, roles, API token) for attribution and quotas: `callerScope.current()`.
 * Errors are AppErrors: local ones as before, remote ones ENDPOINT_UNREACHABLE | ENDPOINT_AUTH_FAILED |
 * ENDPOINT_TIMEOUT | ENDPOINT_RATE_LIMITED (details.retryAfterMs) | ENDPOINT_BAD_RESPONSE | ENDPOINT_NOT_FOUND.
 * A cancel returns the text so far with stopReason 'cancelled' (local and remote alike).
 */
import type { GenerationResult } from '../contract/schemas.js';
import type { ChoiceRequest, ChoiceScore, EmbedResult, GenerateRequest, ModelSpec } from '../../../native/llama/protocol.js';
import { AppError } from '../contract/errors.js';
import { effectiveContextSize } from '../../../native/llama/context-size.js';
import type { GenerateHooks, InferenceProvider } from '../inference/provider.js';
import type { StoredModel } from '../models/models.repo.js';
import type { RemoteClient } from './remote/remote-client.js';

export interface GatewayTarget {
  model: StoredModel;
  spec: ModelSpec;
}

export interface GatewayDoor {
  generate(target: GatewayTarget, request: GenerateRequest, hooks: GenerateHooks): Promise<GenerationResult>;
  embed(target: GatewayTarget, texts: string[], signal?: AbortSignal): Promise<EmbedResult>;
  countTokens(target: GatewayTarget, texts: string[]): Promise<number[]>;
  /** Log-likelihoods of continuations (benchmarks): local models only. */
  scoreChoices?(target: GatewayTarget, items: ChoiceRequest[]): Promise<ChoiceScore[][]>;
  contextWindow(target: GatewayTarget, configured: number): Promise<number>;
  unload(modelId: string): Promise<boolean>;
}

/** What the door needs of the endpoint registry (EndpointsService implements it). */
export interface RemoteClients {
  client(endpointId: string): RemoteClient;
  configuredContext(endpointId: string): number | null;
}

/** When neither the server nor the administrator says how long a remote context is. */
export const DEFAULT_REMOTE_CONTEXT = 4096;
/** A server's served context is asked once a minute at most (`/props` is a round trip). */
const CONTEXT_TTL_MS = 60_000;

export class Gateway implements GatewayDoor {
  private readonly servedContext = new Map<string, { value: number | null; until: number }>();

  constructor(private readonly local: InferenceProvider, private readonly remotes: RemoteClients | null = null) {}

  generate(target: GatewayTarget, request: GenerateRequest, hooks: GenerateHooks): Promise<GenerationResult> {
    const remote = this.remoteOf(target);
    return remote ? remote.client.generate(remote.modelId, request, hooks) : this.local.generate(target.spec, request, hooks);
  }

  embed(target: GatewayTarget, texts: string[], signal?: AbortSignal): Promise<EmbedResult> {
    const remote = this.remoteOf(target);
    return remote ? remote.client.embed(remote.modelId, texts, signal) : this.local.embed(target.spec, texts);
  }

  async countTokens(target: GatewayTarget, texts: string[]): Promise<number[]> {
    const remote = this.remoteOf(target);
    return remote ? (await remote.client.countTokens(texts)).counts : this.local.countTokens(target.spec, texts);
  }

  /** A remote server's API gives no log-probabilities of given text: multiple-choice scoring runs on local models. */
  scoreChoices(target: GatewayTarget, items: ChoiceRequest[]): Promise<ChoiceScore[][]> {
    if (this.remoteOf(target) || !this.local.scoreChoices) {
      return Promise.reject(new AppError('INVALID_INPUT', `${target.model.name} cannot score multiple-choice items here: log-probabilities come from local GGUF models only`));
    }
    return this.local.scoreChoices(target.spec, items);
  }

  /**
   * Local: the configured context capped by the model's trained one. Remote: what the server runs with (`/props`),
   * else the trained context `/v1/models` reported, else the endpoint's configured window, else 4096.
   */
  async contextWindow(target: GatewayTarget, configured: number): Promise<number> {
    const remote = this.remoteOf(target);
    if (!remote) return effectiveContextSize(configured, target.model.contextLength);
    const endpointId = target.model.remote!.endpointId;
    let cached = this.servedContext.get(endpointId);
    if (!cached || cached.until < Date.now()) {
      cached = { value: await remote.client.servedContext(), until: Date.now() + CONTEXT_TTL_MS };
      this.servedContext.set(endpointId, cached);
    }
    return cached.value ?? target.model.contextLength ?? this.remotes!.configuredContext(endpointId) ?? DEFAULT_REMOTE_CONTEXT;
  }

  /** A remote model is never loaded here: nothing to unload (the local host answers for local ids). */
  unload(modelId: string): Promise<boolean> {
    return this.local.unload(modelId);
  }

  private remoteOf(target: GatewayTarget): { client: RemoteClient; modelId: string } | undefined {
    const remote = target.model.remote;
    if (!remote) return undefined;
    if (!this.remotes) throw new Error('a remote model reached a gateway without endpoints');
    return { client: this.remotes.client(remote.endpointId), modelId: remote.modelId };
  }
}

/** A door or a bare provider (older callers and tests construct InferenceService with a provider). */
export function asDoor(value: GatewayDoor | InferenceProvider): GatewayDoor {
  return 'contextWindow' in value ? value : new Gateway(value);
}
