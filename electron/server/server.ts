import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CallContext } from '../core/contract/context.js';
import type { PermissionName } from '../core/contract/auth.api.js';
import type { CoreEvent } from '../core/contract/events.js';
import type { AppErrorShape } from '../core/contract/errors.js';
import { visibleTo, wireEvent, type EventViewer } from '../core/events/event-audience.js';
import type { CoreHandle } from '../core/host/core-handle.js';
import { startCoreWorker } from '../core/host/core-worker.client.js';
import { packageRoot, resolveModelsDir } from '../core/services/paths.js';
import { httpStatusFor } from './http-status.js';
import { requirementOf } from '../core/auth/permissions.js';
import { declaredTooLarge, discardBody, MAX_BODY_BYTES, MAX_PUBLIC_BODY_BYTES, readBody } from './request-body.js';
import { decodePercentEncoding, parseRequestTarget } from './request-url.js';
import { allowedHost, allowedOrigin, newAccessToken, presentedToken, sameSecret, securityHeaders, SESSION_COOKIE } from './security.js';
import { serveStatic } from './static-files.js';
import { createOpenAiRouter } from './openai/openai-router.js';

export interface ServerOptions {
  dataDir: string;
  modelsDir?: string;
  /** 127.0.0.1 unless the user asks otherwise: the server is for this machine. */
  host?: string;
  port?: number;
  rendererDir?: string;
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  core: CoreHandle;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 15_000;

interface EventStream {
  viewer: EventViewer;
  /** The token or session the stream was opened with (signing out ends it). */
  credential: string | undefined;
  expiresAt: number | null;
}

/** The headless shell: the built renderer, `POST /rpc/:method` and `GET /events` (SSE), all behind one access token. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  // The printed URL's token stands for the OS user who started the server (like a Jupyter token): its holder acts
  // as that user's account (the administrator on first run). Everyone else signs in with a password.
  const token = newAccessToken();
  const owner = os.userInfo().username;
  const rendererDir = options.rendererDir ?? path.join(packageRoot(), 'dist', 'renderer');
  const core = await startCoreWorker({ dataDir: options.dataDir, modelsDir: options.modelsDir ?? resolveModelsDir(), background: true });
  /** Open event streams, each with the caller it was opened for: events are filtered per caller. */
  const streams = new Map<ServerResponse, EventStream>();
  let port = 0;
  // The OpenAI-compatible API: API tokens (or this server's own token) as bearer, the same core and dispatch.
  const openai = createOpenAiRouter({ core, callerOf: (request) => callerOf(request) });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`[server] ${(error as Error)?.stack ?? String(error)}\n`);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'INTERNAL', message: 'Unexpected server error; it was logged' } });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = parseRequestTarget(request.url);
    if (!url) return refuseUnread(request, response, 400, 'INVALID_INPUT', 'The request target is not a valid URL');
    if (!allowedHost(request, host, port)) {
      response.writeHead(421, securityHeaders).end('Misdirected request: use the address printed by `enclave serve`');
      return;
    }
    if (request.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) return unauthorized(response, request);
      // Trade the token in the address bar for an HttpOnly cookie, then drop it from the URL and history.
      response.writeHead(302, { ...securityHeaders, 'Set-Cookie': cookie(SESSION_COOKIE, token), Location: '/' });
      response.end();
      return;
    }
    if (url.pathname.startsWith('/v1/')) return openai(request, response, url.pathname);
    if (url.pathname.startsWith('/rpc/')) {
      if (request.method !== 'POST') return sendJson(response, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use POST for /rpc/<method>' } });
      if (!allowedOrigin(request)) return sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin requests are refused' } });
      return rpc(url.pathname.slice('/rpc/'.length), request, response);
    }
    if (url.pathname === '/events' && request.method === 'GET') {
      // A cross-site page must not read our events with the user's cookie, exactly as it must not call /rpc.
      if (!allowedOrigin(request)) return sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin requests are refused' } });
      // Only signed-in callers get the event stream.
      const me = await core.dispatch('auth.me', {}, callerOf(request));
      if (!me.ok) return unauthorized(response, request);
      const { user, permissions, expiresAt } = me.value as { user: { name: string }; permissions: PermissionName[]; expiresAt: string | null };
      return events(response, { viewer: { user: user.name, permissions }, credential: presentedToken(request), expiresAt: expiresAt ? Date.parse(expiresAt) : null });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Method not allowed' } });
    // The UI itself is public: it shows the sign-in (or first-run setup) screen; every call it makes is checked.
    return serveStatic(rendererDir, url.pathname, response, securityHeaders);
  }

  async function rpc(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const name = decodePercentEncoding(method);
    if (name === undefined) return refuseUnread(request, response, 400, 'INVALID_INPUT', 'The method name in the path is not valid percent-encoding');
    // Who is calling is settled before a byte of the body is read or parsed: strangers cannot make us buffer 16 MB.
    const requirement = requirementOf(name);
    const isPublic = requirement === 'public' || requirement === 'setup';
    if (!isPublic) {
      const me = await core.dispatch('auth.me', {}, callerOf(request));
      // FORBIDDEN: a known caller (an API token scoped without account.self); the call itself decides what it may do.
      if (!me.ok && me.error.code !== 'FORBIDDEN') {
        discardBody(request);
        // The core's own message says why (expired session, a shared workstation refusing the OS account…).
        return me.error.code === 'UNAUTHORIZED' ? unauthorized(response, request, me.error) : sendJson(response, httpStatusFor(me.error.code), me);
      }
    }
    const limit = isPublic ? MAX_PUBLIC_BODY_BYTES : MAX_BODY_BYTES;
    const tooLarge = `The request body is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`}`;
    if (declaredTooLarge(request, limit)) return refuseUnread(request, response, 413, 'INVALID_INPUT', tooLarge);
    const body = await readBody(request, limit);
    if (body === undefined) return sendJson(response, 413, { ok: false, error: { code: 'INVALID_INPUT', message: tooLarge } });
    let params: unknown;
    try {
      params = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON' } });
    }
    const result = await core.dispatch(name, params, callerOf(request));
    const headers: Record<string, string | string[]> = {};
    if (result.ok && (name === 'auth.signIn' || name === 'auth.setup')) {
      const { sessionToken, expiresAt } = result.value as { sessionToken: string; expiresAt: string };
      const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
      headers['Set-Cookie'] = cookie(SESSION_COOKIE, sessionToken, maxAge);
    }
    if (result.ok && name === 'auth.signOut') {
      headers['Set-Cookie'] = cookie(SESSION_COOKIE, '', 0);
      // The session's event streams end with it.
      const signedOut = presentedToken(request);
      for (const [stream, info] of streams) if (info.credential === signedOut) stream.end();
    }
    const retryAfter = !result.ok && (result.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter) headers['Retry-After'] = String(retryAfter);
    sendJson(response, result.ok ? 200 : httpStatusFor(result.error.code), result, headers);
  }

  /** The caller as the core should resolve it: a session or API token (header or cookie), and where it came from. */
  function callerOf(request: IncomingMessage): CallContext {
    const presented = presentedToken(request);
    const ctx: CallContext = { shell: 'http', user: '', groups: [], roles: [], source: request.socket.remoteAddress ?? 'http' };
    if (presented !== undefined && sameSecret(presented, token)) return { ...ctx, credential: { kind: 'os', user: owner, vouchedBy: 'serverToken' } };
    return presented ? { ...ctx, credential: { kind: 'bearer', token: presented } } : ctx;
  }

  function events(response: ServerResponse, info: EventStream): void {
    response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write('retry: 2000\n\n');
    streams.set(response, info);
    const heartbeat = setInterval(() => {
      // An expired session's stream ends; the browser reconnects and is refused until it signs in again.
      if (info.expiresAt !== null && Date.now() >= info.expiresAt) response.end();
      else response.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    response.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  }

  const unsubscribe = core.subscribe((event: CoreEvent) => {
    const frame = `data: ${JSON.stringify(wireEvent(event))}\n\n`;
    for (const [stream, info] of streams) if (visibleTo(event, info.viewer)) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    core,
    async close() {
      unsubscribe();
      for (const stream of streams.keys()) stream.end();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await core.close();
    },
  };
}

function unauthorized(response: ServerResponse, request?: IncomingMessage, error?: AppErrorShape): void {
  if (request?.headers.accept?.includes('text/html')) {
    response.writeHead(401, { ...securityHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end('<!doctype html><title>Enclave: sign-in needed</title><h1>Enclave</h1><p>Open the URL printed by <code>enclave serve</code>: it carries the access token.</p>');
    return;
  }
  sendJson(response, 401, { ok: false, error: error ?? { code: 'UNAUTHORIZED', message: 'Sign in first (POST /rpc/auth.signIn), or send an API token as `Authorization: Bearer <token>`' } });
}

function cookie(name: string, value: string, maxAgeSeconds?: number): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/${maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`}`;
}

function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...securityHeaders, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** Answers without reading the body; what the client still sends is drained, so it reads this answer, not a reset. */
function refuseUnread(request: IncomingMessage, response: ServerResponse, status: number, code: string, message: string): void {
  discardBody(request);
  sendJson(response, status, { ok: false, error: { code, message } });
}
