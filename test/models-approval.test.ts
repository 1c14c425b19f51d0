import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ModelDependant, ModelEvent } from '../electron/core/contract/models.api.js';
import type { Model } from '../electron/core/contract/schemas.js';
import { localContext } from '../electron/core/contract/context.js';
import { createInProcessCore, type CoreHandle } from '../electron/core/host/core-handle.js';
import { as, coreClient } from '../electron/core/host/core-client.js';
import { assertMayRun, type ModelUse } from '../electron/core/models/approval-gate.js';
import { models, tempDir } from './helpers/fixtures.js';

// Approval is a workflow the core enforces on every path, not a label: each path and role is checked here on a
// real core with a real model.
const admin = localContext('test');
const analyst = as('ana');
const generate = { prompt: 'Once upon a time', maxTokens: 4, temperature: 0 };

describe('the approval gate decides where a model may run', () => {
  test('rejected and retired never run; pending only where models are evaluated', () => {
    const cases: Array<[Model['approval'], string | null, ModelUse, string | null]> = [
      ['approved', null, 'production', null],
      ['approved', null, 'evaluation', null],
      ['pending', null, 'evaluation', null],
      ['pending', null, 'production', 'MODEL_NOT_APPROVED'],
      ['rejected', null, 'evaluation', 'MODEL_NOT_APPROVED'],
      ['rejected', null, 'production', 'MODEL_NOT_APPROVED'],
      ['approved', '2026-01-01T00:00:00Z', 'evaluation', 'MODEL_RETIRED'],
    ];
    for (const [approval, retiredAt, use, expected] of cases) {
      let code: string | null = null;
      try {
        assertMayRun({ name: 'm', approval, retiredAt }, use);
      } catch (error) {
        code = (error as { code: string }).code;
      }
      expect(code, `${approval}${retiredAt ? ' retired' : ''} in ${use}`).toBe(expected);
    }
  });
});

describe('model approval, retirement and removal on a real core', () => {
  const temp = tempDir();
  const docs = path.join(temp.dir, 'docs');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  let stories: Model;

  beforeAll(async () => {
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'pump.md'), '# Pump\n\nThe coolant pump is inspected every 90 days.');
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, admin);
    stories = await api.job<Model>('models.import', { path: models.stories, name: 'stories' });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('an imported model starts pending: evaluators may try it, production paths refuse it, naming status and approver', async () => {
    expect(stories.approval).toBe('pending');
    expect((await api.job<{ text: string }>('inference.generate', { model: 'stories', ...generate }, admin)).text.length).toBeGreaterThan(0);
    const refused = await api.jobFailure('inference.generate', { model: 'stories', ...generate }, analyst);
    expect(refused.code).toBe('MODEL_NOT_APPROVED');
    expect(refused.message).toMatch(/"stories" is pending/);
    expect(refused.details).toMatchObject({ model: 'stories', status: 'pending', approverRoles: ['admin'] });
    const collection = await api.failure('rag.collections.create', { name: 'c', settings: { embeddingModel: 'stories' } });
    expect(collection.code).toBe('MODEL_NOT_APPROVED');
    expect(collection.message).toMatch(/embedding model of a collection/);
  });

  test('approving records who, when and why; production paths then run it', async () => {
    expect((await api.failure('models.approve', { ref: 'stories', reason: 'ok' }, analyst)).code).toBe('FORBIDDEN');
    const approved = await api.call<Model>('models.approve', { ref: 'stories', reason: 'passed the golden set' });
    expect(approved.approval).toBe('approved');
    const history = await api.call<ModelEvent[]>('models.history', { ref: 'stories' });
    expect(history.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['imported', admin.user, null],
      ['approved', admin.user, 'passed the golden set'],
    ]);
    // Audit entries are written in batches: wait for this one to land.
    const approvals = async () => (await api.call<{ entries: Array<{ actor: string }> }>('audit.list', { action: 'models.approve' })).entries.map((e) => e.actor);
    await expect.poll(approvals).toContain(admin.user);
    expect((await api.job<{ text: string }>('inference.generate', { model: 'stories', ...generate }, analyst)).text.length).toBeGreaterThan(0);
    await api.call('rag.collections.create', { name: 'handbook', settings: { embeddingModel: 'stories', answer: { model: 'stories' } } });
    await api.job('rag.ingest', { collection: 'handbook', paths: [docs], acl: ['public'] });
  });

  test('rejecting needs a reason and, when a collection depends on the model, an explicit confirmation', async () => {
    expect((await api.failure('models.reject', { ref: 'stories' })).code).toBe('INVALID_INPUT');
    const warned = await api.failure('models.reject', { ref: 'stories', reason: 'licence withdrawn' });
    expect(warned.code).toBe('MODEL_IN_USE');
    expect(warned.message).toMatch(/collection "handbook"/);
    expect((warned.details as { dependants: ModelDependant[] }).dependants.map((d) => d.kind)).toEqual(['collection-embedding', 'collection-answer']);
    const rejected = await api.call<Model>('models.reject', { ref: 'stories', reason: 'licence withdrawn', confirm: true });
    expect(rejected.approval).toBe('rejected');
  });

  test('a rejected model never runs, for an administrator either, and nothing ingests or searches with it', async () => {
    expect((await api.jobFailure('inference.generate', { model: 'stories', ...generate }, admin)).code).toBe('MODEL_NOT_APPROVED');
    expect((await api.failure('inference.embed', { model: 'stories', texts: ['x'] }, admin)).code).toBe('MODEL_NOT_APPROVED');
    expect((await api.failure('rag.search', { collection: 'handbook', query: 'pump', mode: 'vector' })).code).toBe('MODEL_NOT_APPROVED');
    expect((await api.jobFailure('rag.ask', { collection: 'handbook', question: 'How often is the coolant pump inspected?' })).code).toBe('MODEL_NOT_APPROVED');
    // Other settings of the collection still change: a model kept from before is not judged again.
    await api.call('rag.collections.update', { collection: 'handbook', settings: { retrieval: { k: 4 } } });
    await api.call('models.approve', { ref: 'stories', reason: 'licence restored' });
  });

  test('a model in use cannot be removed; retiring keeps it resolvable and stops it running', async () => {
    const inUse = await api.failure('models.remove', { ref: 'stories' });
    expect(inUse.code).toBe('MODEL_IN_USE');
    expect(inUse.message).toMatch(/Retire it instead/);
    expect((await api.call<{ dependants: ModelDependant[] }>('models.usage', { ref: 'stories' })).dependants.map((d) => d.label)).toContain('collection "handbook" (embedding model)');
    const retired = await api.call<Model>('models.retire', { ref: 'stories', reason: 'replaced', confirm: true });
    expect(retired.retiredAt).toBeTruthy();
    expect((await api.call<Model[]>('models.list', {})).map((m) => m.name)).toContain('stories');
    expect((await api.call<Model[]>('models.list', { includeRetired: false })).map((m) => m.name)).not.toContain('stories');
    expect((await api.call<Model>('models.get', { ref: stories.id })).id).toBe(stories.id);
    expect((await api.jobFailure('inference.generate', { model: 'stories', ...generate })).code).toBe('MODEL_RETIRED');
    expect((await api.failure('rag.collections.create', { name: 'new', settings: { answer: { model: 'stories' } } })).code).toBe('MODEL_RETIRED');
    await api.call('models.reinstate', { ref: 'stories' });
  });

  test('re-importing a removed file restores the same entry with its history', async () => {
    const copy = path.join(temp.dir, 'tiny.gguf');
    copyFileSync(models.tinyLlama, copy);
    const tiny = await api.job<Model>('models.import', { path: copy, name: 'tiny', approve: true, reason: 'lab test' });
    expect(tiny.approval).toBe('approved');
    expect(await api.call('models.remove', { ref: 'tiny' })).toEqual({ removed: tiny.id });
    expect((await api.failure('models.get', { ref: 'tiny' })).code).toBe('MODEL_NOT_FOUND');
    const again = await api.job<Model>('models.import', { path: copy });
    expect(again).toMatchObject({ id: tiny.id, name: 'tiny', approval: 'approved' });
    expect((await api.call<ModelEvent[]>('models.history', { ref: 'tiny' })).map((e) => e.action)).toEqual(['imported', 'approved', 'removed', 'restored']);
    // Approving in the import step needs the permission: refused before anything is imported.
    expect((await api.failure('models.import', { path: models.vocabBert, approve: true }, analyst)).code).toBe('FORBIDDEN');
  });

  test('a job cancelled while its model is still loading ends cancelled, not succeeded', async () => {
    // "tiny" has never run in this core: the cancel arrives while the host is still loading it.
    const { jobId } = await api.call<{ jobId: string }>('inference.generate', { model: 'tiny', prompt: 'Hello', maxTokens: 64 });
    expect(await api.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect((await api.failure('jobs.wait', { jobId })).code).toBe('CANCELLED');
    expect((await api.call<{ state: string }>('jobs.get', { jobId })).state).toBe('cancelled');
  });
});
