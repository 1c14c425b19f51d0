import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../electron/core/contract/context.js';
import type { AppErrorShape, Result } from '../electron/core/contract/errors.js';
import type { Model } from '../electron/core/contract/schemas.js';
import { createInProcessCore, type CoreHandle } from '../electron/core/host/core-handle.js';
import { startServer, type RunningServer } from '../electron/server/server.js';
import { models, tempDir } from './helpers/fixtures.js';
import { writeHostileGgufs } from './helpers/gguf-hostile.js';

// Security review, issue 10 point 5: crafted GGUF headers killed the server (a 2^31-byte string), grew memory without
// bound (a 2^32-element array) or were accepted as models. Each must be refused with MODEL_INVALID, and nothing
// else may change: the library stays empty, the server keeps answering, real models still import.

describe('hostile GGUF files through the real core', () => {
  const temp = tempDir('enclave-hostile-core-');
  const hostile = writeHostileGgufs(readFileSync(models.stories), temp.dir);
  let core: CoreHandle;
  const ctx = localContext('test');
  const importModel = async (file: string): Promise<Result<Model>> => {
    const started = await core.dispatch('models.import', { path: file }, ctx);
    if (!started.ok) return started;
    return (await core.dispatch('jobs.wait', { jobId: (started.value as { jobId: string }).jobId }, ctx)) as Result<Model>;
  };

  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: path.join(temp.dir, 'no-models') });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test.each(hostile.map((h) => [h.name, h] as const))('%s is refused with MODEL_INVALID', async (_name, h) => {
    const result = await importModel(h.file);
    expect(result).toMatchObject({ ok: false, error: { code: 'MODEL_INVALID', message: expect.stringMatching(h.reason) } });
  });

  test('nothing was written, and every real model still imports', async () => {
    expect(await core.dispatch('models.list', {}, ctx)).toEqual({ ok: true, value: [] });
    for (const file of Object.values(models)) expect(await importModel(file), file).toMatchObject({ ok: true });
  });
});

describe('hostile GGUF files through the real HTTP server', () => {
  const temp = tempDir('enclave-hostile-server-');
  const hostile = writeHostileGgufs(readFileSync(models.stories), temp.dir);
  let server: RunningServer;
  const rpc = async (method: string, params: unknown): Promise<{ status: number; body: Result<unknown> }> => {
    const response = await fetch(`${server.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(params),
    });
    return { status: response.status, body: (await response.json()) as Result<unknown> };
  };

  beforeAll(async () => {
    server = await startServer({ dataDir: path.join(temp.dir, 'data'), modelsDir: path.join(temp.dir, 'no-models'), port: 0 });
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  test('each is refused with MODEL_INVALID (400) and the server answers the next request', async () => {
    for (const h of hostile) {
      const started = await rpc('models.import', { path: h.file });
      expect(started.body, h.name).toMatchObject({ ok: true });
      const waited = await rpc('jobs.wait', { jobId: (started.body as { value: { jobId: string } }).value.jobId });
      expect(waited.status, h.name).toBe(400);
      expect((waited.body as { error: AppErrorShape }).error, h.name).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(h.reason) });
      expect((await rpc('app.info', {})).status, `the server after ${h.name}`).toBe(200);
    }
    expect((await rpc('models.list', {})).body).toEqual({ ok: true, value: [] });
  });

  test('a real model still imports', async () => {
    const started = await rpc('models.import', { path: models.tinyLlama });
    const waited = await rpc('jobs.wait', { jobId: (started.body as { value: { jobId: string } }).value.jobId });
    expect(waited.body).toMatchObject({ ok: true, value: { architecture: 'llama', vocabOnly: false } });
  });
});
