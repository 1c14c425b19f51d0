import type { OpenAiGeneration } from '../../core/contract/openai.api.js';

// OpenAI response bodies, built from the core's results. Field names and order follow OpenAI's API reference so
// clients that parse strictly (the official SDKs, LangChain, IDE plugins) read them unchanged.

export type Kind = 'chat' | 'completion';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export function usageOf(result: OpenAiGeneration): Usage {
  return { prompt_tokens: result.promptTokens, completion_tokens: result.completionTokens, total_tokens: result.promptTokens + result.completionTokens };
}

export function finishReason(result: OpenAiGeneration): 'stop' | 'length' | 'content_filter' {
  if (result.filtered) return 'content_filter';
  return result.stopReason === 'maxTokens' ? 'length' : 'stop';
}

export function completionBody(kind: Kind, model: string, result: OpenAiGeneration, created: number): unknown {
  const base = { id: result.responseId, object: kind === 'chat' ? 'chat.completion' : 'text_completion', created, model };
  const choice = kind === 'chat'
    ? { index: 0, message: { role: 'assistant', content: result.text, refusal: null }, logprobs: null, finish_reason: finishReason(result) }
    : { index: 0, text: result.text, logprobs: null, finish_reason: finishReason(result) };
  return { ...base, choices: [choice], usage: usageOf(result), system_fingerprint: null };
}

/** One streamed chunk: a delta of text, the closing chunk (finish reason), or the usage chunk (no choices). */
export function chunkBody(kind: Kind, id: string, model: string, created: number, part: { text?: string; first?: boolean; finish?: string; usage?: Usage | null }): unknown {
  const object = kind === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  if (part.usage) return { id, object, created, model, choices: [], usage: part.usage, system_fingerprint: null };
  const finish = part.finish ?? null;
  const choice = kind === 'chat'
    ? { index: 0, delta: part.first ? { role: 'assistant', content: part.text ?? '' } : part.text !== undefined ? { content: part.text } : {}, logprobs: null, finish_reason: finish }
    : { index: 0, text: part.text ?? '', logprobs: null, finish_reason: finish };
  return { id, object, created, model, choices: [choice], system_fingerprint: null };
}

export function embeddingsBody(model: string, vectors: number[][], base64: boolean, promptTokens: number): unknown {
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

export function modelBody(model: { id: string; createdAt: string }): unknown {
  return { id: model.id, object: 'model', created: Math.floor(Date.parse(model.createdAt) / 1000), owned_by: 'enclave' };
}
