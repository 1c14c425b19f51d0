import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RemoteClient } from '../../electron/core/gateway/remote/remote-client.js';
import type { EndpointConnection } from '../../electron/core/gateway/remote/http-call.js';
import { retryAfterMs } from '../../electron/core/gateway/remote/remote-errors.js';
import { SseParser } from '../../electron/core/gateway/remote/sse.js';
import { tempDir } from '../helpers/fixtures.js';
import { privateCa, startPeer, type Peer } from './remote-peer.js';

const request = { maxTokens: 16, temperature: 0, topP: 0.95, topK: 40, stop: [] as string[] };
const connection = (peer: Peer, extra: Partial<EndpointConnection> = {}): EndpointConnection => ({ name: 'peer', baseUrl: peer.url, rejectUnauthorized: true, timeoutMs: 5000, maxConcurrency: 2, ...extra });
const hooks = (signal = new AbortController().signal) => {
  const texts: string[] = [];
  return { texts, signal, onText: (text: string) => void texts.push(text) };
};
const codeOf = async (promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> =>
  promise.then(() => ({ code: 'NO ERROR' }), (error: { code: string; details?: Record<string, unknown> }) => error);

describe('SSE parsing', () => {
  test('events split anywhere (even inside a UTF-8 character) are reassembled; comments and [DONE] end cleanly', () => {
    const events: string[] = [];
    const parser = new SseParser((data) => events.push(data));
    const bytes = Buffer.from(': keep-alive\r\ndata: {"a":"é"}\r\n\r\ndata: line1\ndata: line2\n\nevent: x\ndata: [DONE]\n\ndata: after\n\n');
    for (let i = 0; i < bytes.length; i += 3) parser.push(bytes.subarray(i, i + 3));
    parser.end();
    expect(events).toEqual(['{"a":"é"}', 'line1\nline2']);
    expect(parser.done).toBe(true);
  });

  test('Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('the remote client against a real HTTP peer', () => {
  let peer: Peer;
  let client: RemoteClient;
  beforeAll(async () => {
    peer = await startPeer({ behaviour: { apiKey: 'sk-test-123' } });
    client = new RemoteClient(connection(peer, { apiKey: 'sk-test-123' }));
  });
  afterAll(async () => {
    client.close();
    await peer.close();
  });

  test('chat streams over SSE: tokens arrive in order, usage gives the counts, the key goes only in the header', async () => {
    const h = hooks();
    const result = await client.generate('tiny-chat', { ...request, messages: [{ role: 'user', content: 'Tell a story' }] }, h);
    expect(h.texts).toEqual(['Once', ' upon', ' a', ' time', ' there', ' was']);
    expect(result).toMatchObject({ text: 'Once upon a time there was', promptTokens: 7, completionTokens: 6, stopReason: 'eos', mode: 'chat' });
    expect(result.ttftMs).toBeGreaterThanOrEqual(0);
    expect(result.totalMs).toBeGreaterThanOrEqual(result.ttftMs);
    const sent = peer.requests.at(-1)!;
    expect(sent).toMatchObject({ url: '/v1/chat/completions', authorization: 'Bearer sk-test-123' });
    expect(sent.body).toMatchObject({ model: 'tiny-chat', stream: true, max_tokens: 16, temperature: 0, messages: [{ role: 'user', content: 'Tell a story' }] });
    expect(JSON.stringify(sent.body)).not.toContain('sk-test-123');
  });

  test('non-streamed chat and text completions return the same shape; max tokens maps to maxTokens', async () => {
    const chat = await client.generate('tiny-chat', { ...request, messages: [{ role: 'user', content: 'hi' }] }, hooks(), { stream: false });
    expect(chat).toMatchObject({ text: 'Once upon a time there was', completionTokens: 6, mode: 'chat', stopReason: 'eos' });
    const completion = await client.generate('tiny-chat', { ...request, prompt: 'Once', maxTokens: 3 }, hooks());
    expect(completion).toMatchObject({ text: 'Once upon a', completionTokens: 3, mode: 'completion', stopReason: 'maxTokens' });
    expect(peer.requests.at(-1)).toMatchObject({ url: '/v1/completions', body: expect.objectContaining({ prompt: 'Once' }) });
  });

  test('embeddings, the model list, token counts and the served context', async () => {
    expect(await client.embed('tiny-embed', ['ab', 'abcd'])).toEqual({ dimensions: 3, vectors: [[2, 1, 0.5], [4, 1, 0.5]] });
    expect((await client.models()).map((m) => [m.id, m.contextLength])).toEqual([['tiny-chat', 2048], ['tiny-embed', null]]);
    expect(await client.countTokens(['one two three', 'four'])).toEqual({ counts: [3, 1], exact: true });
    expect(await client.servedContext()).toBe(1024);
  });

  test('a server without /tokenize is estimated (4 characters a token), and says so', async () => {
    peer.behaviour.tokenize = false;
    try {
      const fresh = new RemoteClient(connection(peer, { apiKey: 'sk-test-123' }));
      expect(await fresh.countTokens(['12345678', 'abc'])).toEqual({ counts: [2, 1], exact: false });
      fresh.close();
    } finally {
      peer.behaviour.tokenize = true;
    }
  });

  test('a cancel aborts the remote request and keeps the text so far', async () => {
    peer.behaviour.tokenDelayMs = 200;
    peer.behaviour.tokens = 11;
    try {
      const controller = new AbortController();
      const h = { ...hooks(controller.signal), onText: (text: string) => { h.texts.push(text); if (h.texts.length === 2) controller.abort(); } };
      const result = await client.generate('tiny-chat', { ...request, messages: [{ role: 'user', content: 'go' }] }, h);
      expect(result).toMatchObject({ text: 'Once upon', stopReason: 'cancelled' });
      await expect.poll(() => peer.requests.at(-1)!.aborted).toBe(true);
    } finally {
      peer.behaviour.tokenDelayMs = 0;
      peer.behaviour.tokens = 6;
    }
  });

  test('typed errors: a wrong key, rate limits with the retry delay, garbage, silence, nobody listening', async () => {
    const wrongKey = new RemoteClient(connection(peer, { apiKey: 'sk-wrong' }));
    expect(await codeOf(wrongKey.models())).toMatchObject({ code: 'ENDPOINT_AUTH_FAILED' });
    wrongKey.close();

    const limited = await startPeer({ behaviour: { status: 429, retryAfter: '7' } });
    const busy = await startPeer({ behaviour: { garbage: true } });
    const silent = await startPeer({ behaviour: { silent: true } });
    try {
      const c1 = new RemoteClient(connection(limited));
      expect(await codeOf(c1.generate('m', { ...request, prompt: 'x' }, hooks()))).toMatchObject({ code: 'ENDPOINT_RATE_LIMITED', details: { retryAfterMs: 7000 } });
      const c2 = new RemoteClient(connection(busy));
      expect(await codeOf(c2.models())).toMatchObject({ code: 'ENDPOINT_BAD_RESPONSE' });
      const c3 = new RemoteClient(connection(silent, { timeoutMs: 300 }));
      expect(await codeOf(c3.generate('m', { ...request, prompt: 'x' }, hooks()))).toMatchObject({ code: 'ENDPOINT_TIMEOUT', details: { timeoutMs: 300 } });
      for (const c of [c1, c2, c3]) c.close();
    } finally {
      await Promise.all([limited.close(), busy.close(), silent.close()]);
    }
    const gone = await startPeer();
    await gone.close();
    const c4 = new RemoteClient(connection(gone));
    expect(await codeOf(c4.models())).toMatchObject({ code: 'ENDPOINT_UNREACHABLE' });
    c4.close();
  });
});

describe('TLS with a private CA', () => {
  const temp = tempDir();
  let peer: Peer;
  let ca: ReturnType<typeof privateCa>;
  beforeAll(async () => {
    ca = privateCa(temp.dir);
    peer = await startPeer({ tls: { key: ca.key, cert: ca.cert } });
  });
  afterAll(async () => {
    await peer.close();
    temp.cleanup();
  });

  test('verified against the registered CA; refused without it (verification stays on); off only when asked', async () => {
    const trusted = new RemoteClient(connection(peer, { caPem: ca.caPem }));
    expect((await trusted.models()).length).toBe(2);
    const untrusted = new RemoteClient(connection(peer));
    const refused = await codeOf(untrusted.models());
    expect(refused.code).toBe('ENDPOINT_UNREACHABLE');
    expect((refused as unknown as { message: string }).message).toMatch(/TLS.*--ca FILE/);
    const insecure = new RemoteClient(connection(peer, { rejectUnauthorized: false }));
    expect((await insecure.models()).length).toBe(2);
    for (const c of [trusted, untrusted, insecure]) c.close();
  });
});

describe('the gateway door routes by the model entry', () => {
  let peer: Peer;
  beforeAll(async () => {
    peer = await startPeer();
  });
  afterAll(async () => peer.close());

  test('a remote model runs on its endpoint; its context comes from /props, else the trained context, else the configured one', async () => {
    const { Gateway, DEFAULT_REMOTE_CONTEXT } = await import('../../electron/core/gateway/gateway.js');
    const client = new RemoteClient(connection(peer));
    let configured: number | null = null;
    const remotes = { client: () => client, configuredContext: () => configured };
    // The local provider is never reached for a remote model: any call to it fails the test.
    const local = new Proxy({}, { get: () => () => { throw new Error('the local provider was called for a remote model'); } });
    const gateway = new Gateway(local as never, remotes);
    const model = { remote: { endpointId: 'e1', modelId: 'tiny-chat' }, contextLength: 2048 } as never;
    const spec = {} as never;
    const result = await gateway.generate({ model, spec }, { ...request, prompt: 'Once' }, hooks());
    expect(result.text).toBe('Once upon a time there was');
    expect(await gateway.countTokens({ model, spec }, ['a b c'])).toEqual([3]);
    expect(await gateway.contextWindow({ model, spec }, 8192)).toBe(1024);

    // A server without /props (vLLM): the trained context from /v1/models, then the endpoint's setting, then 4096.
    const plain = await startPeer();
    try {
      const noProps = new Gateway(local as never, { client: () => new RemoteClient(connection({ ...plain, url: `${plain.url}/no-props` } as Peer)), configuredContext: () => configured });
      expect(await noProps.contextWindow({ model, spec }, 8192)).toBe(2048);
      configured = 3000;
      const untrained = { remote: { endpointId: 'e2', modelId: 'x' }, contextLength: null } as never;
      expect(await noProps.contextWindow({ model: untrained, spec }, 8192)).toBe(3000);
      configured = null;
      expect(await noProps.contextWindow({ model: { remote: { endpointId: 'e3', modelId: 'x' }, contextLength: null } as never, spec }, 8192)).toBe(DEFAULT_REMOTE_CONTEXT);
    } finally {
      await plain.close();
      client.close();
    }
  });
});
