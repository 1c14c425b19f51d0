import { z } from 'zod';
import { GenerateInput, GenerationResult, GuardVerdictInfo, ModelRef, ModelRole } from './schemas.js';

// The OpenAI-compatible API (issue 11). The `/v1` routes of the HTTP shells translate OpenAI requests into these
// methods, so a request from an IDE or SDK passes dispatch (authorization, approval gate, audit) like a UI call.
// Merged into `api` by contract/api.ts.

/** What a `/v1` generation returns when its job ends. */
export const OpenAiGeneration = GenerationResult.extend({
  /** `chatcmpl-…` (chat) or `cmpl-…` (completion): the id the client sees; the audit entries of the call carry it. */
  responseId: z.string(),
  /** The request's trace (`traces show`, `traces feedback`): how feedback on a response id finds its trace. */
  traceId: z.string().nullable(),
  /** The input guardrails refused the request: nothing was generated and `text` says why. */
  blocked: z.boolean(),
  /** The output guardrails withheld or replaced the answer (OpenAI's `finish_reason: "content_filter"`). */
  filtered: z.boolean(),
  guard: z.array(GuardVerdictInfo),
});
export type OpenAiGeneration = z.infer<typeof OpenAiGeneration>;

export const OpenAiSettings = z.object({
  /** The desktop app serves `/v1` on 127.0.0.1 (API tokens only) while this is on. Off by default. */
  enabled: z.boolean(),
  /** Loopback port for the desktop app's `/v1` server. */
  port: z.number().int('The port is a whole number').min(1024, 'Choose a port from 1024 to 65535 (lower ones need root)').max(65_535, 'Choose a port from 1024 to 65535'),
});
export type OpenAiSettings = z.infer<typeof OpenAiSettings>;

export const openaiApi = {
  /**
   * A guarded generation for `/v1/chat/completions` (messages) and `/v1/completions` (prompt): always production use
   * (only approved models, whoever calls), user input through the input guardrails, the answer through the output
   * guardrails; `inference.tokensGenerated` carries only guard-checked text (a sentence at a time).
   */
  'openai.generate': {
    input: GenerateInput,
    output: z.object({ jobId: z.string(), responseId: z.string() }),
    job: OpenAiGeneration,
  },
  /**
   * Stops one of the caller's `/v1` generations (the client disconnected): part of the request, so it needs only
   * `inference.run`, and it reaches nothing but `openai.generate` jobs of the caller.
   */
  'openai.cancel': {
    input: z.object({ jobId: z.string().min(1) }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Embeddings for `/v1/embeddings`: production use (approved models only), with the token count for `usage`. */
  'openai.embed': {
    input: z.object({ model: ModelRef, texts: z.array(z.string()).min(1, 'Give at least one input').max(2048) }),
    output: z.object({ dimensions: z.number(), vectors: z.array(z.array(z.number())), promptTokens: z.number() }),
  },
  /** The models a `/v1` caller may name: approved, not retired, with weights. */
  'openai.models': {
    input: z.object({}).default({}),
    output: z.array(z.object({ id: z.string(), role: ModelRole, createdAt: z.string() })),
  },
  'openai.settings.get': {
    input: z.object({}).default({}),
    output: OpenAiSettings,
  },
  'openai.settings.update': {
    input: OpenAiSettings.partial(),
    output: OpenAiSettings,
  },
} as const;

export type OpenAiMethod = keyof typeof openaiApi;
