import { z } from 'zod';
import { Model } from './schemas.js';

/** An endpoint's name is the first half of its models' names (`NAME/MODEL`): no slash, short, readable. */
export const EndpointName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'An endpoint name is 1–64 letters, digits, . _ or -, starting with a letter or digit (no "/": models are named ENDPOINT/MODEL)');

/** The server root (`/v1` is appended by the client); credentials never go in the URL, where lists would show them. */
export const EndpointUrl = z
  .string()
  .trim()
  .url('Give the endpoint URL, e.g. https://llm.cluster.lan:8443')
  .refine((value) => /^https?:\/\//i.test(value), 'The endpoint URL must start with http:// or https://')
  .refine((value) => !authorityOf(value).includes('@'), 'Put no user name or password in the URL: give the API key with --api-key-stdin')
  .refine((value) => !/[?#]/.test(value), 'The endpoint URL takes no query string or fragment');

/** The `host:port` part of a URL (the contract has no URL class: it is compiled with neither DOM nor Node types). */
function authorityOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/, 1)[0] ?? '';
}

/** Secrets are bounded so that a paste of the wrong file is refused rather than stored. */
const ApiKey = z.string().trim().min(1, 'The API key is empty').max(4096, 'An API key has at most 4096 characters');
const CaPem = z.string().max(256 * 1024, 'The CA file is larger than 256 KiB').refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), 'The CA file is not a PEM certificate (-----BEGIN CERTIFICATE-----)');
const Limit = z.number().int().min(1).max(100_000_000);

/** The last `endpoints.test`: reachable or not, how fast, how many models it lists. */
export const EndpointHealth = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  models: z.array(z.string()),
  at: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type EndpointHealth = z.infer<typeof EndpointHealth>;

/** An endpoint as every list and screen shows it: the API key is never returned, only whether there is one. */
export const Endpoint = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  hasApiKey: z.boolean(),
  /** A private CA is registered (its PEM is not returned; it is not secret, but long). */
  hasCa: z.boolean(),
  rejectUnauthorized: z.boolean(),
  timeoutMs: z.number(),
  maxConcurrency: z.number(),
  /** Tokens and requests per minute the gateway's limiters allow this endpoint; null: unlimited. */
  tpm: z.number().nullable(),
  rpm: z.number().nullable(),
  /** The context assumed for its models when the server does not say (`/props`, `/v1/models` meta). */
  contextWindow: z.number().nullable(),
  /** Models of this endpoint in the library. */
  models: z.number(),
  health: EndpointHealth.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Endpoint = z.infer<typeof Endpoint>;

const EndpointSettings = z.object({
  /** Idle timeout: the longest the server may stay silent before headers or between streamed tokens. */
  timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  maxConcurrency: z.number().int().min(1).max(1024).optional(),
  /** Turning TLS verification off is explicit and recorded; a private CA (caPem) is the better answer. */
  rejectUnauthorized: z.boolean().optional(),
});

/** Remote endpoints: OpenAI-compatible servers whose models the gateway may run (administrators only). */
export const gatewayApi = {
  'endpoints.list': {
    input: z.object({}).default({}),
    output: z.array(Endpoint),
  },
  'endpoints.add': {
    input: EndpointSettings.extend({
      name: EndpointName,
      baseUrl: EndpointUrl,
      /** Sealed at rest at once; never returned, logged, audited or traced. */
      apiKey: ApiKey.optional(),
      caPem: CaPem.optional(),
      tpm: Limit.optional(),
      rpm: Limit.optional(),
      contextWindow: z.number().int().min(256).max(10_000_000).optional(),
      /** Discover its models right after adding (they arrive pending approval). */
      discover: z.boolean().default(false),
    }),
    output: z.object({ endpoint: Endpoint, discovered: z.array(Model).nullable() }),
  },
  'endpoints.update': {
    input: EndpointSettings.extend({
      name: EndpointName,
      baseUrl: EndpointUrl.optional(),
      /** A new key replaces the sealed one; null removes it. */
      apiKey: ApiKey.nullable().optional(),
      caPem: CaPem.nullable().optional(),
      tpm: Limit.nullable().optional(),
      rpm: Limit.nullable().optional(),
      contextWindow: z.number().int().min(256).max(10_000_000).nullable().optional(),
    }),
    output: Endpoint,
  },
  'endpoints.remove': {
    input: z.object({ name: EndpointName }),
    output: z.object({ removed: z.string(), modelsRemoved: z.array(z.string()) }),
  },
  'endpoints.test': {
    input: z.object({ name: EndpointName }),
    output: EndpointHealth,
  },
  'endpoints.discover': {
    input: z.object({ name: EndpointName }),
    /** `added`: new library entries (pending approval); `known`: already there; `gone`: in the library, no longer listed. */
    output: z.object({ added: z.array(Model), known: z.array(z.string()), gone: z.array(z.string()) }),
  },
} as const;
