import type { ChatMessage } from '../../core/contract/schemas.js';

// OpenAI request bodies → the core's `openai.generate` / `openai.embed` input. Only the shape is translated here;
// the core validates the values (ranges, empty prompts) and its messages say what to fix.

/** A request the translation refuses, with the OpenAI parameter it is about. */
export class BadRequest extends Error {
  constructor(message: string, readonly param: string | null) {
    super(message);
  }
}

export interface GenerationRequest {
  /** Input for `openai.generate`. */
  input: Record<string, unknown>;
  model: string;
  stream: boolean;
  includeUsage: boolean;
}

type Body = Record<string, unknown>;

export function chatRequest(body: Body): GenerationRequest {
  if (!Array.isArray(body.messages)) throw new BadRequest('`messages` must be an array of {role, content}', 'messages');
  refuseUnsupported(body);
  if (Array.isArray(body.tools) && body.tools.length > 0) throw new BadRequest('Tool calling is not supported by this server; send the request without `tools`', 'tools');
  const messages = body.messages.map((message, index) => chatMessage(message, index));
  return generation(body, { messages, ...responseFormat(body.response_format) });
}

export function completionRequest(body: Body): GenerationRequest {
  refuseUnsupported(body);
  let prompt = body.prompt;
  if (Array.isArray(prompt)) {
    if (prompt.length !== 1 || typeof prompt[0] !== 'string') throw new BadRequest('`prompt` must be one string (batches and token arrays are not supported)', 'prompt');
    prompt = prompt[0];
  }
  if (typeof prompt !== 'string') throw new BadRequest('`prompt` must be a string', 'prompt');
  if (body.suffix !== undefined && body.suffix !== null) throw new BadRequest('`suffix` (fill-in-the-middle) is not supported', 'suffix');
  if (body.echo === true) throw new BadRequest('`echo` is not supported', 'echo');
  return generation(body, { prompt });
}

export interface EmbeddingRequest {
  model: string;
  texts: string[];
  base64: boolean;
}

export function embeddingRequest(body: Body): EmbeddingRequest {
  const input = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(input) || !input.every((text): text is string => typeof text === 'string')) {
    throw new BadRequest('`input` must be a string or an array of strings (token arrays are not supported)', 'input');
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') throw new BadRequest('`encoding_format` must be "float" or "base64"', 'encoding_format');
  return { model: modelOf(body), texts: input, base64: format === 'base64' };
}

function generation(body: Body, content: Record<string, unknown>): GenerationRequest {
  const model = modelOf(body);
  const input: Record<string, unknown> = { model, ...content };
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) input.maxTokens = maxTokens;
  if (body.temperature !== undefined && body.temperature !== null) input.temperature = body.temperature;
  // OpenAI allows top_p = 0 (greedy); the core's nucleus needs a positive mass, and the smallest one is the same choice.
  if (body.top_p !== undefined && body.top_p !== null) input.topP = body.top_p === 0 ? 1e-6 : body.top_p;
  if (body.seed !== undefined && body.seed !== null) input.seed = body.seed;
  // Not OpenAI's, but llama-server and vLLM take it and their clients send it.
  if (body.top_k !== undefined && body.top_k !== null) input.topK = body.top_k;
  if (typeof body.stop === 'string') input.stop = [body.stop];
  else if (Array.isArray(body.stop)) input.stop = body.stop;
  const options = (body.stream_options ?? {}) as { include_usage?: unknown };
  return { input, model, stream: body.stream === true, includeUsage: options.include_usage === true };
}

function modelOf(body: Body): string {
  if (typeof body.model !== 'string' || body.model.trim() === '') throw new BadRequest('`model` must name a model (GET /v1/models lists them)', 'model');
  return body.model;
}

function refuseUnsupported(body: Body): void {
  if (body.n !== undefined && body.n !== null && body.n !== 1) throw new BadRequest('Only n = 1 is supported', 'n');
  if (body.logprobs === true || typeof body.logprobs === 'number') throw new BadRequest('`logprobs` is not supported', 'logprobs');
}

const roles: Record<string, ChatMessage['role']> = { system: 'system', developer: 'system', user: 'user', assistant: 'assistant' };

function chatMessage(value: unknown, index: number): ChatMessage {
  const message = (value ?? {}) as { role?: unknown; content?: unknown };
  const role = typeof message.role === 'string' ? roles[message.role] : undefined;
  if (!role) throw new BadRequest(`messages[${index}].role must be system, developer, user or assistant (tool messages are not supported)`, `messages.${index}.role`);
  return { role, content: textOf(message.content, index) };
}

/** A string, or content parts of which only text parts are understood (this server runs text models). */
function textOf(content: unknown, index: number): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: unknown; text?: unknown }) => {
        if (part?.type !== 'text' || typeof part.text !== 'string') throw new BadRequest(`messages[${index}].content: only text parts are supported`, `messages.${index}.content`);
        return part.text;
      })
      .join('');
  }
  throw new BadRequest(`messages[${index}].content must be a string or an array of text parts`, `messages.${index}.content`);
}

/** `json_schema` and `json_object` become the grammar the local model decodes with (`jsonSchema`). */
function responseFormat(format: unknown): { jsonSchema?: Record<string, unknown> } {
  if (format === undefined || format === null) return {};
  const f = format as { type?: unknown; json_schema?: { schema?: unknown } };
  if (f.type === 'text') return {};
  if (f.type === 'json_object') return { jsonSchema: { type: 'object', additionalProperties: true } };
  if (f.type === 'json_schema') {
    const schema = f.json_schema?.schema;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new BadRequest('response_format.json_schema.schema must be a JSON schema object', 'response_format');
    return { jsonSchema: schema as Record<string, unknown> };
  }
  throw new BadRequest('response_format.type must be text, json_object or json_schema', 'response_format');
}
