import type { Db } from '../../../../native/sqlite/open.js';
import { AppError, isAppError } from '../../contract/errors.js';
import type { GatewayTrace, GenerateInput, GenerationResult } from '../../contract/schemas.js';
import type { Route } from '../../contract/usage.api.js';
import type { StoredModel } from '../../models/models.repo.js';
import { callerScope } from '../../services/caller-scope.js';
import { cacheKey, cacheScope, isCacheable } from '../cache/cache-key.js';
import { gatewayTags } from '../cache/gateway-tags.js';
import { ResponseCache } from '../cache/response-cache.js';
import { LimiterRegistry } from '../limits/rate-limiter.js';
import { RequestLimits } from '../limits/request-limits.js';
import { PricesRepo } from '../usage/prices.repo.js';
import { checkQuotas } from '../usage/quota-check.js';
import { QuotasRepo } from '../usage/quotas.repo.js';
import { UsageRepo, type UsageRecord } from '../usage/usage.repo.js';
import { BreakerRegistry } from './circuit-breaker.js';
import { EndpointDirectory } from './endpoint-directory.js';
import { isTargetFailure, runChain, type Target } from './fallback.js';
import { attemptOrder, chooseTarget, estimateTokens, requestFeatures, requestText, routeTargets } from './route-rules.js';
import { RoutesRepo } from './routes.repo.js';

/** What the gateway needs from the inference layer below it: resolve a model, run one real model, embed. */
export interface GatewayRunner {
  /** The library entry, after the approval gate admitted this call's use of it (a cache hit never skips the gate). */
  resolve(ref: string): Promise<StoredModel>;
  /** One attempt on one library model (approval, load and generation are the runner's), stopped by `signal`. */
  generate(input: GenerateInput, signal: AbortSignal, onText: (text: string, completionTokens: number) => void): Promise<GenerationResult>;
  /** Releases text to the caller (tokens events or the guarded caller's callback): a cache hit sends the whole answer. */
  emit(text: string, completionTokens: number): void;
  embed(model: string, texts: string[]): Promise<{ dimensions: number; vectors: number[][] }>;
}

export interface GatewayOptions {
  breakers?: BreakerRegistry;
  /** A model named directly (no route) gets these; a route carries its own. */
  retries?: number;
  backoffMs?: number;
}

interface ResolvedTarget extends Target {
  stored: StoredModel;
}

/**
 * THE policies every model call passes (issue 11): route choice, caller quotas and request limits up front, the
 * response cache, the fallback chain with retries and circuit breakers, each endpoint's rate limits with queueing,
 * then usage and cost. The attempts, the route and the cache outcome travel on the result (`gateway`) for traces.
 */
export class GatewayPolicies {
  readonly routes: RoutesRepo;
  readonly quotas: QuotasRepo;
  readonly prices: PricesRepo;
  readonly usage: UsageRepo;
  readonly cache: ResponseCache;
  readonly breakers: BreakerRegistry;
  readonly endpoints: EndpointDirectory;
  readonly limiters: LimiterRegistry;
  private readonly requestLimits = new RequestLimits();

  constructor(db: Db, private readonly options: GatewayOptions = {}) {
    this.routes = new RoutesRepo(db);
    this.quotas = new QuotasRepo(db);
    this.prices = new PricesRepo(db);
    this.usage = new UsageRepo(db);
    this.cache = new ResponseCache(db);
    this.breakers = options.breakers ?? new BreakerRegistry();
    this.endpoints = new EndpointDirectory(db);
    this.limiters = new LimiterRegistry((name) => this.endpoints.limitsByName(name));
  }

  /** A route's name resolves to a real model (its default target) where only one model can be meant (token counts). */
  resolveName(ref: string): string {
    return this.routes.get(ref)?.defaultTarget ?? ref;
  }

  async generate(input: GenerateInput, runner: GatewayRunner, signal: AbortSignal): Promise<GenerationResult> {
    const route = this.routes.get(input.model);
    const text = requestText(input);
    const features = requestFeatures(text, { tags: input.tags, maxTokens: input.maxTokens, hasJsonSchema: input.jsonSchema !== undefined });
    const order = route ? attemptOrder(route, chooseTarget(route, features).target) : [input.model];
    this.admit(features.promptTokens, input.maxTokens);

    // A first target that cannot even be resolved (its file is gone) is the chain's first failed attempt, not the request's end.
    const first = await this.target(order[0]!, runner).catch((error: unknown) => {
      if (isTargetFailure(error)) return null;
      throw error;
    });
    const tags = gatewayTags.current();
    const cacheable = !tags.bypassCache && isCacheable(input, route?.cache);
    const keyFor = (t: ResolvedTarget) => {
      const scope = cacheScope(input, { modelId: t.stored.id, modelSha: t.stored.sha256 || `${t.stored.path}:${t.stored.fileMtimeMs}`, prompt: tags.prompt, accessSet: tags.accessSet, collection: tags.collection, collectionVersion: tags.collectionVersion });
      return { scope, key: cacheKey(scope, input) };
    };
    const trace = (target: string, attempts: GatewayTrace['attempts'], cache: GatewayTrace['cache']): GatewayTrace => ({
      route: route?.name ?? null, target, complexity: route ? features.complexity : null, attempts, cache,
    });
    const firstKey = first ? keyFor(first) : undefined;
    let embedding: Float32Array | undefined;
    if (cacheable && first && firstKey) {
      const exact = this.cache.exact(firstKey.key);
      const semantic = route?.cache?.semantic;
      if (!exact && semantic) embedding = await this.embedding(runner, semantic.embeddingModel, text);
      const similar = exact ?? (embedding && semantic ? this.cache.semantic(firstKey.scope, embedding, semantic.threshold) : null);
      if (similar) return this.served(similar.result, trace(first.model, [], exact ? 'hit' : 'semantic'), first, runner, route);
    }

    const resolved = new Map<string, ResolvedTarget>(first ? [[first.model, first]] : []);
    const targets = order.map((model) => {
      const endpoint = resolved.get(model)?.endpoint ?? this.endpointGuess(model);
      return { model, endpoint, breaker: endpoint === 'local' ? `local:${model.toLowerCase()}` : endpoint };
    });
    const started = performance.now();
    let queuedMs = 0;
    try {
      const { value, target, attempts } = await runChain(targets, async (t, attemptSignal, answering) => {
        const resolvedTarget = resolved.get(t.model) ?? (await this.target(t.model, runner));
        resolved.set(t.model, resolvedTarget);
        const waitStarted = performance.now();
        const permit = await this.limiters.for(resolvedTarget.endpoint).acquire(features.promptTokens + input.maxTokens, attemptSignal);
        queuedMs += performance.now() - waitStarted;
        try {
          // Text goes out as it comes; a target that fails after streaming some leaves it on screen (its successor's follows).
          const result = await runner.generate({ ...input, model: t.model }, attemptSignal, (text, tokens) => {
            answering();
            runner.emit(text, tokens);
          });
          permit.release(result.promptTokens + result.completionTokens);
          return result;
        } catch (error) {
          permit.release();
          throw error;
        }
      }, {
        // A model named directly has no first-token deadline of its own: its endpoint's client watches for silence.
        timeoutMs: route?.timeoutMs ?? 2 ** 31 - 1,
        retries: route?.retries ?? this.options.retries ?? 2,
        backoffMs: route?.backoffMs ?? this.options.backoffMs ?? 250,
        breakers: this.breakers,
        signal,
      });
      const answered = resolved.get(target.model)!;
      const result: GenerationResult = { ...value, gateway: { ...trace(target.model, attempts, cacheable ? 'miss' : 'bypass'), queuedMs: Math.round(queuedMs) } };
      this.meter('generate', answered, route, { tokensIn: value.promptTokens, tokensOut: value.completionTokens, computeMs: value.totalMs }, cacheable ? 'miss' : 'bypass', 'ok');
      if (cacheable && value.stopReason !== 'cancelled') {
        const key = answered === first && firstKey ? firstKey : keyFor(answered);
        this.cache.store({ ...key, modelId: answered.stored.id, collection: tags.collection, embedding: answered === first ? embedding : undefined, result: value, ttlSeconds: route?.cache?.ttlSeconds ?? 3600 });
      }
      return result;
    } catch (error) {
      if (isAppError(error) && error.code === 'CANCELLED') throw error;
      // The last link of a chain: an earlier answer to the same request, even past its time to live.
      for (const t of resolved.values()) {
        const stale = this.cache.exact(keyFor(t).key, { stale: true });
        const attempts = ((error as AppError).details as { attempts?: GatewayTrace['attempts'] } | undefined)?.attempts ?? [];
        if (stale) return this.served(stale.result, trace(t.model, attempts, 'stale'), t, runner, route);
      }
      const failedTarget = first ?? { model: order[0]!, endpoint: this.endpointGuess(order[0]!), stored: undefined as never };
      this.meter('generate', failedTarget, route, { tokensIn: 0, tokensOut: 0, computeMs: performance.now() - started }, cacheable ? 'miss' : 'bypass', 'failed');
      throw error;
    }
  }

  /** Embeddings pass the same quotas, request limits, endpoint limits and metering (no cache, no routes). */
  async embed(model: string, texts: string[], run: (model: string) => Promise<{ dimensions: number; vectors: number[][] }>, resolve: GatewayRunner['resolve']): Promise<{ dimensions: number; vectors: number[][] }> {
    const tokens = texts.reduce((sum, t) => sum + estimateTokens(t), 0);
    this.admit(tokens, 0);
    const target = await this.target(this.resolveName(model), { resolve });
    const started = performance.now();
    const permit = await this.limiters.for(target.endpoint).acquire(tokens);
    try {
      const result = await run(target.model);
      this.meter('embed', target, undefined, { tokensIn: tokens, tokensOut: 0, computeMs: performance.now() - started }, 'bypass', 'ok');
      return result;
    } catch (error) {
      this.meter('embed', target, undefined, { tokensIn: 0, tokensOut: 0, computeMs: performance.now() - started }, 'bypass', 'failed');
      throw error;
    } finally {
      permit.release(tokens);
    }
  }

  /** Quotas and request limits of the caller, their groups and their API token, before anything runs. */
  private admit(promptTokens: number, maxTokens: number): void {
    const caller = callerScope.current();
    if (!caller?.user) return;
    const subjects = caller && subjectsOf(caller);
    const quotas = this.quotas.applying(subjects);
    checkQuotas(quotas, { promptTokens, maxTokens }, (subject, since) => this.usage.spent(subject, since));
    for (const q of quotas) {
      if (q.requestsPerMinute !== null && q.subject !== 'group') this.requestLimits.take(`${q.subject}:${q.name.toLowerCase()}`, q.requestsPerMinute, q.subject === 'token' ? `API token ${q.name}` : q.name);
    }
  }

  private async target(model: string, runner: Pick<GatewayRunner, 'resolve'>): Promise<ResolvedTarget & { timeoutMs: number | null }> {
    const stored = await runner.resolve(model);
    const endpoint = this.endpoints.of(stored);
    return { model, endpoint: endpoint.name, stored, timeoutMs: endpoint.timeoutMs };
  }

  /** Before a fallback target is resolved its endpoint is unknown: the breaker key is refined on its first attempt. */
  private endpointGuess(model: string): string {
    return model.includes('/') ? model.slice(0, model.indexOf('/')) : 'local';
  }

  private async embedding(runner: GatewayRunner, model: string, text: string): Promise<Float32Array> {
    const { vectors } = await runner.embed(model, [text]);
    return Float32Array.from(vectors[0] ?? []);
  }

  private served(cached: GenerationResult, trace: GatewayTrace, target: ResolvedTarget, runner: GatewayRunner, route: Route | undefined): GenerationResult {
    runner.emit(cached.text, cached.completionTokens);
    this.meter('generate', target, route, { tokensIn: 0, tokensOut: 0, computeMs: 0 }, trace.cache === 'semantic' ? 'semantic' : 'hit', 'ok');
    return { ...cached, ttftMs: 0, totalMs: 0, gateway: trace };
  }

  private meter(kind: UsageRecord['kind'], target: ResolvedTarget, route: Route | undefined, amounts: { tokensIn: number; tokensOut: number; computeMs: number }, cache: UsageRecord['cache'], outcome: UsageRecord['outcome']): void {
    const caller = callerScope.current();
    const tags = gatewayTags.current();
    const cost = this.prices.cost({ endpoint: target.endpoint, model: target.model, ...amounts });
    // The saving a route reports: the same tokens and compute time priced on its dearest target.
    const costIfLargest = route
      ? Math.max(cost, ...routeTargets(route).map((model) => this.prices.cost({ endpoint: this.endpointGuess(model), model, ...amounts })))
      : null;
    this.usage.record({
      kind, user: caller?.user || 'system', groups: caller?.groups ?? [], tokenId: caller?.authenticatedBy?.method === 'apiToken' ? caller.authenticatedBy.id : null,
      model: target.model, endpoint: target.endpoint, route: route?.name ?? null, prompt: tags.prompt ?? null,
      ...amounts, computeMs: Math.round(amounts.computeMs), cost, costIfLargest, cache, outcome,
    });
  }
}

function subjectsOf(caller: { user: string; groups: string[]; authenticatedBy?: { method: string; id?: string } }) {
  const subjects: Array<{ subject: 'user' | 'group' | 'token'; name: string }> = [{ subject: 'user', name: caller.user }];
  for (const group of caller.groups) subjects.push({ subject: 'group', name: group });
  if (caller.authenticatedBy?.method === 'apiToken' && caller.authenticatedBy.id) subjects.push({ subject: 'token', name: caller.authenticatedBy.id });
  return subjects;
}
