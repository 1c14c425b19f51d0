import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import type { GenerationResult } from '../../electron/core/contract/schemas.js';
import type { UsageSummary } from '../../electron/core/contract/usage.api.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';
import { startLlamaServer, useLlamaServers, type LlamaServer } from '../helpers/llama-server.js';

/**
 * Fallback, circuit breaking and endpoint limits against real llama-server peers on loopback: endpoint `a` (killed
 * mid-test, later replaced) and endpoint `b` (one request at a time).
 */
describe('gateway policies with real llama-server peers', () => {
  const servers = useLlamaServers(2, { alias: 'stories' });
  const temp = tempDir('enclave-gateway-llama-');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  let replacement: LlamaServer | undefined;
  const generate = (params: Record<string, unknown>) => api.job<GenerationResult>('inference.generate', { prompt: 'Once upon a time', maxTokens: 8, temperature: 0.5, ...params });

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, circuit: { failureThreshold: 2, cooldownMs: 1500 } });
    api = coreClient(core, localContext('test'));
    await api.call('endpoints.add', { name: 'a', baseUrl: servers[0]!.url, discover: true, timeoutMs: 5000 });
    await api.call('endpoints.add', { name: 'b', baseUrl: servers[1]!.url, discover: true, maxConcurrency: 1 });
    for (const ref of ['a/stories', 'b/stories']) await api.call('models.approve', { ref });
    await api.call('routes.set', { name: 'ha', defaultTarget: 'a/stories', fallback: ['b/stories'], retries: 1, backoffMs: 20, timeoutMs: 5000 });
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    await replacement?.stop();
    temp.cleanup();
  });

  test('both endpoints up: the route answers from its primary', async () => {
    const result = await generate({ model: 'ha' });
    expect(result.gateway).toMatchObject({ route: 'ha', target: 'a/stories', attempts: [{ model: 'a/stories', endpoint: 'a', code: null }] });
    expect(result.completionTokens).toBeGreaterThan(0);
  }, 60_000);

  test('endpoint b takes one request at a time: a second waits in its queue, and a cancelled one leaves it', async () => {
    const long = { model: 'b/stories', maxTokens: 48, prompt: 'Once upon a time there was' };
    const [one, two] = await Promise.all([generate(long), generate(long)]);
    const queued = [one.gateway!.queuedMs!, two.gateway!.queuedMs!].sort((x, y) => x - y);
    expect(queued[0]).toBeLessThan(50);
    expect(queued[1]).toBeGreaterThan(0.5 * Math.min(one.totalMs, two.totalMs));

    // A long first request holds b's only slot while the second waits; cancelling the second takes it out of the queue.
    const first = await api.call<{ jobId: string }>('inference.generate', { ...long, maxTokens: 1000, temperature: 0.5 });
    const waiting = await api.call<{ jobId: string }>('inference.generate', { ...long, maxTokens: 64, temperature: 0.5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await api.call('jobs.cancel', { jobId: waiting.jobId });
    expect((await api.failure('jobs.wait', { jobId: waiting.jobId })).code).toBe('CANCELLED');
    const firstResult = await api.call<GenerationResult>('jobs.wait', { jobId: first.jobId });
    expect(firstResult.stopReason).not.toBe('cancelled');
    // The queue is empty again: the next request starts at once.
    expect((await generate({ model: 'b/stories' })).gateway!.queuedMs).toBeLessThan(50);
  }, 90_000);

  test('the primary is killed: requests fall back to b, the circuit opens (a is skipped at once), then recovers', async () => {
    servers[0]!.kill();
    const failedOver = await generate({ model: 'ha' });
    expect(failedOver.gateway!.target).toBe('b/stories');
    expect(failedOver.gateway!.attempts.map((a) => [a.endpoint, a.code, a.retry])).toEqual([['a', 'ENDPOINT_UNREACHABLE', 0], ['a', 'ENDPOINT_UNREACHABLE', 1], ['b', null, 0]]);

    // Two failures opened a's breaker: the next request does not wait for a at all.
    const skipped = await generate({ model: 'ha' });
    expect(skipped.gateway!.attempts.map((a) => [a.endpoint, a.code])).toEqual([['a', 'CIRCUIT_OPEN'], ['b', null]]);
    expect(skipped.gateway!.attempts[0]!.ms).toBe(0);

    // a comes back (a new server on a new port); after the cooldown one probe request goes to it and closes the circuit.
    replacement = await startLlamaServer({ alias: 'stories' });
    await api.call('endpoints.update', { name: 'a', baseUrl: replacement.url });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const recovered = await generate({ model: 'ha' });
    expect(recovered.gateway!.attempts.map((a) => [a.endpoint, a.code])).toEqual([['a', null]]);
    expect((await generate({ model: 'ha' })).gateway!.target).toBe('a/stories');

    const usage = await api.call<UsageSummary>('usage.summary', { since: '1h', by: 'endpoint' });
    expect(usage.rows.map((r) => r.key).sort()).toEqual(['a', 'b']);
    expect(usage.routes[0]!.targets.map((t) => t.target).sort()).toEqual(['a/stories', 'b/stories']);
  }, 120_000);
});
