/**
 * Attribute names. Model calls follow the OpenTelemetry GenAI semantic conventions, so an exported trace reads in any
 * OTel tool; what the conventions do not name yet lives under `enclave.`.
 */
export const GenAi = {
  operation: 'gen_ai.operation.name',
  provider: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  maxTokens: 'gen_ai.request.max_tokens',
  temperature: 'gen_ai.request.temperature',
  topP: 'gen_ai.request.top_p',
  topK: 'gen_ai.request.top_k',
  seed: 'gen_ai.request.seed',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  finishReasons: 'gen_ai.response.finish_reasons',
  dataSource: 'gen_ai.data_source.id',
} as const;

export const Attr = {
  errorType: 'error.type',
  userId: 'user.id',
  ttftMs: 'enclave.ttft_ms',
  tokensPerSecond: 'enclave.tokens_per_second',
  cost: 'enclave.cost',
  promptName: 'enclave.prompt.name',
  promptVersion: 'enclave.prompt.version',
  collection: 'enclave.collection.id',
  endpoint: 'enclave.endpoint',
  attempt: 'enclave.attempt',
  cacheHit: 'enclave.cache.hit',
  verdict: 'enclave.guard.verdict',
  hits: 'enclave.retrieval.hits',
  k: 'enclave.retrieval.k',
  mode: 'enclave.retrieval.mode',
  outcome: 'enclave.outcome',
} as const;

/** Operations whose spans are model generations (tokens and TTFT are summed and taken from these). */
export const generationOperations: ReadonlySet<string> = new Set(['chat', 'text_completion']);
