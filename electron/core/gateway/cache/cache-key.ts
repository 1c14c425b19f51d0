import { createHash } from 'node:crypto';
import type { GenerateInput } from '../../contract/schemas.js';
import type { RouteCache } from '../../contract/usage.api.js';

/** What besides the request decides an answer: set by the area that calls the model (see gateway-tags.ts). */
export interface CacheContext {
  /** The model that will answer: id plus its content identity (SHA-256), so a changed model never serves old answers. */
  modelId: string;
  modelSha: string;
  /** `name@version` of a registry prompt: a new prompt version never serves the old version's answers. */
  prompt?: string;
  /** RAG: the caller's access set (user and groups), so a cached answer never reaches someone another ACL applies to. */
  accessSet?: readonly string[];
  /** RAG: the collection and its settings version, so a changed collection never serves old answers. */
  collection?: string;
  collectionVersion?: string;
}

/**
 * Which requests are cached: only deterministic-enough ones — temperature 0 (greedy) or a fixed seed — unless their
 * route opts in (`cache.nondeterministic`). A sampled answer is one draw among many; replaying it would hide that.
 */
export function isCacheable(input: Pick<GenerateInput, 'temperature' | 'seed'>, routeCache?: RouteCache): boolean {
  return input.temperature === 0 || input.seed !== undefined || routeCache?.nondeterministic === true;
}

/**
 * The scope is everything but the prompt text (model, sampling, schema, prompt version, access set): the semantic
 * cache compares prompts only within one scope. The key is the scope plus the exact text.
 */
export function cacheScope(input: GenerateInput, context: CacheContext): string {
  return sha256(JSON.stringify({
    v: 1,
    model: [context.modelId, context.modelSha],
    sampling: [input.maxTokens, input.temperature, input.topP, input.topK, input.seed ?? null, input.stop],
    schema: input.jsonSchema ?? null,
    mode: input.messages ? 'chat' : 'completion',
    prompt: context.prompt ?? null,
    access: context.accessSet ? [...new Set(context.accessSet.map((a) => a.toLowerCase()))].sort() : null,
    collection: context.collection ? [context.collection, context.collectionVersion ?? null] : null,
  }));
}

export function cacheKey(scope: string, input: Pick<GenerateInput, 'prompt' | 'messages'>): string {
  return sha256(JSON.stringify([scope, input.prompt ?? null, input.messages?.map((m) => [m.role, m.content]) ?? null]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
