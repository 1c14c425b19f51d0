import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallContext } from '../../core/contract/context.js';
import type { OpenAiGeneration } from '../../core/contract/openai.api.js';
import type { CoreHandle } from '../../core/host/core-handle.js';
import { declaredTooLarge, discardBody, MAX_BODY_BYTES, readBody } from '../request-body.js';
import { decodePercentEncoding } from '../request-url.js';
import { allowedOrigin, securityHeaders } from '../security.js';
import { relayJob } from './job-relay.js';
import { openAiError } from './openai-errors.js';
import { BadRequest, chatRequest, completionRequest, embeddingRequest, type GenerationRequest } from './openai-requests.js';
import { chunkBody, completionBody, embeddingsBody, finishReason, modelBody, nowSeconds, usageOf, type Kind } from './openai-responses.js';

export interface OpenAiRouterOptions {
  core: Pick<CoreHandle, 'dispatch' | 'subscribe'>;
  /** The caller a request's bearer token stands for, as the shell resolves it (the core decides who that is). */
  callerOf(request: IncomingMessage): CallContext;
}

type Listed = { id: string; createdAt: string };
type Handler = (request: IncomingMessage, response: ServerResponse, ctx: CallContext) => Promise<void>;

/**
 * The OpenAI-compatible API (`/v1/...`), for any HTTP shell: the headless server mounts it beside `/rpc`, the desktop
 * app on its own loopback port. It only translates: every request is a core method called through dispatch as the
 * token's account, so authorization, the approval gate, guardrails, quotas and the audit trail apply as for the UI.
 * Only `Authorization: Bearer <API token>` is accepted (never the browser session cookie), and cross-origin requests
 * are refused like everywhere else: a web page cannot drive this API with a signed-in user's cookie.
 */
export function createOpenAiRouter(options: OpenAiRouterOptions): (request: IncomingMessage, response: ServerResponse, pathname: string) => Promise<void> {
  const { core } = options;

  const routes: Record<string, { method: 'GET' | 'POST'; handle: Handler }> = {
    '/v1/models': { method: 'GET', handle: listModels },
    '/v1/chat/completions': { method: 'POST', handle: (rq, rs, ctx) => withBody(rq, rs, (body) => generate('chat', chatRequest(body), rs, ctx)) },
    '/v1/completions': { method: 'POST', handle: (rq, rs, ctx) => withBody(rq, rs, (body) => generate('completion', completionRequest(body), rs, ctx)) },
    '/v1/embeddings': { method: 'POST', handle: (rq, rs, ctx) => withBody(rq, rs, (body) => embed(body, rs, ctx)) },
  };

  return async (request, response, pathname) => {
    if (!allowedOrigin(request)) return refuse(request, response, { code: 'FORBIDDEN', message: 'Cross-origin requests are refused' });
    if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
      return refuse(request, response, { code: 'UNAUTHORIZED', message: 'Send an Enclave API token as `Authorization: Bearer <token>` (create one with `enclave tokens create`)' });
    }
    const ctx = options.callerOf(request);
    // Who is calling is settled before the body is read: strangers cannot make us buffer 16 MB.
    const me = await core.dispatch('auth.me', {}, ctx);
    if (!me.ok && me.error.code !== 'FORBIDDEN') return refuse(request, response, me.error);
    const single = /^\/v1\/models\/(.+)$/.exec(pathname);
    const id = single ? decodePercentEncoding(single[1] ?? '') : undefined;
    if (single && request.method === 'GET') return id === undefined ? refuse(request, response, { code: 'INVALID_INPUT', message: 'The model id in the path is not valid percent-encoding' }) : getModel(id, response, ctx);
    const route = routes[pathname.replace(/\/$/, '')];
    if (!route) return refuse(request, response, { code: 'NOT_FOUND', message: `No such route: ${pathname} (this server has /v1/models, /v1/chat/completions, /v1/completions and /v1/embeddings)` });
    if (request.method !== route.method) {
      discardBody(request);
      return sendJson(response, 405, { error: { message: `Use ${route.method} for ${pathname}`, type: 'invalid_request_error', code: 'method_not_allowed', param: null } });
    }
    return route.handle(request, response, ctx);
  };

  /**
   * Approved models, then the gateway's routes (virtual models such as `auto`) when the caller may read them
   * (`routes.list`, models.read); a route named like a model is that model's fallback policy and is listed once.
   */
  async function models(ctx: CallContext): Promise<{ ok: true; value: Listed[] } | { ok: false; error: { code: string; message: string } }> {
    const result = await core.dispatch('openai.models', {}, ctx);
    if (!result.ok) return result;
    const listed = result.value as Listed[];
    const routes = await core.dispatch('routes.list', {}, ctx);
    if (routes.ok) for (const route of routes.value as Array<{ name: string; createdAt: string }>) if (!listed.some((m) => m.id === route.name)) listed.push({ id: route.name, createdAt: route.createdAt });
    return { ok: true, value: listed };
  }

  async function listModels(_request: IncomingMessage, response: ServerResponse, ctx: CallContext): Promise<void> {
    const result = await models(ctx);
    if (!result.ok) return sendError(response, openAiError(result.error));
    sendJson(response, 200, { object: 'list', data: result.value.map(modelBody) });
  }

  async function getModel(id: string, response: ServerResponse, ctx: CallContext): Promise<void> {
    const result = await models(ctx);
    if (!result.ok) return sendError(response, openAiError(result.error));
    const model = result.value.find((m) => m.id === id);
    if (!model) return sendError(response, openAiError({ code: 'MODEL_NOT_FOUND', message: `No approved model is named "${id}"` }, 'model'));
    sendJson(response, 200, modelBody(model));
  }

  async function generate(kind: Kind, request: GenerationRequest, response: ServerResponse, ctx: CallContext): Promise<void> {
    const gone = abortOnClose(response);
    const created = nowSeconds();
    let id = '';
    // Headers wait for the first released text: a request refused inside its job (an unapproved model, a quota)
    // still gets its proper status and JSON error instead of a 200 stream that fails.
    let streaming = false;
    const open = (): void => {
      if (streaming) return;
      streaming = true;
      response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      if (kind === 'chat') event(response, chunkBody(kind, id, request.model, created, { first: true }));
    };
    const result = await relayJob<{ jobId: string; responseId: string }, OpenAiGeneration>(core, 'openai.generate', request.input, ctx, {
      signal: gone,
      // Needs only inference.run: a token made for an IDE need not hold jobs.cancel for its disconnects to stop work.
      cancelMethod: 'openai.cancel',
      started: (value) => (id = value.responseId),
      ...(request.stream ? { text: (delta: string) => { open(); event(response, chunkBody(kind, id, request.model, created, { text: delta })); } } : {}),
    });
    if (gone.aborted) return;
    if (!result.ok) {
      const error = openAiError(result.error);
      if (!streaming) return sendError(response, error);
      event(response, error.body);
      response.end();
      return;
    }
    const value = result.value;
    if (value.blocked) return sendError(response, openAiError({ code: 'content_filter', message: value.text }));
    if (!request.stream) return sendJson(response, 200, completionBody(kind, request.model, value, created));
    open();
    event(response, chunkBody(kind, id, request.model, created, { finish: finishReason(value) }));
    if (request.includeUsage) event(response, chunkBody(kind, id, request.model, created, { usage: usageOf(value) }));
    response.end('data: [DONE]\n\n');
  }

  async function embed(body: Record<string, unknown>, response: ServerResponse, ctx: CallContext): Promise<void> {
    const request = embeddingRequest(body);
    const result = await core.dispatch('openai.embed', { model: request.model, texts: request.texts }, ctx);
    if (!result.ok) return sendError(response, openAiError(result.error));
    const value = result.value as { vectors: number[][]; promptTokens: number };
    sendJson(response, 200, embeddingsBody(request.model, value.vectors, request.base64, value.promptTokens));
  }
}

/** Reads and parses a JSON object body; a translation refused (BadRequest) becomes a 400 naming the parameter. */
async function withBody(request: IncomingMessage, response: ServerResponse, use: (body: Record<string, unknown>) => Promise<void>): Promise<void> {
  const tooLarge = { code: 'INVALID_INPUT', message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` };
  if (declaredTooLarge(request, MAX_BODY_BYTES)) return refuse(request, response, tooLarge, 413);
  const raw = await readBody(request, MAX_BODY_BYTES);
  if (raw === undefined) return sendError(response, openAiError(tooLarge), 413);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return sendError(response, openAiError({ code: 'INVALID_INPUT', message: 'The request body is not valid JSON' }));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(response, openAiError({ code: 'INVALID_INPUT', message: 'The request body must be a JSON object' }));
  try {
    await use(body as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    sendError(response, openAiError({ code: 'INVALID_INPUT', message: error.message }, error.param));
  }
}

/** Aborted when the client disconnects before the answer is complete: the generation is cancelled. */
function abortOnClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

function event(response: ServerResponse, body: unknown): void {
  response.write(`data: ${JSON.stringify(body)}\n\n`);
}

function refuse(request: IncomingMessage, response: ServerResponse, error: { code: string; message: string; details?: unknown }, status?: number): void {
  discardBody(request);
  sendError(response, openAiError(error), status);
}

function sendError(response: ServerResponse, error: ReturnType<typeof openAiError>, status = error.status): void {
  sendJson(response, status, error.body, error.headers);
}

function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...securityHeaders, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
