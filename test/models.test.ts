import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../electron/core/contract/context.js';
import type { Result } from '../electron/core/contract/errors.js';
import type { GenerationResult, Model } from '../electron/core/contract/schemas.js';
import { createInProcessCore, type CoreHandle } from '../electron/core/host/core-handle.js';
import { models, tempDir } from './helpers/fixtures.js';

const ctx = localContext('test');

describe('model library and generation through dispatch', () => {
  const temp = tempDir();
  const modelsDir = path.join(temp.dir, 'models-folder');
  let core: CoreHandle;

  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const result = await core.dispatch(method, params, ctx);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  const failure = async (method: string, params: unknown): Promise<Extract<Result<unknown>, { ok: false }>['error']> => {
    const result = await core.dispatch(method, params, ctx);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error;
  };
  const job = async <T>(method: string, params: unknown): Promise<T> => {
    const { jobId } = await call<{ jobId: string }>(method, params);
    return call<T>('jobs.wait', { jobId });
  };
  const jobFailure = async (method: string, params: unknown) => {
    const { jobId } = await call<{ jobId: string }>(method, params);
    return failure('jobs.wait', { jobId });
  };

  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('import computes the sha256 and reads the GGUF metadata', async () => {
    const model = await job<Model>('models.import', { path: models.stories });
    expect(model).toMatchObject({
      name: 'stories260K',
      sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d',
      sizeBytes: 1_185_376,
      architecture: 'llama',
      contextLength: 2048,
      embeddingLength: 64,
      chatTemplate: null,
      vocabOnly: false,
      role: 'chat',
      approval: 'pending',
    });
    expect(model.parameterCount).toBeGreaterThan(200_000);
    expect(model.quantization).toBeTruthy();
  });

  test('list, inspect, rename, set role and approval, remove', async () => {
    await job<Model>('models.import', { path: models.tinyLlama, name: 'tiny', role: 'judge' });
    expect((await call<Model[]>('models.list', {})).map((m) => m.name)).toEqual(['stories260K', 'tiny']);
    const inspected = await call<Model & { metadata: Record<string, unknown> }>('models.get', { ref: 'tiny' });
    expect(inspected.role).toBe('judge');
    expect(inspected.chatTemplate).toBeNull();
    expect(inspected.metadata).toHaveProperty('general');
    const renamed = await call<Model>('models.update', { ref: inspected.id, name: 'tiny-llama', role: 'chat' });
    expect(renamed).toMatchObject({ name: 'tiny-llama', role: 'chat', approval: 'pending' });
    expect(await call<Model>('models.approve', { ref: 'tiny-llama', reason: 'passed review' })).toMatchObject({ approval: 'approved' });
    expect((await call<Model[]>('models.list', { role: 'chat' })).map((m) => m.name)).toEqual(['stories260K', 'tiny-llama']);
    expect(await call('models.remove', { ref: 'tiny-llama' })).toEqual({ removed: inspected.id });
    expect((await failure('models.get', { ref: 'tiny-llama' })).code).toBe('MODEL_NOT_FOUND');
  });

  test('the same file twice, or a taken name, is refused', async () => {
    expect((await jobFailure('models.import', { path: models.stories, name: 'again' })).code).toBe('MODEL_ALREADY_EXISTS');
    expect((await jobFailure('models.import', { path: models.tinyLlama, name: 'STORIES260k' })).code).toBe('MODEL_ALREADY_EXISTS');
  });

  test('generation through dispatch streams events and returns stats', async () => {
    const texts: string[] = [];
    const unsubscribe = core.subscribe((event) => {
      if (event.topic === 'inference.tokensGenerated') texts.push(event.data.text);
    });
    const result = await job<GenerationResult>('inference.generate', { model: 'stories260K', prompt: 'Once upon a time', maxTokens: 32, temperature: 0 });
    unsubscribe();
    expect(result.text).toContain('Lily');
    expect(texts.join('')).toBe(result.text);
    expect(result.ttftMs).toBeGreaterThan(0);
    expect(result.tokensPerSecond).toBeGreaterThan(0);
    expect(result.completionTokens).toBe(32);
  });

  describe('bad input gives typed errors, writes nothing, and the host keeps serving', () => {
    test('a file that is not GGUF', async () => {
      const file = path.join(temp.dir, 'notes.gguf');
      writeFileSync(file, 'these are not weights\n'.repeat(100));
      const error = await jobFailure('models.import', { path: file });
      expect(error.code).toBe('MODEL_INVALID');
      expect(error.message).toMatch(/not a GGUF model file/);
    });

    test('a truncated GGUF', async () => {
      const file = path.join(temp.dir, 'truncated.gguf');
      const bytes = readFileSync(models.stories);
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const error = await jobFailure('models.import', { path: file });
      expect(error.code).toBe('MODEL_INVALID');
      expect(error.message).toMatch(/truncated/);
    });

    test('a GGUF cut inside its header', async () => {
      const file = path.join(temp.dir, 'header-cut.gguf');
      writeFileSync(file, readFileSync(models.stories).subarray(0, 600));
      expect((await jobFailure('models.import', { path: file })).code).toBe('MODEL_INVALID');
    });

    test('a missing path', async () => {
      expect((await jobFailure('models.import', { path: path.join(temp.dir, 'nowhere.gguf') })).code).toBe('MODEL_NOT_FOUND');
      expect((await jobFailure('inference.generate', { model: path.join(temp.dir, 'nowhere.gguf'), prompt: 'x' })).code).toBe('MODEL_NOT_FOUND');
      expect((await jobFailure('inference.generate', { model: 'no-such-model', prompt: 'x' })).code).toBe('MODEL_NOT_FOUND');
    });

    test('a vocabulary-only GGUF used for generation', async () => {
      const vocab = await job<Model>('models.import', { path: models.vocabBert });
      expect(vocab).toMatchObject({ vocabOnly: true, role: 'embedding', architecture: 'bert' });
      const error = await jobFailure('inference.generate', { model: vocab.name, prompt: 'Hello' });
      expect(error.code).toBe('MODEL_INVALID');
      expect(error.message).toMatch(/vocabulary-only/);
      expect((await call<{ tokens: number }>('inference.countTokens', { model: vocab.name, text: 'hello world' })).tokens).toBeGreaterThan(1);
    });

    test('an empty prompt and a max-tokens of 10 million', async () => {
      const empty = await failure('inference.generate', { model: 'stories260K', prompt: '   ' });
      expect(empty.code).toBe('INVALID_INPUT');
      expect(empty.message).toMatch(/prompt is empty/);
      const huge = await failure('inference.generate', { model: 'stories260K', prompt: 'Hi', maxTokens: 10_000_000 });
      expect(huge.code).toBe('INVALID_INPUT');
      expect(huge.message).toMatch(/maxTokens must be at most/);
    });

    test('a prompt longer than the context', async () => {
      const error = await jobFailure('inference.generate', { model: 'stories260K', prompt: 'the cat sat '.repeat(2000), maxTokens: 4 });
      expect(error.code).toBe('CONTEXT_OVERFLOW');
    });

    test('unknown methods and malformed parameters', async () => {
      expect((await failure('models.explode', {})).code).toBe('UNKNOWN_METHOD');
      expect((await failure('models.import', { path: 42 })).code).toBe('INVALID_INPUT');
    });

    test('nothing was written by the failed imports, and generation still works', async () => {
      expect((await call<Model[]>('models.list', {})).map((m) => m.name).sort()).toEqual(['ggml-vocab-bert-bge', 'stories260K']);
      const result = await job<GenerationResult>('inference.generate', { model: 'stories260K', prompt: 'Once upon a time', maxTokens: 8, temperature: 0 });
      expect(result.completionTokens).toBe(8);
    });
  });

  test('a model file changed after import is refused', async () => {
    const file = path.join(temp.dir, 'swap.gguf');
    copyFileSync(models.tinyLlama, file);
    const imported = await job<Model>('models.import', { path: file, name: 'swap' });
    // Swap the weights behind the library's back: same path, different content.
    writeFileSync(file, readFileSync(models.stories));
    const error = await jobFailure('inference.generate', { model: imported.name, prompt: 'Hi', maxTokens: 2 });
    expect(error.code).toBe('MODEL_MODIFIED');
    await call('models.remove', { ref: 'swap' });
  });

  test('models placed in the models folder are discovered', async () => {
    mkdirSync(modelsDir, { recursive: true });
    copyFileSync(models.vocabLlama, path.join(modelsDir, 'llama-vocab.gguf'));
    writeFileSync(path.join(modelsDir, 'broken.gguf'), 'nope');
    const result = await job<{ folder: string; added: Model[]; skipped: Array<{ code: string }> }>('models.scan', {});
    expect(result.folder).toBe(modelsDir);
    expect(result.added.map((m) => [m.name, m.source])).toEqual([['llama-vocab', 'discovered']]);
    expect(result.skipped.map((s) => s.code)).toEqual(['MODEL_INVALID']);
    const again = await job<{ added: Model[] }>('models.scan', {});
    expect(again.added).toEqual([]);
  });
});
