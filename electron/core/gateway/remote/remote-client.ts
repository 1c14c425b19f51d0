import type { GenerationResult } from '../../contract/schemas.js';
import { AppError } from '../../contract/errors.js';
import type { EmbedResult, GenerateRequest } from '../../../../native/llama/protocol.js';
import type { GenerateHooks } from '../../inference/provider.js';
import { HttpCaller, type EndpointConnection } from './http-call.js';
import { badResponse } from './remote-errors.js';
import { SseParser } from './sse.js';

/** What `GET /v1/models` says of one model; `meta` is llama-server's extension (trained context, size, dimensions). */
export interface RemoteModelInfo {
  id: string;
  ownedBy: string | null;
  contextLength: number | null;
  embeddingLength: number | null;
  parameterCount: number | null;
  sizeBytes: number | null;
}

/** Inputs larger than this go in several embedding requests (servers cap their batch). */
const EMBED_BATCH = 32;

/**
 * An OpenAI-compatible endpoint (vLLM, llama-server, TGI): chat and text completions (streamed over SSE, or not),
 * embeddings, the model list, and llama-server's `/tokenize` and `/props` where the server has them. It returns the
 * same GenerationResult a local model does, so nothing above the gateway knows where a model ran.
 */
export class RemoteClient {
  private readonly http: HttpCaller;
  /** Learned once: a server without `/tokenize` is estimated from then on. */
  private tokenizeMissing = false;

  constructor(readonly connection: EndpointConnection) {
    this.http = new HttpCaller(connection);
  }

  get name(): string {
    return this.connection.name;
  }

  async models(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<RemoteModelInfo[]> {
    const response = await this.http.call({ method: 'GET', path: '/v1/models', signal: options.signal, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    const parsed = this.json(response.body, '/v1/models') as { data?: unknown };
    if (!Array.isArray(parsed.data)) throw badResponse(this.name, 'a model list without `data`');
    return parsed.data.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string').map((m) => {
      const meta = (typeof m.meta === 'object' && m.meta !== null ? m.meta : {}) as Record<string, unknown>;
      return {
        id: m.id as string,
        ownedBy: typeof m.owned_by === 'string' ? m.owned_by : null,
        contextLength: num(meta.n_ctx_train) ?? num(m.max_model_len) ?? num(m.context_length),
        embeddingLength: num(meta.n_embd),
        parameterCount: num(meta.n_params),
        sizeBytes: num(meta.size),
      };
    });
  }

  /** Streams by default (tokens reach `hooks.onText` as they arrive); `stream: false` asks for one JSON answer. */
  async generate(modelId: string, request: GenerateRequest, hooks: GenerateHooks, options: { stream?: boolean } = {}): Promise<GenerationResult> {
    const mode = request.messages ? 'chat' : 'completion';
    const stream = options.stream ?? true;
    const started = performance.now();
    const state = { text: '', completionTokens: 0, promptTokens: null as number | null, usageCompletion: null as number | null, finish: null as string | null, firstAt: null as number | null };
    const path = mode === 'chat' ? '/v1/chat/completions' : '/v1/completions';
    const body = requestBody(modelId, request, mode, stream);
    const take = (choice: Record<string, unknown> | undefined, usage: unknown): void => {
      const delta = choice ? (mode === 'chat' ? ((choice.delta ?? choice.message) as { content?: unknown } | undefined)?.content : choice.text) : undefined;
      if (typeof delta === 'string' && delta !== '') {
        state.firstAt ??= performance.now();
        state.text += delta;
        state.completionTokens += 1;
        hooks.onText(delta, state.completionTokens);
      }
      if (choice && typeof choice.finish_reason === 'string') state.finish = choice.finish_reason;
      const u = usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined | null;
      if (u && typeof u === 'object') {
        state.promptTokens = num(u.prompt_tokens) ?? state.promptTokens;
        state.usageCompletion = num(u.completion_tokens) ?? state.usageCompletion;
      }
    };
    try {
      if (stream) {
        const parser = new SseParser((data) => {
          const event = this.json(data, path) as { choices?: Array<Record<string, unknown>>; usage?: unknown; error?: { message?: string } };
          if (event.error) throw badResponse(this.name, `an error mid-stream: ${String(event.error.message ?? 'unknown').slice(0, 300)}`);
          take(event.choices?.[0], event.usage);
        });
        await this.http.call({ method: 'POST', path, body, signal: hooks.signal, onChunk: (chunk) => parser.push(chunk) });
        parser.end();
      } else {
        const response = await this.http.call({ method: 'POST', path, body, signal: hooks.signal });
        const parsed = this.json(response.body, path) as { choices?: Array<Record<string, unknown>>; usage?: unknown };
        if (!Array.isArray(parsed.choices) || parsed.choices.length === 0) throw badResponse(this.name, 'a completion without choices');
        take(parsed.choices[0], parsed.usage);
      }
    } catch (error) {
      // A cancel keeps what arrived, like a local generation: the caller decides what a partial answer is worth.
      if (!(error instanceof AppError && error.code === 'CANCELLED' && hooks.signal.aborted)) throw error;
      state.finish = 'cancelled';
    }
    const totalMs = performance.now() - started;
    const completionTokens = state.usageCompletion ?? state.completionTokens;
    const ttftMs = (state.firstAt ?? performance.now()) - started;
    const decodeMs = Math.max(1, totalMs - ttftMs);
    return {
      text: state.text,
      promptTokens: state.promptTokens ?? 0,
      completionTokens,
      ttftMs: round(ttftMs),
      tokensPerSecond: round(completionTokens > 1 ? ((completionTokens - 1) * 1000) / decodeMs : (completionTokens * 1000) / Math.max(1, totalMs)),
      totalMs: round(totalMs),
      stopReason: stopReason(state.finish, hooks.signal.aborted),
      mode,
    };
  }

  async embed(modelId: string, texts: string[], signal?: AbortSignal): Promise<EmbedResult> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += EMBED_BATCH) {
      const batch = texts.slice(start, start + EMBED_BATCH);
      const response = await this.http.call({ method: 'POST', path: '/v1/embeddings', body: { model: modelId, input: batch, encoding_format: 'float' }, signal });
      const parsed = this.json(response.body, '/v1/embeddings') as { data?: Array<{ index?: number; embedding?: unknown }> };
      if (!Array.isArray(parsed.data) || parsed.data.length !== batch.length) throw badResponse(this.name, `${parsed.data?.length ?? 'no'} embeddings for ${batch.length} inputs`);
      const ordered = [...parsed.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      for (const item of ordered) {
        if (!Array.isArray(item.embedding) || !item.embedding.every((v) => typeof v === 'number')) throw badResponse(this.name, 'an embedding that is not a list of numbers');
        vectors.push(item.embedding as number[]);
      }
    }
    return { dimensions: vectors[0]?.length ?? 0, vectors };
  }

  /**
   * Exact counts from the server's tokenizer (`POST /tokenize`, llama-server) when it has one; otherwise an estimate
   * of one token per 4 characters (OpenAI's rule of thumb for English), good enough to plan chunks and budgets.
   */
  async countTokens(texts: string[]): Promise<{ counts: number[]; exact: boolean }> {
    if (!this.tokenizeMissing) {
      try {
        const counts = await mapLimited(texts, Math.max(1, this.connection.maxConcurrency), async (content) => {
          const response = await this.http.call({ method: 'POST', path: '/tokenize', body: { content, add_special: false } });
          const tokens = (this.json(response.body, '/tokenize') as { tokens?: unknown }).tokens;
          if (!Array.isArray(tokens)) throw badResponse(this.name, '/tokenize without tokens');
          return tokens.length;
        });
        return { counts, exact: true };
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'ENDPOINT_BAD_RESPONSE')) throw error;
        this.tokenizeMissing = true;
      }
    }
    return { counts: texts.map((t) => Math.ceil(t.length / 4)), exact: false };
  }

  /** The context the server runs with, from llama-server's `/props`; null when the server does not say. */
  async servedContext(): Promise<number | null> {
    try {
      const response = await this.http.call({ method: 'GET', path: '/props' });
      const props = JSON.parse(response.body) as { n_ctx?: unknown; default_generation_settings?: { n_ctx?: unknown } };
      return num(props.default_generation_settings?.n_ctx) ?? num(props.n_ctx);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ENDPOINT_BAD_RESPONSE') return null;
      if (error instanceof SyntaxError) return null;
      throw error;
    }
  }

  close(): void {
    this.http.close();
  }

  private json(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw badResponse(this.name, `text that is not JSON from ${what}`);
    }
  }
}

function requestBody(model: string, request: GenerateRequest, mode: 'chat' | 'completion', stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
    // top_k is not in OpenAI's schema; vLLM, llama-server and TGI accept it, others ignore unknown fields.
    top_k: request.topK,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.stop.length > 0 ? { stop: request.stop } : {}),
  };
  if (mode === 'chat') body.messages = request.messages;
  else body.prompt = request.prompt ?? '';
  if (request.jsonSchema) {
    // Chat: OpenAI's structured output; completions: llama-server's `json_schema` (vLLM reads `guided_json`).
    if (mode === 'chat') body.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: request.jsonSchema, strict: true } };
    else Object.assign(body, { json_schema: request.jsonSchema, guided_json: request.jsonSchema });
  }
  return body;
}

function stopReason(finish: string | null, aborted: boolean): GenerationResult['stopReason'] {
  if (aborted || finish === 'cancelled') return 'cancelled';
  if (finish === 'length') return 'maxTokens';
  return 'eos';
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const round = (ms: number): number => Math.round(ms * 100) / 100;
