import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/contract/errors.js';
import type { GenerateInput } from '../../electron/core/contract/schemas.js';
import { cacheKey, cacheScope, isCacheable } from '../../electron/core/gateway/cache/cache-key.js';
import { EndpointLimiter } from '../../electron/core/gateway/limits/rate-limiter.js';
import { RequestLimits } from '../../electron/core/gateway/limits/request-limits.js';
import { BreakerRegistry, CircuitBreaker } from '../../electron/core/gateway/routing/circuit-breaker.js';
import { complexityScore } from '../../electron/core/gateway/routing/complexity.js';
import { isRetryable, retryDelay, runChain } from '../../electron/core/gateway/routing/fallback.js';
import { attemptOrder, chooseTarget, requestFeatures } from '../../electron/core/gateway/routing/route-rules.js';
import { costOf } from '../../electron/core/gateway/usage/prices.repo.js';
import { checkQuotas } from '../../electron/core/gateway/usage/quota-check.js';
import type { Quota } from '../../electron/core/contract/usage.api.js';

const noSleep = async () => undefined;
const signal = new AbortController().signal;

describe('complexity and route rules', () => {
  test('a short plain question scores low, a long multi-part reasoning task with code scores high', () => {
    const simple = complexityScore({ text: 'What is the capital of France?' });
    const complex = complexityScore({
      text: `Explain step by step why the following function is slow, compare two alternative designs and analyse their trade-offs.
1. The answer must cite the line numbers.
2. It should not exceed one page.
\`\`\`ts
function f(xs) { for (const x of xs) { xs.indexOf(x); } }
\`\`\`
${'Context paragraph about the system. '.repeat(200)}`,
      maxTokens: 2048,
    });
    expect(simple).toBeLessThan(0.15);
    expect(complex).toBeGreaterThan(0.6);
    expect(complexityScore({ text: 'What is the capital of France?' })).toBe(simple); // deterministic
  });

  test('the first matching rule wins; no match takes the default; fallback follows the chosen target', () => {
    const route = {
      rules: [
        { target: 'coder', tags: ['code'] },
        { target: 'small', maxPromptTokens: 50, maxComplexity: 0.2 },
      ],
      defaultTarget: 'large',
      fallback: ['large', 'small'],
    };
    expect(chooseTarget(route, requestFeatures('Hi there'))).toEqual({ target: 'small', rule: 1 });
    expect(chooseTarget(route, requestFeatures('Hi there', { tags: ['code'] }))).toEqual({ target: 'coder', rule: 0 });
    expect(chooseTarget(route, requestFeatures('word '.repeat(100)))).toEqual({ target: 'large', rule: null });
    expect(chooseTarget(route, requestFeatures('Explain why, compare and analyse step by step'))).toEqual({ target: 'large', rule: null });
    expect(attemptOrder(route, 'small')).toEqual(['small', 'large']);
  });
});

describe('fallback chain, retries and circuit breaker', () => {
  const unreachable = () => new AppError('ENDPOINT_UNREACHABLE', 'down', { endpoint: 'a' });

  test('a dead primary is retried with backoff, then the secondary answers; every attempt is recorded', async () => {
    const delays: number[] = [];
    const result = await runChain(
      [{ model: 'big', endpoint: 'a' }, { model: 'small', endpoint: 'b' }],
      async (t) => {
        if (t.endpoint === 'a') throw unreachable();
        return 'ok from ' + t.model;
      },
      { timeoutMs: 1000, retries: 2, backoffMs: 100, breakers: new BreakerRegistry({ failureThreshold: 10, cooldownMs: 1000 }), signal, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result.value).toBe('ok from small');
    expect(result.attempts.map((a) => [a.model, a.code, a.retry])).toEqual([['big', 'ENDPOINT_UNREACHABLE', 0], ['big', 'ENDPOINT_UNREACHABLE', 1], ['big', 'ENDPOINT_UNREACHABLE', 2], ['small', null, 0]]);
    expect(delays).toEqual([100, 200]);
  });

  test('a rate-limited endpoint is retried after the delay it asked for; 5xx is retryable, 4xx is not', () => {
    expect(retryDelay(new AppError('ENDPOINT_RATE_LIMITED', 'slow down', { retryAfterMs: 1500 }), 0, 100)).toBe(1500);
    expect(retryDelay(unreachable(), 3, 100)).toBe(800);
    expect(isRetryable(new AppError('ENDPOINT_BAD_RESPONSE', 'x', { status: 502 }))).toBe(true);
    expect(isRetryable(new AppError('ENDPOINT_BAD_RESPONSE', 'x', { status: 400 }))).toBe(false);
  });

  test('a slow target times out (ENDPOINT_TIMEOUT, its signal aborted) and the chain moves on', async () => {
    let aborted = false;
    const result = await runChain(
      [{ model: 'slow', endpoint: 'a' }, { model: 'fast', endpoint: 'b' }],
      (t, s) => t.model === 'slow' ? new Promise((_, reject) => s.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); })) : Promise.resolve('fast'),
      { timeoutMs: 50, retries: 0, backoffMs: 0, breakers: new BreakerRegistry(), signal, sleep: noSleep },
    );
    expect(result.value).toBe('fast');
    expect(result.attempts[0]!.code).toBe('ENDPOINT_TIMEOUT');
    expect(aborted).toBe(true);
  });

  test('the timeout is a first-token deadline: a target that has started streaming may take longer', async () => {
    const result = await runChain(
      [{ model: 'streaming', endpoint: 'a' }],
      async (_t, _s, answering) => {
        answering();
        await new Promise((resolve) => setTimeout(resolve, 80));
        return 'long answer';
      },
      { timeoutMs: 30, retries: 0, backoffMs: 0, breakers: new BreakerRegistry(), signal, sleep: noSleep },
    );
    expect(result.value).toBe('long answer');
  });

  test('a caller error ends the chain (no fallback around governance); all failing throws the last error with attempts', async () => {
    const breakers = new BreakerRegistry();
    await expect(runChain([{ model: 'm', endpoint: 'a' }, { model: 'n', endpoint: 'b' }], async () => { throw new AppError('MODEL_NOT_APPROVED', 'no'); }, { timeoutMs: 100, retries: 2, backoffMs: 0, breakers, signal, sleep: noSleep }))
      .rejects.toMatchObject({ code: 'MODEL_NOT_APPROVED', details: { attempts: [{ model: 'm', code: 'MODEL_NOT_APPROVED' }] } });
    await expect(runChain([{ model: 'm', endpoint: 'a' }], async () => { throw unreachable(); }, { timeoutMs: 100, retries: 1, backoffMs: 0, breakers, signal, sleep: noSleep }))
      .rejects.toMatchObject({ code: 'ENDPOINT_UNREACHABLE', details: { attempts: [{ retry: 0 }, { retry: 1 }] } });
  });

  test('the breaker opens after N failures (requests skip the endpoint), half-opens after the cooldown and closes on success', async () => {
    let now = 0;
    const breakers = new BreakerRegistry({ failureThreshold: 2, cooldownMs: 1000, now: () => now });
    let calls = 0;
    const failing = async () => { calls++; throw unreachable(); };
    const options = { timeoutMs: 100, retries: 0, backoffMs: 0, breakers, signal, sleep: noSleep };
    for (let i = 0; i < 2; i++) await expect(runChain([{ model: 'm', endpoint: 'a' }], failing, options)).rejects.toThrow();
    expect(breakers.for('a').state).toBe('open');
    const skipped = await runChain([{ model: 'm', endpoint: 'a' }, { model: 'n', endpoint: 'b' }], async (t) => { calls++; if (t.endpoint === 'a') throw unreachable(); return 'b'; }, options);
    expect(skipped.attempts[0]).toMatchObject({ code: 'CIRCUIT_OPEN', ms: 0 });
    expect(calls).toBe(3); // the open endpoint was not called
    now = 1000;
    expect(breakers.for('a').state).toBe('half-open');
    const probe = await runChain([{ model: 'm', endpoint: 'a' }], async () => 'back', options);
    expect(probe.value).toBe('back');
    expect(breakers.for('a').state).toBe('closed');
  });

  test('a health check closes an open breaker; a failed probe keeps it open', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 500, now: () => now });
    breaker.failed();
    expect(breaker.admit()).toBe(false);
    expect(await breaker.probe(async () => false)).toBe('open');
    expect(await breaker.probe(async () => true)).toBe('closed');
    expect(breaker.admit()).toBe(true);
  });
});

describe('endpoint limits with queueing', () => {
  test('concurrency queues in order; a cancel leaves the queue; a full queue refuses', async () => {
    const limiter = new EndpointLimiter('e', { concurrency: 1, requestsPerMinute: null, tokensPerMinute: null }, { maxQueued: 2, maxWaitMs: 5000 });
    const first = await limiter.acquire(10);
    const order: string[] = [];
    const second = limiter.acquire(10).then((p) => { order.push('second'); return p; });
    const cancel = new AbortController();
    const cancelled = limiter.acquire(10, cancel.signal);
    expect(limiter.queued).toBe(2);
    await expect(limiter.acquire(10)).rejects.toMatchObject({ code: 'ENDPOINT_RATE_LIMITED' });
    cancel.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(limiter.queued).toBe(1);
    first.release();
    (await second).release();
    expect(order).toEqual(['second']);
    expect(limiter.running).toBe(0);
  });

  test('requests per minute and tokens per minute hold requests until the window frees', async () => {
    let now = 0;
    const limiter = new EndpointLimiter('e', { concurrency: null, requestsPerMinute: 2, tokensPerMinute: 100 }, { maxQueued: 10, maxWaitMs: 120_000, now: () => now });
    (await limiter.acquire(10)).release(10);
    (await limiter.acquire(10)).release(10);
    let granted = false;
    const third = limiter.acquire(10).then((p) => { granted = true; return p; });
    await new Promise((r) => setTimeout(r, 10));
    expect(granted).toBe(false);
    expect(limiter.queued).toBe(1);
    now = 60_001;
    limiter.setLimits({ concurrency: null, requestsPerMinute: 2, tokensPerMinute: 100 }); // wakes the queue as the timer would
    (await third).release(95);
    expect(granted).toBe(true);
    const tpm = limiter.acquire(10); // 95 + 10 > 100 in this minute
    await new Promise((r) => setTimeout(r, 10));
    expect(limiter.queued).toBe(1);
    now = 120_002;
    limiter.setLimits({ concurrency: null, requestsPerMinute: 2, tokensPerMinute: 100 });
    (await tpm).release();
  });

  test('per-caller requests per minute refuse with QUOTA_EXCEEDED and a reset time', () => {
    let now = 1_000_000;
    const limits = new RequestLimits(() => now);
    limits.take('user:ann', 2, 'ann');
    limits.take('user:ann', 2, 'ann');
    expect(() => limits.take('user:ann', 2, 'ann')).toThrow(expect.objectContaining({ code: 'QUOTA_EXCEEDED', details: expect.objectContaining({ resetAt: new Date(1_060_000).toISOString() }) }));
    limits.take('user:bob', 2, 'bob');
    now += 60_001;
    limits.take('user:ann', 2, 'ann');
  });
});

describe('quotas, prices and cache keys', () => {
  const quota = (q: Partial<Quota>): Quota => ({ subject: 'user', name: 'ann', tokensPerDay: null, tokensPerMonth: null, costPerDay: null, costPerMonth: null, maxRequestTokens: null, requestsPerMinute: null, updatedAt: '', updatedBy: '', ...q });
  const now = new Date('2026-03-10T15:00:00Z');

  test('a spent daily quota refuses up front with the next UTC midnight; monthly resets on the 1st; per-request limit', () => {
    const spent = (used: number) => () => ({ tokens: used, cost: 0 });
    expect(() => checkQuotas([quota({ tokensPerDay: 100 })], { promptTokens: 5, maxTokens: 10 }, spent(100), now))
      .toThrow(expect.objectContaining({ code: 'QUOTA_EXCEEDED', details: expect.objectContaining({ resetAt: '2026-03-11T00:00:00.000Z', limit: 'tokensPerDay' }) }));
    expect(() => checkQuotas([quota({ tokensPerMonth: 100 })], { promptTokens: 5, maxTokens: 10 }, spent(99), now))
      .toThrow(expect.objectContaining({ details: expect.objectContaining({ resetAt: '2026-04-01T00:00:00.000Z' }) }));
    expect(() => checkQuotas([quota({ tokensPerDay: 100 })], { promptTokens: 5, maxTokens: 10 }, spent(10), now)).not.toThrow();
    expect(() => checkQuotas([quota({ maxRequestTokens: 50 })], { promptTokens: 5, maxTokens: 64 }, spent(0), now))
      .toThrow(expect.objectContaining({ details: expect.objectContaining({ limit: 'maxRequestTokens' }) }));
    expect(() => checkQuotas([quota({ subject: 'group', name: 'sales', costPerDay: 1 })], { promptTokens: 1, maxTokens: 1 }, () => ({ tokens: 0, cost: 1.2 }), now))
      .toThrow(/group sales has spent 1.2 of 1/);
  });

  test('cost: per 1k tokens in and out plus compute seconds', () => {
    expect(costOf({ per1kInput: 0.5, per1kOutput: 1.5, perComputeSecond: 0 }, { tokensIn: 2000, tokensOut: 1000, computeMs: 0 })).toBe(2.5);
    expect(costOf({ per1kInput: 0, per1kOutput: 0, perComputeSecond: 0.01 }, { tokensIn: 2000, tokensOut: 1000, computeMs: 1500 })).toBe(0.015);
    expect(costOf(undefined, { tokensIn: 1, tokensOut: 1, computeMs: 1 })).toBe(0);
  });

  test('only deterministic requests are cached by default; the key changes with model identity, params, prompt version and access set', () => {
    const input = { model: 'm', prompt: 'hi', maxTokens: 8, temperature: 0, topP: 0.95, topK: 40, stop: [] } as GenerateInput;
    expect(isCacheable(input)).toBe(true);
    expect(isCacheable({ ...input, temperature: 0.7 })).toBe(false);
    expect(isCacheable({ ...input, temperature: 0.7, seed: 1 })).toBe(true);
    expect(isCacheable({ ...input, temperature: 0.7 }, { nondeterministic: true, ttlSeconds: 60 })).toBe(true);
    const ctx = { modelId: 'id', modelSha: 'sha' };
    const key = (i: GenerateInput, c: Parameters<typeof cacheScope>[1]) => cacheKey(cacheScope(i, c), i);
    const base = key(input, ctx);
    expect(key(input, ctx)).toBe(base);
    expect(key({ ...input, prompt: 'hi!' }, ctx)).not.toBe(base);
    expect(key({ ...input, maxTokens: 9 }, ctx)).not.toBe(base);
    expect(key(input, { ...ctx, modelSha: 'other' })).not.toBe(base);
    expect(key(input, { ...ctx, prompt: 'p@1.0.1' })).not.toBe(base);
    expect(key(input, { ...ctx, accessSet: ['ann', 'sales'] })).not.toBe(key(input, { ...ctx, accessSet: ['bob', 'sales'] }));
    expect(key(input, { ...ctx, accessSet: ['ann', 'sales'] })).toBe(key(input, { ...ctx, accessSet: ['sales', 'ann'] }));
  });
});
