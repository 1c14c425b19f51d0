import net from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installEgressGuard, isLoopback } from '../native/net/egress-guard.js';
import { startServer, type RunningServer } from '../electron/server/server.js';
import { models, tempDir } from './helpers/fixtures.js';

describe('zero egress', () => {
  const temp = tempDir();
  let server: RunningServer;
  const guard = installEgressGuard();

  beforeAll(async () => {
    mkdirSync(path.join(temp.dir, 'docs'));
    writeFileSync(path.join(temp.dir, 'docs', 'a.md'), '# Pumps\n\nThe pump is inspected every 90 days. See https://example.com/manual for details.');
    server = await startServer({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  test('loopback is recognised in every spelling', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['192.0.2.1', '10.0.0.1', 'example.com', '::2', '0.0.0.0']) expect(isLoopback(host), host).toBe(false);
  });

  test('representative flows make no connection except to loopback', async () => {
    const before = guard.attempts.length;
    const rpc = async (method: string, params: unknown): Promise<{ ok: boolean; value: unknown }> => {
      const response = await fetch(`${server.origin}/rpc/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
      return (await response.json()) as { ok: boolean; value: unknown };
    };
    const wait = async (started: { value: unknown }): Promise<unknown> => (await rpc('jobs.wait', started.value)).value;
    await wait(await rpc('models.import', { path: models.stories, approve: true }));
    await wait(await rpc('inference.generate', { model: 'stories260K', prompt: 'Once upon a time', maxTokens: 16 }));
    await rpc('rag.collections.create', { name: 'kb', settings: { embeddingModel: 'stories260K', answer: { model: 'stories260K' } } });
    await wait(await rpc('rag.ingest', { collection: 'kb', paths: [path.join(temp.dir, 'docs')], acl: ['public'] }));
    await rpc('rag.search', { collection: 'kb', query: 'pump inspection' });
    await wait(await rpc('rag.ask', { collection: 'kb', question: 'How often is the pump inspected?' }));
    await rpc('prompts.create', { name: 'tale', user: 'Once upon a time {{hero}}', kind: 'completion', params: { model: 'stories260K', maxTokens: 8 } });
    expect(await wait(await rpc('prompts.run', { ref: 'tale', variables: { hero: 'a fox' } }))).toMatchObject({ name: 'tale', blocked: false });
    const suite = `prompts:\n  - id: tale\n    raw: "Once upon a time {{hero}}"\nproviders:\n  - id: stories260K\n    config: { maxTokens: 8 }\nmetrics: [bleu]\ntests:\n  - vars: { hero: "a cat" }\n    expected: "a cat"\n`;
    expect(await wait(await rpc('eval.runs.start', { suite }))).toMatchObject({ status: 'succeeded' });
    await rpc('audit.export', { format: 'jsonl' });
    const attempts = guard.attempts.slice(before);
    expect(attempts.length).toBeGreaterThan(0); // the flows did connect: to the server, on loopback
    expect(attempts.filter((a) => !a.allowed)).toEqual([]);
  });

  test('a connection anywhere else is refused before a packet is sent', async () => {
    // 192.0.2.0/24 is reserved for documentation: nothing is there, and nothing is sent anyway.
    expect(() => net.connect({ host: '192.0.2.1', port: 443 })).toThrowError(expect.objectContaining({ code: 'EGRESS_BLOCKED' }));
    await expect(fetch('http://192.0.2.1/')).rejects.toThrow();
    expect(guard.attempts.at(-1)).toMatchObject({ host: '192.0.2.1', allowed: false });
    await expect(fetch('https://example.com/')).rejects.toThrow();
    expect(guard.attempts.some((a) => a.host === 'example.com' && !a.allowed)).toBe(true);
  });

  test('a configured remote endpoint is allowed', () => {
    guard.allow('inference.internal.example');
    const socket = net.connect({ host: 'inference.internal.example', port: 8000 });
    socket.on('error', () => undefined); // the name does not resolve here; the guard let it through
    socket.destroy();
    expect(guard.attempts.at(-1)).toMatchObject({ host: 'inference.internal.example', allowed: true });
  });
});
