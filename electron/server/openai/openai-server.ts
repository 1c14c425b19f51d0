import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallContext } from '../../core/contract/context.js';
import type { CoreHandle } from '../../core/host/core-handle.js';
import { allowedHost, securityHeaders } from '../security.js';
import { parseRequestTarget } from '../request-url.js';
import { createOpenAiRouter } from './openai-router.js';

export interface OpenAiServerOptions {
  core: Pick<CoreHandle, 'dispatch' | 'subscribe'>;
  port: number;
  /** Loopback only by default: the desktop app serves tools on this machine (IDEs, scripts), not the network. */
  host?: string;
  /** Recorded as the calls' shell in the audit trail. */
  shell?: CallContext['shell'];
}

export interface RunningOpenAiServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * The `/v1` API on a port of its own: what the desktop app starts when the OpenAI-compatible API is turned on
 * (`openai.settings`). Only API tokens are accepted (`Authorization: Bearer`), there is no UI and no cookie, and the
 * Host check refuses DNS-rebinding pages exactly as `enclave serve` does.
 */
export async function startOpenAiServer(options: OpenAiServerOptions): Promise<RunningOpenAiServer> {
  const host = options.host ?? '127.0.0.1';
  let port = options.port;
  const callerOf = (request: IncomingMessage): CallContext => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const ctx: CallContext = { shell: options.shell ?? 'http', user: '', groups: [], roles: [], source: request.socket.remoteAddress ?? 'http' };
    return token ? { ...ctx, credential: { kind: 'bearer', token } } : ctx;
  };
  const router = createOpenAiRouter({ core: options.core, callerOf });
  const server: Server = createServer((request, response) => {
    const url = parseRequestTarget(request.url);
    if (!url || !allowedHost(request, host, port)) {
      response.writeHead(421, securityHeaders).end('Misdirected request');
      return;
    }
    router(request, response, url.pathname).catch((error: unknown) => {
      process.stderr.write(`[openai] ${(error as Error)?.stack ?? String(error)}\n`);
      if (!response.headersSent) response.writeHead(500, { ...securityHeaders, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: 'Unexpected server error; it was logged', type: 'api_error', code: 'internal', param: null } }));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The desktop app's start-up step: reads `openai.settings` as the app's own caller and starts the loopback `/v1`
 * server when it is turned on (a change takes effect at the next start). Undefined when off or when it cannot start;
 * the reason is logged, and the app runs on without it.
 */
export async function startOpenAiServerIfEnabled(core: OpenAiServerOptions['core'], caller: CallContext, log: (line: string) => void): Promise<RunningOpenAiServer | undefined> {
  const settings = await core.dispatch('openai.settings.get', {}, caller);
  if (!settings.ok) {
    log(`[openai] the OpenAI-compatible API stays off: ${settings.error.message}`);
    return undefined;
  }
  const { enabled, port } = settings.value as { enabled: boolean; port: number };
  if (!enabled) return undefined;
  try {
    const server = await startOpenAiServer({ core, port, shell: 'electron' });
    log(`[openai] OpenAI-compatible API on ${server.origin}/v1 (API tokens only)`);
    return server;
  } catch (error) {
    log(`[openai] the OpenAI-compatible API could not listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    return undefined;
  }
}
