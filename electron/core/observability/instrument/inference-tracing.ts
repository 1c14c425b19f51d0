import type { GenerateInput, GenerationResult } from '../../contract/schemas.js';
import type { InferenceService } from '../../inference/inference.service.js';
import { tracing } from '../tracing/ambient.js';
import { Attr, GenAi } from '../tracing/gen-ai-attributes.js';
import type { Attrs } from '../tracing/trace-types.js';

/**
 * Every generation and embedding through the core's InferenceService becomes a span (and a trace of its own when
 * nothing traced called it: a Playground generation). Installed once at the composition root, so the areas calling
 * inference (asks, prompt runs, evals, judges, /v1) need no change. A nested generation never writes the trace's
 * output: the caller decides what the requester may read (a held answer stays out of its trace).
 */
export function traceInference(inference: InferenceService, nameOf: (ref: string) => string = (ref) => ref): void {
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
      // The first prompt of a trace is its input unless the caller set one (an ask sets the question).
      span.setTraceInput(inputText(input));
      const result = await generate(input, use, job, onText);
      span.set(resultAttrs(result));
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

function resultAttrs(result: GenerationResult): Attrs {
  const extra = result as GenerationResult & { model?: string; endpoint?: string; cost?: number | null; cached?: boolean; attempts?: unknown[] };
  return {
    [GenAi.inputTokens]: result.promptTokens,
    [GenAi.outputTokens]: result.completionTokens,
    [GenAi.finishReasons]: [result.stopReason],
    [Attr.ttftMs]: result.ttftMs,
    [Attr.tokensPerSecond]: result.tokensPerSecond,
    // Gateway results may say which model and endpoint answered, the cost and whether the cache served it.
    ...(typeof extra.model === 'string' ? { [GenAi.responseModel]: extra.model } : {}),
    ...(typeof extra.endpoint === 'string' ? { [Attr.endpoint]: extra.endpoint } : {}),
    ...(typeof extra.cost === 'number' ? { [Attr.cost]: extra.cost } : {}),
    ...(typeof extra.cached === 'boolean' ? { [Attr.cacheHit]: extra.cached } : {}),
    ...(Array.isArray(extra.attempts) ? { 'enclave.attempts': extra.attempts.length } : {}),
  };
}

function inputText(input: GenerateInput): string {
  if (input.prompt !== undefined) return input.prompt;
  return (input.messages ?? []).map((m) => `${m.role}: ${m.content}`).join('\n');
}
