import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import type { GenerationResult } from '../../electron/core/contract/schemas.js';
import type { Route, UsageSummary } from '../../electron/core/contract/usage.api.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import type { EvalRun } from '../../electron/core/contract/eval.api.js';
import { storiesModel, storySuite } from '../eval/helpers/fixtures.js';
import { models, tempDir } from '../helpers/fixtures.js';

/** The gateway's policies through the real core: real SQLite, real local models (stories small, tiny-random large). */
describe('gateway policies on the core', () => {
  const temp = tempDir('enclave-gateway-');
  const storiesCopy = path.join(temp.dir, 'stories-copy.gguf');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const admin = localContext('test');
  const ann = as('ann', ['sales']);
  const greedy = { maxTokens: 8, temperature: 0 };

  beforeAll(async () => {
    copyFileSync(models.stories, storiesCopy);
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, admin);
    await api.job('models.import', { path: storiesCopy, name: 'small', approve: true });
    await api.job('models.import', { path: models.tinyLlama, name: 'large', approve: true });
  }, 60_000);
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a route picks the small model for a short simple prompt and the large one otherwise; shares and saving are reported', async () => {
    const route = await api.call<Route>('routes.set', { name: 'auto', rules: [{ target: 'small', maxPromptTokens: 40, maxComplexity: 0.3 }], defaultTarget: 'large', fallback: [] });
    expect(route).toMatchObject({ name: 'auto', timeoutMs: 30_000, retries: 2, updatedBy: 'local' });
    await api.call('prices.set', { endpoint: 'local', model: 'large', perComputeSecond: 1, per1kInput: 10, per1kOutput: 10 });
    await api.call('prices.set', { endpoint: 'local', model: 'small', per1kInput: 1, per1kOutput: 1 });

    const simple = await api.job<GenerationResult>('inference.generate', { model: 'auto', prompt: 'Once upon a time', ...greedy, temperature: 0.8 });
    expect(simple.gateway).toMatchObject({ route: 'auto', target: 'small', cache: 'bypass', attempts: [{ model: 'small', endpoint: 'local', code: null }] });
    const complex = await api.job<GenerationResult>('inference.generate', { model: 'auto', prompt: `Explain step by step why ${'the story goes on and on. '.repeat(20)}`, ...greedy, temperature: 0.8 });
    expect(complex.gateway).toMatchObject({ route: 'auto', target: 'large' });
    expect(complex.gateway!.complexity).toBeGreaterThan(0);
    expect(await api.call('routes.explain', { name: 'auto', prompt: 'Once upon a time' })).toMatchObject({ target: 'small', rule: 0 });

    const summary = await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'model' });
    const auto = summary.routes.find((r) => r.route === 'auto')!;
    expect(auto.requests).toBe(2);
    expect(auto.targets.map((t) => [t.target, t.share])).toEqual(expect.arrayContaining([['small', 0.5], ['large', 0.5]]));
    expect(auto.costIfLargest).toBeGreaterThan(auto.cost);
    expect(auto.saving).toBeCloseTo(auto.costIfLargest - auto.cost, 6);
    expect(summary.rows.map((r) => r.key).sort()).toEqual(['large', 'small']);
    // Token counts come from the model's own result, cost from the local price table.
    const small = summary.rows.find((r) => r.key === 'small')!;
    expect(small.tokensIn).toBe(simple.promptTokens);
    expect(small.cost).toBeCloseTo((simple.promptTokens + simple.completionTokens) / 1000, 6);
  }, 60_000);

  test('a repeated deterministic request is a cache hit with the same answer; a sampled one is not cached', async () => {
    const first = await api.job<GenerationResult>('inference.generate', { model: 'small', prompt: 'The cat', ...greedy });
    const second = await api.job<GenerationResult>('inference.generate', { model: 'small', prompt: 'The cat', ...greedy });
    expect(first.gateway!.cache).toBe('miss');
    expect(second.gateway!.cache).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.gateway!.attempts).toEqual([]);
    const other = await api.job<GenerationResult>('inference.generate', { model: 'small', prompt: 'The cat', ...greedy, maxTokens: 9 });
    expect(other.gateway!.cache).toBe('miss');
    const summary = await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'user' });
    expect(summary.cache.hits).toBe(1);
    expect(summary.cache.lookups).toBe(3);
    expect(summary.cache.hitRate).toBeCloseTo(1 / 3, 5);
    expect((await api.call<{ removed: number }>('usage.cache.clear', { model: 'small' })).removed).toBe(2);
  }, 60_000);

  test('an eval run measures the model: its deterministic cases are never served from, nor written to, the cache', async () => {
    const suite = storySuite(3, 4).replace(storiesModel, 'small');
    const before = (await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'user' })).cache;
    for (let run = 0; run < 2; run++) {
      const finished = await api.job<EvalRun>('eval.runs.start', { suite });
      expect(finished.doneItems).toBe(3);
    }
    const after = (await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'user' })).cache;
    expect(after.hits).toBe(before.hits);
    expect(after.lookups).toBe(before.lookups);
    expect((await api.call<{ removed: number }>('usage.cache.clear', { model: 'small' })).removed).toBe(0);
  }, 60_000);

  test('a quota stops a user with QUOTA_EXCEEDED and its reset time; usage is attributed to the user and their groups', async () => {
    await api.call('quotas.set', { subject: 'user', name: 'ann', tokensPerDay: 5 });
    const ok = await api.job<GenerationResult>('inference.generate', { model: 'small', prompt: 'A dog', maxTokens: 4, temperature: 0.5 }, ann);
    expect(ok.completionTokens).toBeGreaterThan(0);
    // Refused before any model runs: the job fails at once.
    const error = await api.jobFailure('inference.generate', { model: 'small', prompt: 'A dog', maxTokens: 4, temperature: 0.5 }, ann);
    expect(error.code).toBe('QUOTA_EXCEEDED');
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    expect((error.details as { resetAt: string }).resetAt).toBe(tomorrow.toISOString());
    // Her own usage she may read; a group dimension shows the group; nobody else's rows reach her.
    const mine = await api.call<UsageSummary>('usage.summary', { since: '1d', by: 'group' }, ann);
    expect(mine.rows.map((r) => r.key)).toEqual(['sales']);
    const users = await api.call<UsageSummary>('usage.summary', { since: '1d', by: 'user' }, ann);
    expect(users.rows.map((r) => r.key)).toEqual(['ann']);
    expect((await api.failure('quotas.set', { subject: 'user', name: 'ann', tokensPerDay: 500 }, ann)).code).toBe('FORBIDDEN');
    await api.call('quotas.remove', { subject: 'user', name: 'ann' });
    await api.job('inference.generate', { model: 'small', prompt: 'A dog', maxTokens: 4 }, ann);
  }, 60_000);

  test('an API token has its own request limit (QUOTA_EXCEEDED, requestsPerMinute) and its own usage rows', async () => {
    await api.call('users.add', { name: 'tina', password: 'a long password', roles: ['analyst'] });
    const token = await api.call<{ id: string; token: string }>('tokens.create', { name: 'script', permissions: ['inference.run', 'jobs.read', 'account.self'] }, as('tina'));
    const viaToken = { shell: 'http' as const, user: '', groups: [], roles: [], credential: { kind: 'bearer' as const, token: token.token } };
    await api.call('quotas.set', { subject: 'token', name: token.id, requestsPerMinute: 1 });
    await api.job('inference.generate', { model: 'small', prompt: 'A bird', maxTokens: 2, temperature: 0.5 }, viaToken);
    const refused = await api.jobFailure('inference.generate', { model: 'small', prompt: 'A bird', maxTokens: 2, temperature: 0.5 }, viaToken);
    expect(refused).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 'requestsPerMinute' } });
    expect((refused.details as { resetAt: string }).resetAt > new Date().toISOString()).toBe(true);
    // Signed in without the token, tina is not limited by it.
    await api.job('inference.generate', { model: 'small', prompt: 'A bird', maxTokens: 2, temperature: 0.5 }, as('tina'));
    const byToken = await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'token' });
    expect(byToken.rows.find((r) => r.key === token.id)).toMatchObject({ requests: 1 });
  }, 60_000);

  test('RAG: the same question from the same caller is a cache hit; another caller (another access set) is not', async () => {
    const folder = path.join(temp.dir, 'docs');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'pump.md'), '# Pump\n\nThe coolant pump must be inspected every 90 days by a certified engineer.');
    await api.call('rag.collections.create', { name: 'ops', settings: { embeddingModel: 'small', answer: { model: 'small', temperature: 0, maxTokens: 8 } } });
    await api.job('rag.ingest', { collection: 'ops', paths: [folder], acl: ['group:sales'] });
    const bob = as('bob', ['sales']);
    const question = { collection: 'ops', question: 'How often is the coolant pump inspected?' };
    const first = await api.job<{ answer: string }>('rag.ask', question, ann);
    const again = await api.job<{ answer: string }>('rag.ask', question, ann);
    expect(again.answer).toBe(first.answer);
    await api.job('rag.ask', question, bob);
    const byUser = await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'user' });
    const generations = (user: string) => byUser.rows.find((r) => r.key === user)!;
    expect(generations('ann').cacheHits).toBe(1);
    expect(generations('bob')).toMatchObject({ cacheHits: 0 });
    expect(generations('bob').tokensOut).toBeGreaterThan(0);
  }, 90_000);

  test('semantic cache (opt-in per route): a near-identical prompt is served from the cache; it stays within its scope', async () => {
    await api.call('routes.set', { name: 'faq', defaultTarget: 'small', cache: { semantic: { embeddingModel: 'small', threshold: 0.9 } } });
    const first = await api.job<GenerationResult>('inference.generate', { model: 'faq', prompt: 'Once upon a time there was a little cat', ...greedy });
    // stories260K's embeddings put these two at cosine 0.93 and the rocket sentence at 0.68 (measured).
    const near = await api.job<GenerationResult>('inference.generate', { model: 'faq', prompt: 'Once upon a time there was a little dog', ...greedy });
    const far = await api.job<GenerationResult>('inference.generate', { model: 'faq', prompt: 'The rocket launched to Mars at dawn', ...greedy });
    expect(far.gateway!.cache).toBe('miss');
    expect(first.gateway!.cache).toBe('miss');
    expect(near.gateway!.cache).toBe('semantic');
    expect(near.text).toBe(first.text);
    // Other sampling parameters are another scope: never a semantic hit.
    const otherScope = await api.job<GenerationResult>('inference.generate', { model: 'faq', prompt: 'Once upon a time there was a little dog', ...greedy, maxTokens: 5 });
    expect(otherScope.gateway!.cache).toBe('miss');
    expect((await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'route' })).cache.semanticHits).toBe(1);
  }, 60_000);

  test('a route whose primary is dead falls back to the secondary; the attempts say what happened', async () => {
    await api.call('routes.set', { name: 'ha', defaultTarget: 'small', fallback: ['large'], retries: 1, backoffMs: 1 });
    rmSync(storiesCopy);
    const result = await api.job<GenerationResult>('inference.generate', { model: 'ha', prompt: 'Once', ...greedy, temperature: 0.5 });
    expect(result.gateway).toMatchObject({ route: 'ha', target: 'large' });
    expect(result.gateway!.attempts.map((a) => [a.model, a.code])).toEqual([['small', 'MODEL_NOT_FOUND'], ['large', null]]);
    // Without a route the dead model fails as before, with the attempt in the details.
    const failed = await api.jobFailure('inference.generate', { model: 'small', prompt: 'Once', ...greedy });
    expect(failed.code).toBe('MODEL_NOT_FOUND');
  }, 60_000);

  test('routes are administered: list, get, remove; a target must be a library model', async () => {
    expect((await api.call<Route[]>('routes.list', {})).map((r) => r.name)).toEqual(['auto', 'faq', 'ha']);
    expect((await api.failure('routes.set', { name: 'bad', defaultTarget: 'nope' })).code).toBe('MODEL_NOT_FOUND');
    expect((await api.failure('routes.set', { name: 'nested', defaultTarget: 'auto' })).code).toBe('INVALID_INPUT');
    expect((await api.failure('routes.set', { name: 'x', defaultTarget: 'large' }, ann)).code).toBe('FORBIDDEN');
    expect(await api.call('routes.remove', { name: 'ha' })).toEqual({ removed: true });
    expect((await api.failure('routes.get', { name: 'ha' })).code).toBe('ROUTE_NOT_FOUND');
  });
});
