import type { GenerateInput, GenerationResult } from '../../contract/schemas.js';
import type { InferenceService } from '../../inference/inference.service.js';
import { tracing } from '../tracing/ambient.js';
import { Attr, GenAi } from '../tracing/gen-ai-attributes.js';
import type { Attrs } from '../tracing/trace-types.js';
import type { ActiveSpan } from '../tracing/tracer.js';

/**
 * Every generation and embedding through the core's InferenceService becomes a span (and a trace of its own when
 * nothing traced called it: a Playground generation). Installed once at the composition root, so the areas calling
 * inference (asks, prompt runs, evals, judges, /v1) need no change. A nested generation never writes the trace's
 * output: the caller decides what the requester may read (a held answer stays out of its trace).
 */
/** What a call cost by the local price table, or null when no price is set for its endpoint and model. */
export type PriceOf = (call: { endpoint: string; model: string; tokensIn: number; tokensOut: number; computeMs: number }) => number | null;

export function traceInference(inference: InferenceService, nameOf: (ref: string) => string = (ref) => ref, priceOf: PriceOf = () => null): void {
  // Traces and rollups group by the model's name, whichever way the caller named it (id, name, path).
  const modelName = (ref: string): string => {
    try {
      return nameOf(ref);
    } catch {
      return ref;
    }
  };
  const generate = inference.generate.bind(inference);
  const embed = inference.embed.bind(inference);
  inference.generate = (input, use, job, onText) => {
    const operation = input.messages ? 'chat' : 'text_completion';
    const model = modelName(input.model);
    return tracing.span(`${operation} ${model}`, { ...requestAttrs(input, operation, use), [GenAi.requestModel]: model, 'enclave.model.ref': input.model }, async (span) => {
      const root = span.record.parentId === null;
      // The job id lets the screen that started it find this trace (to rate the answer).
      if (root) span.setTraceAttrs({ 'enclave.job.id': job.jobId });
      // The first prompt of a trace is its input unless the caller set one (an ask sets the question).
      span.setTraceInput(inputText(input));
      const result = await generate(input, use, job, onText);
      span.set(resultAttrs(result, modelName));
      addAttempts(span, result, modelName);
      const answered = result.gateway?.attempts.filter((a) => a.code === null).at(-1);
      const cost = result.gateway?.cache === 'hit' ? 0 : priceOf({ endpoint: answered?.endpoint ?? 'local', model: answered?.model ?? model, tokensIn: result.promptTokens, tokensOut: result.completionTokens, computeMs: result.totalMs });
      if (cost !== null) span.set({ [Attr.cost]: cost });
      if (result.stopReason === 'cancelled') span.fail('CANCELLED');
      if (root) span.setTraceOutput(result.text);
      return result;
    }, { operation });
  };
  inference.embed = (model, texts, use) =>
    tracing.span(`embeddings ${modelName(model)}`, { [GenAi.operation]: 'embeddings', [GenAi.requestModel]: modelName(model), 'enclave.embeddings.count': texts.length, 'enclave.model.use': use }, async (span) => {
      const result = await embed(model, texts, use);
      span.set({ 'enclave.embeddings.dimensions': result.dimensions });
      return result;
    }, { childOnly: true });
}

function requestAttrs(input: GenerateInput, operation: string, use: string): Attrs {
  return {
    [GenAi.operation]: operation,
    [GenAi.provider]: 'llama.cpp',
    [GenAi.requestModel]: input.model,
    ...(input.maxTokens !== undefined ? { [GenAi.maxTokens]: input.maxTokens } : {}),
    ...(input.temperature !== undefined ? { [GenAi.temperature]: input.temperature } : {}),
    ...(input.topP !== undefined ? { [GenAi.topP]: input.topP } : {}),
    ...(input.topK !== undefined ? { [GenAi.topK]: input.topK } : {}),
    ...(input.seed !== undefined ? { [GenAi.seed]: input.seed } : {}),
    'enclave.model.use': use,
  };
}

function resultAttrs(result: GenerationResult, modelName: (ref: string) => string): Attrs {
  const gateway = result.gateway;
  const answered = gateway?.attempts.filter((a) => a.code === null).at(-1);
  const cache = gateway?.cache;
  return {
    [GenAi.inputTokens]: result.promptTokens,
    [GenAi.outputTokens]: result.completionTokens,
    [GenAi.finishReasons]: [result.stopReason],
    [Attr.ttftMs]: result.ttftMs,
    [Attr.tokensPerSecond]: result.tokensPerSecond,
    // The gateway says which model and endpoint answered, through which route, and whether its cache served it.
    ...(answered ? { [GenAi.responseModel]: modelName(answered.model), [Attr.endpoint]: answered.endpoint } : {}),
    ...(gateway ? { 'enclave.gateway.target': gateway.target, 'enclave.gateway.attempts': gateway.attempts.length, 'enclave.gateway.cache': gateway.cache } : {}),
    ...(gateway?.route ? { 'enclave.gateway.route': gateway.route } : {}),
    ...(cache && cache !== 'bypass' ? { [Attr.cacheHit]: cache !== 'miss' } : {}),
  };
}

/** Each gateway attempt (endpoint, model, outcome) as a child span, one after another as the gateway tried them. */
function addAttempts(span: ActiveSpan, result: GenerationResult, modelName: (ref: string) => string): void {
  let offset = 0;
  for (const [i, attempt] of (result.gateway?.attempts ?? []).entries()) {
    span.addChild(`attempt ${i + 1} ${attempt.endpoint}`, offset, attempt.ms, {
      [Attr.attempt]: i + 1, [Attr.endpoint]: attempt.endpoint, [GenAi.requestModel]: modelName(attempt.model), 'enclave.retry': attempt.retry,
    }, attempt.code);
    offset += attempt.ms;
  }
}

function inputText(input: GenerateInput): string {
  if (input.prompt !== undefined) return input.prompt;
  return (input.messages ?? []).map((m) => `${m.role}: ${m.content}`).join('\n');
}
