import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../electron/server/server.js';
import { models, tempDir } from './helpers/fixtures.js';

/** A raw request, so tests can send the Host and Origin headers a browser or an attacker would. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('headless HTTP server', () => {
  const temp = tempDir();
  let server: RunningServer;
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${server.token}` });
  const rpc = async (method: string, params: unknown, headers: Record<string, string> = auth()) =>
    raw(`${server.origin}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(params) });

  beforeAll(async () => {
    server = await startServer({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  test('binds loopback and prints a URL carrying a fresh token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  test('requests without the token get 401, with a wrong token too', async () => {
    expect((await rpc('models.list', {}, {})).status).toBe(401);
    expect((await rpc('models.list', {}, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await raw(`${server.origin}/events`)).status).toBe(401);
    // The page itself is public (it shows what to do); every call it makes is checked.
    expect((await raw(`${server.origin}/`, { headers: { Accept: 'text/html' } })).status).not.toBe(401);
  });

  test('the token in the URL is exchanged for an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await raw(server.url);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await rpc('app.info', {}, { Cookie: cookie.split(';')[0] ?? '' });
    expect(withCookie.status).toBe(200);
  });

  test('a foreign Host (DNS rebinding) and a foreign Origin are refused; no CORS headers are sent', async () => {
    expect((await rpc('models.list', {}, { ...auth(), Host: 'evil.example:80' })).status).toBe(421);
    const crossSite = await rpc('models.list', {}, { ...auth(), Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    const ok = await rpc('models.list', {}, { ...auth(), Origin: server.origin });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    expect(ok.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  test('RPC answers with Result bodies and maps error codes to HTTP statuses', async () => {
    const info = await rpc('app.info', {});
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { vecVersion: expect.stringMatching(/^v/) } });
    const unknown = await rpc('nope.nothing', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = await rpc('inference.generate', { model: 'x', prompt: '' });
    expect(invalid.status).toBe(400);
    const badJson = await raw(`${server.origin}/rpc/models.list`, { method: 'POST', headers: auth(), body: '{nope' });
    expect(badJson.status).toBe(400);
  });

  test('events arrive over SSE while a job runs in the core worker', async () => {
    const events: Array<{ topic: string; data: { jobId?: string } }> = [];
    const controller = new AbortController();
    const stream = await fetch(`${server.origin}/events`, { headers: auth(), signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += Buffer.from(value).toString();
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    })().catch(() => undefined);
    const started = JSON.parse((await rpc('models.import', { path: models.stories })).body) as { value: { jobId: string } };
    const waited = JSON.parse((await rpc('jobs.wait', { jobId: started.value.jobId })).body) as { ok: boolean; value: { name: string } };
    expect(waited).toMatchObject({ ok: true, value: { name: 'stories260K' } });
    await expect.poll(() => events.some((e) => e.topic === 'jobs.succeeded' && e.data.jobId === started.value.jobId)).toBe(true);
    expect(events.some((e) => e.topic === 'models.changed')).toBe(true);
    controller.abort();
    await reading;
  });
});
