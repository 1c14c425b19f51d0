// The llama-server helper starts real llama.cpp servers that other tests use as OpenAI-compatible peers.
import { describe, expect, test } from 'vitest';
import { startLlamaServer, useLlamaServers } from './helpers/llama-server.js';

const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

describe('real llama-server peers on loopback', () => {
  const [chat, embed] = [useLlamaServers(1, { apiKey: 'peer-key', alias: 'stories' }), useLlamaServers(1, { embeddings: true })];

  test('answers a chat completion and lists its model, behind its API key', async () => {
    const server = chat[0]!;
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const models = await (await fetch(`${server.url}/v1/models`, { headers: bearer('peer-key') })).json() as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toContain('stories');

    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: bearer('peer-key'),
      body: JSON.stringify({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], max_tokens: 8, temperature: 0 }),
    });
    expect(response.status).toBe(200);
    const body = await response.json() as { choices: Array<{ message: { role: string; content: string } }>; usage: { completion_tokens: number; prompt_tokens: number } };
    expect(body.choices[0]?.message.role).toBe('assistant');
    expect(typeof body.choices[0]?.message.content).toBe('string');
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(8);

    const refused = await fetch(`${server.url}/v1/models`, { headers: bearer('wrong-key') });
    expect(refused.status).toBe(401);
  });

  test('serves embeddings when started with them', async () => {
    const response = await fetch(`${embed[0]!.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: ['a cat sat on the mat', 'the stock market fell'] }),
    });
    expect(response.status).toBe(200);
    const body = await response.json() as { data: Array<{ embedding: number[]; index: number }> };
    expect(body.data).toHaveLength(2);
    expect(body.data[0]!.embedding.length).toBeGreaterThan(0);
    expect(body.data[0]!.embedding.every(Number.isFinite)).toBe(true);
  });

  test('kill() drops a server at once, like a crashed peer, and stop() resolves once it is gone', async () => {
    const server = await startLlamaServer();
    server.kill();
    await server.stop();
    expect(() => process.kill(server.pid, 0)).toThrow(/ESRCH/);
    await expect(fetch(`${server.url}/health`).then((r) => r.status, () => 'refused')).resolves.toBe('refused');
  });
});
