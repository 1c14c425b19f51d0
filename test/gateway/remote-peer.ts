import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A real OpenAI-compatible HTTP(S) server on this machine, for what a real llama-server cannot be made to do on
 * demand: refuse a key, rate limit with Retry-After, fall silent, answer garbage, stream slowly until cancelled.
 * The happy paths are also tested against real llama-server processes (endpoints-llama.test.ts).
 */
export interface PeerBehaviour {
  /** Required `Authorization: Bearer <key>`; others get 401. */
  apiKey?: string;
  /** Every request answers this status (with Retry-After when set). */
  status?: number;
  retryAfter?: string;
  /** Never answers (timeouts). */
  silent?: boolean;
  /** Answers 200 with text that is not JSON. */
  garbage?: boolean;
  /** Delay between streamed tokens (cancellation). */
  tokenDelayMs?: number;
  /** How many tokens a stream sends. */
  tokens?: number;
  /** Serve POST /tokenize (llama-server does; vLLM does not). */
  tokenize?: boolean;
}

export interface PeerRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
  /** Set when the client went away before the answer finished. */
  aborted: boolean;
}

export interface Peer {
  url: string;
  port: number;
  behaviour: PeerBehaviour;
  requests: PeerRequest[];
  close(): Promise<void>;
}

const WORDS = ['Once', ' upon', ' a', ' time', ' there', ' was', ' a', ' fox', '.', ' The', ' end'];

export async function startPeer(options: { host?: string; tls?: { key: string; cert: string }; behaviour?: PeerBehaviour } = {}): Promise<Peer> {
  const behaviour: PeerBehaviour = { tokens: 6, tokenize: true, ...options.behaviour };
  const requests: PeerRequest[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const record: PeerRequest = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, aborted: false };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      respond(behaviour, record, res);
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  // Every interface is bound without naming one: a name (even 0.0.0.0) would go through the egress guard's lookup.
  await new Promise<void>((resolve) => (options.host === '0.0.0.0' ? server.listen(0, resolve) : server.listen(0, options.host ?? '127.0.0.1', resolve)));
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.tls ? 'localhost' : options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    behaviour,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function respond(b: PeerBehaviour, request: PeerRequest, res: http.ServerResponse): void {
  if (b.silent) return;
  if (b.apiKey && request.authorization !== `Bearer ${b.apiKey}`) return json(res, 401, { error: { message: 'Invalid API key', type: 'invalid_request_error' } });
  if (b.status) {
    if (b.retryAfter) res.setHeader('Retry-After', b.retryAfter);
    return json(res, b.status, { error: { message: `status ${b.status}` } });
  }
  if (b.garbage) {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return void res.end('<html>proxy login</html>');
  }
  const body = request.body ?? {};
  switch (`${request.method} ${request.url}`) {
    case 'GET /v1/models':
      return json(res, 200, { object: 'list', data: [
        { id: 'tiny-chat', object: 'model', owned_by: 'peer', meta: { n_ctx_train: 2048, n_embd: 64, n_params: 260000, size: 1185376 } },
        { id: 'tiny-embed', object: 'model', owned_by: 'peer' },
      ] });
    case 'GET /props':
      return json(res, 200, { default_generation_settings: { n_ctx: 1024 } });
    case 'POST /tokenize':
      if (!b.tokenize) return json(res, 404, { error: { message: 'Not found' } });
      return json(res, 200, { tokens: String(body.content ?? '').split(/\s+/).filter(Boolean).map((_, i) => i) });
    case 'POST /v1/embeddings': {
      const input = Array.isArray(body.input) ? body.input : [body.input];
      return json(res, 200, { object: 'list', data: input.map((t, index) => ({ object: 'embedding', index, embedding: [String(t).length, 1, 0.5] })), usage: { prompt_tokens: input.length, total_tokens: input.length } });
    }
    case 'POST /v1/chat/completions':
    case 'POST /v1/completions':
      return completion(b, request, res);
    default:
      return json(res, 404, { error: { message: `no route ${request.method} ${request.url}` } });
  }
}

function completion(b: PeerBehaviour, request: PeerRequest, res: http.ServerResponse): void {
  const body = request.body ?? {};
  const chat = request.url === '/v1/chat/completions';
  const max = Math.min(Number(body.max_tokens ?? 16), b.tokens ?? 6);
  const words = WORDS.slice(0, max);
  const finish = max < (b.tokens ?? 6) ? 'length' : 'stop';
  const usage = { prompt_tokens: 7, completion_tokens: words.length, total_tokens: 7 + words.length };
  if (!body.stream) {
    const choice = chat ? { index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: finish } : { index: 0, text: words.join(''), finish_reason: finish };
    return json(res, 200, { id: 'cmpl-1', object: chat ? 'chat.completion' : 'text_completion', choices: [choice], usage });
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  let i = 0;
  const send = (): void => {
    if (res.destroyed) return;
    if (i < words.length) {
      const word = words[i++]!;
      const choice = chat ? { index: 0, delta: { content: word }, finish_reason: null } : { index: 0, text: word, finish_reason: null };
      // Split one event over two writes: the client must reassemble lines.
      const event = `data: ${JSON.stringify({ id: 'cmpl-1', choices: [choice] })}\n\n`;
      res.write(event.slice(0, 7));
      res.write(event.slice(7));
      setTimeout(send, b.tokenDelayMs ?? 0);
      return;
    }
    const last = chat ? { index: 0, delta: {}, finish_reason: finish } : { index: 0, text: '', finish_reason: finish };
    res.write(`data: ${JSON.stringify({ id: 'cmpl-1', choices: [last] })}\n\n`);
    res.write(`data: ${JSON.stringify({ id: 'cmpl-1', choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
  };
  send();
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** A private CA and a server certificate it signed for localhost/127.0.0.1 (EC keys: fast), written to `dir`. */
export function privateCa(dir: string): { caPem: string; key: string; cert: string } {
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Enclave Test CA');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('srv.key'), '-out', file('srv.csr'), '-subj', '/CN=localhost');
  writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', file('srv.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('srv.pem'), '-days', '2', '-extfile', file('ext.cnf'));
  return { caPem: readFileSync(file('ca.pem'), 'utf8'), key: readFileSync(file('srv.key'), 'utf8'), cert: readFileSync(file('srv.pem'), 'utf8') };
}
