import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LlamaEngine } from '../native/llama/llama-engine.js';
import type { GenerateRequest, ModelSpec } from '../native/llama/protocol.js';
import { models } from './helpers/fixtures.js';

const spec = (overrides: Partial<ModelSpec> = {}): ModelSpec => ({
  modelId: 'stories', name: 'stories260K', path: models.stories, sizeBytes: 1_185_376, vocabOnly: false,
  threads: 'auto', contextSize: 2048, sequences: 2, ...overrides,
});
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: 'Once upon a time', maxTokens: 48, temperature: 0, topP: 0.95, topK: 40, stop: [], ...overrides,
});
const noHooks = () => ({ onText: () => undefined, signal: new AbortController().signal });

describe('llama.cpp engine with a real model (stories260K)', () => {
  let engine: LlamaEngine;
  beforeAll(async () => {
    engine = await LlamaEngine.create('auto');
  });
  afterAll(async () => {
    await engine.unload('stories');
    await engine.unload('tiny');
  });

  test('temperature 0 continues "Once upon a time" deterministically, about a girl named Lily', async () => {
    const first = await engine.generate(spec(), request(), noHooks());
    const second = await engine.generate(spec(), request(), noHooks());
    expect(first.text).toContain('Lily');
    expect(first.text).toBe(second.text);
    expect(first.mode).toBe('completion');
    expect(first.promptTokens).toBeGreaterThan(0);
    expect(first.completionTokens).toBe(48);
    expect(first.stopReason).toBe('maxTokens');
    expect(first.tokensPerSecond).toBeGreaterThan(0);
  });

  test('a seed makes sampling at temperature > 0 repeatable', async () => {
    const a = await engine.generate(spec(), request({ temperature: 1, seed: 42 }), noHooks());
    const b = await engine.generate(spec(), request({ temperature: 1, seed: 42 }), noHooks());
    expect(a.text).toBe(b.text);
  });

  test('text streams in pieces that add up to the result', async () => {
    let streamed = '';
    const result = await engine.generate(spec(), request(), { onText: (t) => (streamed += t), signal: new AbortController().signal });
    expect(streamed).toBe(result.text);
  });

  test('stop sequences end the generation', async () => {
    let streamed = '';
    const result = await engine.generate(spec(), request({ maxTokens: 200, stop: ['named Lily', 'zzz-never'] }), { onText: (t) => (streamed += t), signal: new AbortController().signal });
    expect(result.stopReason).toBe('stopSequence');
    expect(result.text).toBe(', there was a little girl ');
    // Text that might start a stop sequence is held back, so the stream never shows what the result drops.
    expect(streamed).toBe(result.text);
  });

  test('embeddings have the model dimension (64) and are batched', async () => {
    const result = await engine.embed(spec(), ['a cat sat on the mat', 'the dog ran', 'hello']);
    expect(result.dimensions).toBe(64);
    expect(result.vectors).toHaveLength(3);
    for (const vector of result.vectors) expect(vector).toHaveLength(64);
  });

  test('output constrained to a JSON schema parses and satisfies it', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' }, happy: { type: 'boolean' } }, required: ['name', 'age', 'happy'] };
    const result = await engine.generate(spec(), request({ prompt: 'Tell me about Lily:', maxTokens: 120, jsonSchema: schema }), noHooks());
    const parsed = JSON.parse(result.text) as Record<string, unknown>;
    expect(typeof parsed.name).toBe('string');
    expect(Number.isInteger(parsed.age)).toBe(true);
    expect(typeof parsed.happy).toBe('boolean');
  });

  test('cancel stops a generation within one token', async () => {
    const controller = new AbortController();
    let tokensAtCancel = 0;
    const result = await engine.generate(spec(), request({ maxTokens: 1000 }), {
      signal: controller.signal,
      onText: (_text, completionTokens) => {
        if (completionTokens >= 5 && !controller.signal.aborted) {
          tokensAtCancel = completionTokens;
          controller.abort();
        }
      },
    });
    expect(result.stopReason).toBe('cancelled');
    expect(result.completionTokens - tokensAtCancel).toBeLessThanOrEqual(1);
  });

  test('two sequences generate concurrently on one loaded model', async () => {
    const active = new Set<string>();
    let overlapped = false;
    const run = (name: string, prompt: string) =>
      engine.generate(spec(), request({ prompt, maxTokens: 64 }), {
        signal: new AbortController().signal,
        onText: () => {
          active.add(name);
          if (active.size === 2) overlapped = true;
        },
      }).finally(() => active.delete(name));
    const [a, b] = await Promise.all([run('a', 'Once upon a time'), run('b', 'The little dog')]);
    expect(overlapped).toBe(true);
    expect(a.text).toContain('Lily');
    expect(b.text).not.toBe(a.text);
  });

  test('cases in flight decode together and give the same greedy text as one at a time', async () => {
    const four = spec({ modelId: 'stories-4', sequences: 4 });
    const prompts = ['Once upon a time', 'The little dog', 'Tom had a red ball', 'One day, a cat', 'The sun was', 'Lily and Ben'];
    const generate = (prompt: string, i: number) => engine.generate(four, request({ prompt, maxTokens: 16 + 8 * i }), noHooks());
    try {
      const alone: string[] = [];
      for (const [i, prompt] of prompts.entries()) alone.push((await generate(prompt, i)).text);
      // Six requests on four sequences: two wait for a free one, then join the steps of the others.
      const together = await Promise.all(prompts.map(generate));
      expect(together.map((r) => r.text)).toEqual(alone);
    } finally {
      await engine.unload('stories-4');
    }
  });

  test('a chat template in the file is used for messages', async () => {
    const tiny = spec({ modelId: 'tiny', name: 'tiny-random-llama', path: models.tinyLlama, sizeBytes: 1_750_560 });
    const result = await engine.generate(tiny, request({ prompt: undefined, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], maxTokens: 8 }), noHooks());
    expect(result.completionTokens).toBeGreaterThan(0);
    expect(['chat', 'completion']).toContain(result.mode);
  });

  test('messages to a model without a template become a plain transcript', async () => {
    const result = await engine.generate(spec(), request({ prompt: undefined, messages: [{ role: 'user', content: 'Tell me a story' }], maxTokens: 16 }), noHooks());
    expect(result.mode).toBe('completion');
    expect(result.completionTokens).toBeGreaterThan(0);
  });

  test('a vocabulary-only GGUF counts tokens but refuses to generate', async () => {
    const vocab = spec({ modelId: 'vocab', name: 'ggml-vocab-llama-spm', path: models.vocabLlama, sizeBytes: 723_869, vocabOnly: true });
    expect(await engine.countTokens(vocab, ['Hello world', ''])).toEqual([expect.any(Number), 0]);
    await expect(engine.generate(vocab, request(), noHooks())).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await engine.unload('vocab');
  });
});
