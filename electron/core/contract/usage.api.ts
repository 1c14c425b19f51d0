import { z } from 'zod';

// The gateway's policies (issue 11, part 2): routes, quotas, prices and usage. Merged into `api` by contract/api.ts.

const Name = z.string().trim().min(1).max(128);

/** One routing rule: every condition it states must hold (absent conditions hold); the first matching rule wins. */
export const RouteRule = z.object({
  target: Name,
  /** Prompt length in tokens (counted with the target's tokenizer, else estimated as chars / 4). */
  maxPromptTokens: z.number().int().min(0).optional(),
  maxPromptChars: z.number().int().min(0).optional(),
  /** The complexity score, 0..1 (electron/core/gateway/routing/complexity.ts documents how it is computed). */
  maxComplexity: z.number().min(0).max(1).optional(),
  minComplexity: z.number().min(0).max(1).optional(),
  /** The request carries every one of these task tags (`tags` on inference.generate). */
  tags: z.array(z.string().min(1)).max(16).optional(),
});
export type RouteRule = z.infer<typeof RouteRule>;

export const RouteCache = z.object({
  /** Cache answers of requests that are not deterministic by themselves (temperature > 0 and no seed). */
  nondeterministic: z.boolean().default(false),
  /** Semantic cache: an approved embedding model and the cosine similarity an earlier prompt must reach. */
  semantic: z.object({ embeddingModel: Name, threshold: z.number().min(0.5).max(1).default(0.95) }).optional(),
  ttlSeconds: z.number().int().min(1).max(30 * 86_400).default(3600),
});
export type RouteCache = z.infer<typeof RouteCache>;

export const RouteDefinition = z.object({
  /** The virtual model's name (e.g. `auto`); a route named like a library model is that model's fallback policy. */
  name: Name,
  description: z.string().max(500).default(''),
  rules: z.array(RouteRule).max(32).default([]),
  /** Where requests no rule matches go: usually the large model (the saving is measured against the dearest target). */
  defaultTarget: Name,
  /** Tried in order after the chosen target fails (then a cached response, when one exists). */
  fallback: z.array(Name).max(8).default([]),
  /** Per attempt; a target that has not answered by then counts as ENDPOINT_TIMEOUT. */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Retries of retryable errors on the same target, with exponential backoff from `backoffMs`. */
  retries: z.number().int().min(0).max(5).default(2),
  backoffMs: z.number().int().min(0).max(60_000).default(250),
  cache: RouteCache.optional(),
});
export type RouteDefinition = z.infer<typeof RouteDefinition>;

export const Route = RouteDefinition.extend({ createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string() });
export type Route = z.infer<typeof Route>;

export const quotaSubjects = ['user', 'group', 'token'] as const;
export const QuotaSubject = z.enum(quotaSubjects);

export const QuotaDefinition = z.object({
  subject: QuotaSubject,
  /** A user name, a group name or an API token id. */
  name: Name,
  tokensPerDay: z.number().int().min(0).nullable().default(null),
  tokensPerMonth: z.number().int().min(0).nullable().default(null),
  costPerDay: z.number().min(0).nullable().default(null),
  costPerMonth: z.number().min(0).nullable().default(null),
  /** Prompt tokens plus maxTokens of one request. */
  maxRequestTokens: z.number().int().min(1).nullable().default(null),
  /** Model requests per minute (generations and embeddings). */
  requestsPerMinute: z.number().int().min(1).nullable().default(null),
});
export type QuotaDefinition = z.infer<typeof QuotaDefinition>;
export const Quota = QuotaDefinition.extend({ updatedAt: z.string(), updatedBy: z.string() });
export type Quota = z.infer<typeof Quota>;

export const PriceDefinition = z.object({
  /** `local` for models run by this machine, else a remote endpoint's name; `*` matches any. */
  endpoint: Name.default('*'),
  /** A model name, or `*` for every model of the endpoint. */
  model: Name.default('*'),
  per1kInput: z.number().min(0).default(0),
  per1kOutput: z.number().min(0).default(0),
  /** Local models are priced by compute time (seconds of generation). */
  perComputeSecond: z.number().min(0).default(0),
});
export type PriceDefinition = z.infer<typeof PriceDefinition>;
export const Price = PriceDefinition.extend({ updatedAt: z.string(), updatedBy: z.string() });
export type Price = z.infer<typeof Price>;

export const usageDimensions = ['user', 'group', 'token', 'model', 'endpoint', 'prompt', 'route'] as const;
export const UsageDimension = z.enum(usageDimensions);
export type UsageDimension = z.infer<typeof UsageDimension>;

export const UsageRow = z.object({
  key: z.string(),
  requests: z.number(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  computeMs: z.number(),
  cost: z.number(),
  cacheHits: z.number(),
  failures: z.number(),
});
export type UsageRow = z.infer<typeof UsageRow>;

export const RouteShare = z.object({
  route: z.string(),
  target: z.string(),
  requests: z.number(),
  share: z.number(),
  cost: z.number(),
});

export const UsageSummary = z.object({
  since: z.string(),
  by: UsageDimension,
  rows: z.array(UsageRow),
  totals: UsageRow.omit({ key: true }),
  cache: z.object({ lookups: z.number(), hits: z.number(), semanticHits: z.number(), hitRate: z.number() }),
  routes: z.array(z.object({
    route: z.string(),
    requests: z.number(),
    targets: z.array(RouteShare),
    cost: z.number(),
    /** What the same requests would have cost on the route's dearest target, by the price table. */
    costIfLargest: z.number(),
    saving: z.number(),
  })),
});
export type UsageSummary = z.infer<typeof UsageSummary>;

/** `7d`, `24h`, `30m` or an ISO date. */
const Since = z.string().trim().regex(/^(\d+[mhd]|\d{4}-\d{2}-\d{2}.*)$/, 'Give a range like 7d, 24h, 30m or an ISO date').default('7d');

export const usageApi = {
  'routes.list': { input: z.object({}).default({}), output: z.array(Route) },
  'routes.get': { input: z.object({ name: Name }), output: Route },
  /** Creates or replaces a route (its name is the key). */
  'routes.set': { input: RouteDefinition, output: Route },
  'routes.remove': { input: z.object({ name: Name }), output: z.object({ removed: z.boolean() }) },
  /** Which target a request would take, and why (no model runs). */
  'routes.explain': {
    input: z.object({ name: Name, prompt: z.string().min(1).max(1_000_000), tags: z.array(z.string()).max(16).default([]) }),
    output: z.object({ target: z.string(), rule: z.number().nullable(), complexity: z.number(), promptChars: z.number(), promptTokens: z.number() }),
  },

  'quotas.list': { input: z.object({}).default({}), output: z.array(Quota) },
  'quotas.set': { input: QuotaDefinition, output: Quota },
  'quotas.remove': { input: z.object({ subject: QuotaSubject, name: Name }), output: z.object({ removed: z.boolean() }) },

  'prices.list': { input: z.object({}).default({}), output: z.array(Price) },
  'prices.set': { input: PriceDefinition, output: Price },
  'prices.remove': { input: z.object({ endpoint: Name, model: Name }), output: z.object({ removed: z.boolean() }) },

  /** Usage and cost by one dimension since a time; callers without `usage.read` see only their own. */
  'usage.summary': { input: z.object({ since: Since, by: UsageDimension.default('user') }), output: UsageSummary },
  /** Forgets every cached response (or those of one model or route). */
  'usage.cache.clear': { input: z.object({ model: Name.optional() }), output: z.object({ removed: z.number() }) },
} as const;

export type UsageMethod = keyof typeof usageApi;
