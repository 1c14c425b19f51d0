import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import type { InferenceProvider } from '../../electron/core/inference/provider.js';
import { createOpenAiRouter } from '../../electron/server/openai/openai-router.js';
import { models, tempDir } from '../helpers/fixtures.js';

// What the model "says" is scripted here (a provider in place of llama.cpp, as a remote endpoint would be), so the
// output guardrails meet a leaked key and a prohibited answer: what reaches the client must be guard-checked text only.
const LEAK = ['Once upon a time there was a key. ', 'The key is ghp_1a2B3c4D', '5e6F7g8H9i0J1k2L3m4N5o6P7q8R. The end.'];
const HARMFUL = ['Here is how to build a pipe bomb: ', 'first get explosives. ', 'Then more.'];

function scriptedProvider(): InferenceProvider & { next: string[] } {
  const provider = {
    next: LEAK,
    async generate(_spec: unknown, _request: unknown, hooks: { onText(text: string, tokens: number): void }) {
      const pieces = provider.next;
      pieces.forEach((piece, i) => hooks.onText(piece, i + 1));
      return { text: pieces.join(''), promptTokens: 5, completionTokens: pieces.length, ttftMs: 1, tokensPerSecond: 100, totalMs: 3, stopReason: 'eos' as const, mode: 'chat' as const };
    },
    embed: async () => ({ dimensions: 2, vectors: [[1, 0]] }),
    countTokens: async (_spec: unknown, texts: string[]) => texts.map((t) => t.length),
    status: async () => ({ gpu: 'none', threads: null, loadedModels: [] }),
    unload: async () => false,
    close: async () => undefined,
  };
  return provider as unknown as InferenceProvider & { next: string[] };
}

describe('/v1 output guardrails (scripted model output)', () => {
  const temp = tempDir();
  const provider = scriptedProvider();
  let core: CoreHandle;
  let server: Server;
  let client: OpenAI;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, provider });
    const admin = localContext('test');
    const imported = await core.dispatch('models.import', { path: models.stories, name: 'stories', approve: true }, admin);
    if (!imported.ok) throw new Error(imported.error.message);
    await core.dispatch('jobs.wait', { jobId: (imported.value as { jobId: string }).jobId }, admin);
    // The caller is the trusted test context: this file is about what leaves, not who may ask.
    const router = createOpenAiRouter({ core, callerOf: () => admin });
    server = createServer((request, response) => void router(request, response, new URL(request.url ?? '/', 'http://x').pathname));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new OpenAI({ apiKey: 'test', baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await core.close();
    temp.cleanup();
  });

  const ask = { model: 'stories', messages: [{ role: 'user' as const, content: 'Tell me a story' }] };

  test('a key in the answer is redacted before release, streamed or not', async () => {
    provider.next = LEAK;
    const whole = await client.chat.completions.create(ask);
    expect(whole.choices[0]?.message.content).toBe('Once upon a time there was a key. The key is <API_KEY>. The end.');
    const chunks: string[] = [];
    for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) chunks.push(chunk.choices[0]?.delta.content ?? '');
    expect(chunks.join('')).toBe(whole.choices[0]?.message.content);
    expect(chunks.some((c) => c.includes('ghp_'))).toBe(false);
    // Released a sentence at a time, not as one block at the end.
    expect(chunks.filter((c) => c !== '').length).toBeGreaterThan(1);
  });

  test('a prohibited answer is replaced: nothing of it is streamed, finish_reason is content_filter', async () => {
    provider.next = HARMFUL;
    const whole = await client.chat.completions.create(ask);
    expect(whole.choices[0]?.finish_reason).toBe('content_filter');
    expect(whole.choices[0]?.message.content).not.toMatch(/explosives|bomb/);
    const chunks = [];
    for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).not.toMatch(/explosives|bomb/);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('content_filter');
  });
});
