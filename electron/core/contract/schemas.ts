import { z } from 'zod';

// Shared value shapes of the contract. Kept free of Node and DOM so every shell and the renderer can use them.

export const modelRoles = ['chat', 'embedding', 'judge'] as const;
export const ModelRole = z.enum(modelRoles);
export type ModelRole = z.infer<typeof ModelRole>;

export const approvalStates = ['pending', 'approved', 'rejected'] as const;
export const ApprovalState = z.enum(approvalStates);
export type ApprovalState = z.infer<typeof ApprovalState>;

export const Model = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  sizeBytes: z.number(),
  architecture: z.string().nullable(),
  parameterCount: z.number().nullable(),
  quantization: z.string().nullable(),
  contextLength: z.number().nullable(),
  embeddingLength: z.number().nullable(),
  chatTemplate: z.string().nullable(),
  license: z.string().nullable(),
  metadataName: z.string().nullable(),
  vocabOnly: z.boolean(),
  role: ModelRole,
  approval: ApprovalState,
  /** Retired models stay in the library so old runs and traces resolve, but cannot be chosen or run for new work. */
  retiredAt: z.string().nullable(),
  source: z.enum(['imported', 'discovered']),
  createdAt: z.string(),
  /**
   * Set when a registered remote endpoint serves the model (discovered with GET /v1/models): it has no file (path '')
   * and no SHA-256 (sha256 holds a synthetic identity). Absent or null: a local GGUF file.
   */
  remote: z.object({ endpointId: z.string(), modelId: z.string() }).nullable().optional(),
});
export type Model = z.infer<typeof Model>;

/** A model may be named by its id, its name, or (for generation) a path to a GGUF file. */
export const ModelRef = z.string().trim().min(1, 'Name a model by its id, its name or a path to a .gguf file');

export const ChatMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const MAX_TOKENS_LIMIT = 262_144;

export const SamplingParams = z.object({
  maxTokens: z
    .number()
    .int()
    .min(1, 'maxTokens must be at least 1')
    .max(MAX_TOKENS_LIMIT, `maxTokens must be at most ${MAX_TOKENS_LIMIT.toLocaleString('en-US')}`)
    .default(256),
  temperature: z.number().min(0).max(5).default(0.7),
  topP: z.number().gt(0).max(1).default(0.95),
  topK: z.number().int().min(0).max(1000).default(40),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  stop: z.array(z.string().min(1)).max(16).default([]),
});
export type SamplingParams = z.infer<typeof SamplingParams>;

export const GenerateInput = z
  .object({
    model: ModelRef,
    prompt: z.string().optional(),
    messages: z.array(ChatMessage).max(1000).optional(),
    /** JSON schema the output must satisfy (grammar-constrained decoding). */
    jsonSchema: z.record(z.string(), z.unknown()).optional(),
    /** Task tags a route's rules may match (`summarise`, `code`); they never reach the model. */
    tags: z.array(z.string().trim().min(1).max(64)).max(16).optional(),
  })
  .extend(SamplingParams.shape)
  .superRefine((value, ctx) => {
    const hasPrompt = value.prompt !== undefined && value.prompt.trim() !== '';
    const hasMessages = value.messages !== undefined && value.messages.some((m) => m.content.trim() !== '');
    if (!hasPrompt && !hasMessages) {
      ctx.addIssue({ code: 'custom', message: 'The prompt is empty: write a prompt or at least one message', path: ['prompt'] });
    }
    if (value.prompt !== undefined && value.messages !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'Give either a prompt or messages, not both', path: ['messages'] });
    }
  });
export type GenerateInput = z.infer<typeof GenerateInput>;

/** One try of a model call through the gateway: which model on which endpoint, how it ended (null: answered), how long. */
export const GatewayAttempt = z.object({ model: z.string(), endpoint: z.string(), code: z.string().nullable(), ms: z.number(), retry: z.number() });
export type GatewayAttempt = z.infer<typeof GatewayAttempt>;
/** How the gateway served a call (traces show it): the route and target taken, every attempt, and the cache's part. */
export const GatewayTrace = z.object({
  route: z.string().nullable(),
  target: z.string(),
  complexity: z.number().nullable(),
  attempts: z.array(GatewayAttempt),
  cache: z.enum(['hit', 'semantic', 'stale', 'miss', 'bypass']),
  /** Time spent waiting in endpoints' queues (their concurrency, RPM and TPM limits). */
  queuedMs: z.number().optional(),
});
export type GatewayTrace = z.infer<typeof GatewayTrace>;

export const GenerationResult = z.object({
  text: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  ttftMs: z.number(),
  tokensPerSecond: z.number(),
  totalMs: z.number(),
  stopReason: z.enum(['eos', 'maxTokens', 'stopSequence', 'cancelled']),
  mode: z.enum(['chat', 'completion']),
  /** Set by the gateway's policies (routes, fallback, cache): absent for calls that bypass them. */
  gateway: GatewayTrace.optional(),
});
export type GenerationResult = z.infer<typeof GenerationResult>;

export const gpuChoices = ['auto', 'cpu', 'cuda', 'vulkan', 'metal'] as const;
export const GpuChoice = z.enum(gpuChoices);
export type GpuChoice = z.infer<typeof GpuChoice>;

export const Settings = z.object({
  gpu: GpuChoice,
  /** 'auto' lets the host choose from the machine and the model (see native/llama/thread-policy.ts). */
  threads: z.union([z.literal('auto'), z.number().int().min(1).max(256)]),
  /** Parallel sequences per loaded model. */
  parallelSequences: z.number().int().min(1).max(16),
  contextSize: z.number().int().min(256).max(1_048_576),
});
export type Settings = z.infer<typeof Settings>;

export const jobStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobInfo = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(jobStates),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  progress: z.number().nullable(),
  /** The last progress message, so a screen opened (or reloaded) mid-job can show what it is doing. */
  message: z.string().optional(),
});
export type JobInfo = z.infer<typeof JobInfo>;

export const JobStarted = z.object({ jobId: z.string() });

/** One guardrail scanner's decision, as results, traces and the audit trail keep it. */
export const GuardVerdictInfo = z.object({ stage: z.string(), scanner: z.string(), outcome: z.string(), score: z.number(), reasons: z.array(z.string()), chunk: z.number().optional() });
export type GuardVerdictInfo = z.infer<typeof GuardVerdictInfo>;

export const HostStatus = z.object({
  gpu: z.string(),
  threads: z.number().nullable(),
  loadedModels: z.array(z.object({
    modelId: z.string(), name: z.string(), threads: z.number(), sequences: z.number(), contextSize: z.number(),
    /** Weights in memory, and the KV cache + compute buffers of the model's contexts (bytes). */
    weightsBytes: z.number(), contextBytes: z.number(),
  })),
});
export type HostStatus = z.infer<typeof HostStatus>;
