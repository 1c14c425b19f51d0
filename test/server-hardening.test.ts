import { request as httpRequest, type ClientRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../electron/server/server.js';
import { tempDir } from './helpers/fixtures.js';

interface Answer {
  status: number;
  body: string;
}

/** Sends a request and lets `send` write (or withhold) the body; resolves with the answer, rejects on a reset. */
function exchange(url: string, options: { method?: string; headers?: Record<string, string | number> }, send: (req: ClientRequest) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    send(req);
  });
}

/** A request line exactly as written (no client-side normalisation of `//` or `%`). */
function rawRequestLine(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

// Issue 10.9: the HTTP shell's answers to malformed, oversized, unauthenticated and cross-origin requests.
describe('HTTP server hardening', () => {
  const temp = tempDir();
  let server: RunningServer;
  let port: number;
  const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${server.token}` });

  beforeAll(async () => {
    server = await startServer({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, port: 0 });
    port = Number(new URL(server.origin).port);
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  test('malformed percent-escapes and targets answer 400, not 500', async () => {
    for (const target of ['/%', '/%zz/app.js', '/%E0%A4%A', '//']) {
      expect(await rawRequestLine(port, target)).toMatch(/^HTTP\/1\.1 400 /);
    }
    const rpc = await exchange(`${server.origin}/rpc/app.%info`, { headers: { ...bearer(), 'Content-Type': 'application/json' } }, (req) => req.end('{}'));
    expect(rpc.status).toBe(400);
    expect(JSON.parse(rpc.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('a 50 MB body gets 413 with a JSON error, declared or streamed, and the connection is not reset', async () => {
    const fifty = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const declared = await exchange(`${server.origin}/rpc/app.info`, { headers: { ...bearer(), 'Content-Type': 'application/json', 'Content-Length': fifty.length } }, (req) => req.end(fifty));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('16 MB') } });
    const streamed = await exchange(`${server.origin}/rpc/app.info`, { headers: { ...bearer(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (req) => {
      for (let offset = 0; offset < fifty.length; offset += 1024 * 1024) req.write(fifty.subarray(offset, offset + 1024 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The server is still serving.
    const after = await exchange(`${server.origin}/rpc/app.info`, { headers: { ...bearer(), 'Content-Type': 'application/json' } }, (req) => req.end('{}'));
    expect(after.status).toBe(200);
  });

  test('a caller without credentials is refused before its body is read; public methods get a small body', async () => {
    // Headers announce a megabyte that never comes: the answer must not wait for it.
    const unread = await exchange(`${server.origin}/rpc/models.list`, { headers: { 'Content-Type': 'application/json', 'Content-Length': 1024 * 1024 } }, (req) => req.flushHeaders());
    expect(unread.status).toBe(401);
    expect(JSON.parse(unread.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrongToken = await exchange(`${server.origin}/rpc/models.list`, { headers: { Authorization: 'Bearer nope', 'Content-Length': 1024 * 1024 } }, (req) => req.flushHeaders());
    expect(wrongToken.status).toBe(401);
    const bigSignIn = await exchange(`${server.origin}/rpc/auth.signIn`, { headers: { 'Content-Type': 'application/json', 'Content-Length': 1024 * 1024 } }, (req) => req.flushHeaders());
    expect(bigSignIn.status).toBe(413);
  });

  test('/events checks Origin like /rpc; only http:// on this very host and port is same-site', async () => {
    const events = (origin: string) => exchange(`${server.origin}/events`, { method: 'GET', headers: { ...bearer(), Origin: origin } }, (req) => req.end());
    expect((await events('http://evil.example')).status).toBe(403);
    expect((await events(server.origin.replace('http://', 'https://'))).status).toBe(403);
    const rpc = (origin: string) => exchange(`${server.origin}/rpc/app.info`, { headers: { ...bearer(), 'Content-Type': 'application/json', Origin: origin } }, (req) => req.end('{}'));
    expect((await rpc(server.origin.replace('http://', 'https://'))).status).toBe(403);
    expect((await rpc('null')).status).toBe(403);
    expect((await rpc(`http://127.0.0.1:${port + 1}`)).status).toBe(403);
    expect((await rpc(server.origin)).status).toBe(200);
  });
});
