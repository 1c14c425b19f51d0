import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { AppError, isAppError } from '../../contract/errors.js';
import { fromStatus, timedOut, unreachable } from './remote-errors.js';

/** How to reach one endpoint. The key lives only in memory, unsealed for the call, and only in the header. */
export interface EndpointConnection {
  name: string;
  /** The server root, without `/v1` (e.g. `https://llm.cluster.lan:8443`); paths are appended. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** A private CA (PEM) trusted in addition to the system's; TLS verification stays on unless turned off explicitly. */
  caPem?: string | null | undefined;
  rejectUnauthorized: boolean;
  /** Idle timeout: the longest the endpoint may stay silent (before headers, or between streamed chunks). */
  timeoutMs: number;
  maxConcurrency: number;
}

export interface CallOptions {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Streams a 2xx body here chunk by chunk instead of collecting it (SSE); errors are still collected and typed. */
  onChunk?: (chunk: Buffer) => void;
  /** Override the endpoint's idle timeout (health checks use a short one). */
  timeoutMs?: number;
}

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Longest error or JSON body read into memory: a misbehaving server cannot exhaust the core's memory. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

/**
 * One HTTP(S) client per endpoint, on node:http/https (no extra library): a keep-alive agent capped at the
 * endpoint's concurrency, its CA, and one place that turns sockets, statuses and silence into typed errors.
 */
export class HttpCaller {
  private readonly agent: http.Agent;
  private readonly secure: boolean;

  constructor(readonly connection: EndpointConnection) {
    this.secure = new URL(connection.baseUrl).protocol === 'https:';
    // A private CA is added to the system roots, not swapped in: a publicly signed certificate still verifies.
    const common = { keepAlive: true, maxSockets: Math.max(1, connection.maxConcurrency) };
    this.agent = this.secure
      ? new https.Agent({ ...common, rejectUnauthorized: connection.rejectUnauthorized, ...(connection.caPem ? { ca: [...rootCertificates, connection.caPem] } : {}) })
      : new http.Agent(common);
  }

  /**
   * A kept-alive socket the server closed while it sat idle fails at once with ECONNRESET before any answer (Node's
   * documented race): such a request was never processed, so it is sent once more on a fresh socket.
   */
  async call(options: CallOptions): Promise<CallResult> {
    try {
      return await this.attempt(options);
    } catch (error) {
      if (!(error instanceof StaleSocket)) throw error;
      return this.attempt(options, false);
    }
  }

  private attempt(options: CallOptions, mayRetry = true): Promise<CallResult> {
    const { connection } = this;
    const url = new URL(connection.baseUrl.replace(/\/+$/, '') + options.path);
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const timeoutMs = options.timeoutMs ?? connection.timeoutMs;
    return new Promise<CallResult>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (error: AppError | StaleSocket | undefined, result?: CallResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(result!);
      };
      let answered = false;
      const fail = (error: AppError | StaleSocket): void => {
        finish(error);
        request.destroy();
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(timedOut(connection.name, timeoutMs)), timeoutMs);
      };
      const onAbort = (): void => fail(new AppError('CANCELLED', `The request to endpoint "${connection.name}" was cancelled`));
      const headers: Record<string, string> = { Accept: options.onChunk ? 'text/event-stream, application/json' : 'application/json' };
      if (payload) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) });
      if (connection.apiKey) headers.Authorization = `Bearer ${connection.apiKey}`;

      const transport = this.secure ? https : http;
      let request: http.ClientRequest;
      try {
        request = transport.request(url, { method: options.method, headers, agent: this.agent });
      } catch (error) {
        // The egress guard refuses before a packet is sent, possibly synchronously.
        reject(isAppError(error) ? error : unreachable(connection.name, (error as Error).message));
        return;
      }
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (isAppError(error)) return fail(error);
        const code = error.code ?? '';
        if (mayRetry && !answered && request.reusedSocket && code === 'ECONNRESET') return fail(new StaleSocket());
        const cause = TLS_CODES.test(code) || TLS_CODES.test(error.message)
          ? `TLS: ${error.message}; if the server uses a private CA, register it with --ca FILE`
          : `${code || 'error'}: ${error.message}`;
        fail(unreachable(connection.name, cause));
      });
      request.on('response', (response) => {
        answered = true;
        arm();
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          arm();
          if (ok && options.onChunk) {
            // A consumer that rejects a chunk (a mid-stream error event) ends the call with its error.
            try {
              options.onChunk(chunk);
            } catch (error) {
              fail(isAppError(error) ? error : unreachable(connection.name, (error as Error).message));
            }
            return;
          }
          size += chunk.length;
          if (size > MAX_BODY_BYTES) return fail(unreachable(connection.name, `response larger than ${MAX_BODY_BYTES} bytes`));
          chunks.push(chunk);
        });
        response.on('error', (error) => fail(unreachable(connection.name, error.message)));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (!ok) return finish(fromStatus(connection.name, status, body, response.headers));
          finish(undefined, { status, headers: response.headers, body });
        });
        // A server that closes mid-stream without finishing the body.
        response.on('aborted', () => fail(unreachable(connection.name, 'the connection closed mid-response')));
      });
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The marker of a request lost on a stale kept-alive socket (retried once by `call`). */
class StaleSocket extends Error {}
