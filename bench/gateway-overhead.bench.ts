// The gateway's added latency per request: a real llama-server on loopback called directly (one HTTP request, as a
// script would) against the same request through Enclave — dispatch, the job runner, the approval gate, the
// gateway's policies (route lookup, quotas, cache lookup and store, circuit breaker, endpoint limiter, usage and cost
// row) and the remote client. Requests alternate direct/through so machine noise hits both alike; tiny generations
// (2 tokens) keep the model's own time small, so the difference is Enclave's. Target: ≤ 2 ms added at p50.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreClient } from '../electron/core/host/core-client.js';
import { createInProcessCore } from '../electron/core/host/core-handle.js';
import { llamaTool } from '../test/helpers/llama-tools.js';
import { openDatabase } from '../native/sqlite/open.js';
import type { GenerationResult } from '../electron/core/contract/schemas.js';
import type { StoredModel } from '../electron/core/models/models.repo.js';
import { callerScope } from '../electron/core/services/caller-scope.js';
import { GatewayPolicies, type GatewayRunner } from '../electron/core/gateway/routing/gateway-policies.js';
import { fmt, percentile } from './machine.js';

const REQUESTS = 200;
const WARMUP = 10;
const TARGET_P50_MS = 2;
const modelPath = fileURLToPath(new URL('../../shared/models/stories260K.gguf', import.meta.url));

export async function benchGatewayOverhead(): Promise<string> {
  const port = await freePort();
  const server = spawn(llamaTool('llama-server'), ['--model', modelPath, '--host', '127.0.0.1', '--port', String(port), '--alias', 'stories',
    '--threads', '1', '--threads-batch', '1', '--ctx-size', '512', '--parallel', '1', '--no-webui', '--offline', '--log-disable'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enclave-gateway-bench-'));
  let core: ReturnType<typeof createInProcessCore> | undefined;
  try {
    await waitHealthy(url);
    core = createInProcessCore({ dataDir, modelsDir: dataDir });
    const { call, job } = coreClient(core);
    await call('endpoints.add', { name: 'bench', baseUrl: url, discover: true });
    await call('models.approve', { ref: 'bench/stories' });
    await call('prices.set', { endpoint: 'bench', model: '*', per1kInput: 0.5, per1kOutput: 1.5 });
    await call('routes.set', { name: 'auto', defaultTarget: 'bench/stories', rules: [{ target: 'bench/stories', maxPromptTokens: 64 }] });

    const direct = async (prompt: string) => {
      const started = performance.now();
      const response = await fetch(`${url}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'stories', prompt, max_tokens: 2, temperature: 0.5 }) });
      await response.json();
      return performance.now() - started;
    };
    const through = async (model: string, prompt: string, temperature: number) => {
      const started = performance.now();
      await job('inference.generate', { model, prompt, maxTokens: 2, temperature });
      return performance.now() - started;
    };
    // Three paths through the gateway: a model by name with sampling (no cache), a route, and a cacheable request
    // whose prompt is new each time (a cache lookup and a store on every call).
    const kinds = [
      { label: 'model by name, sampled (cache bypassed)', run: (i: number) => through('bench/stories', `Once upon a time ${i % 7}`, 0.5) },
      { label: 'route `auto` → model, sampled', run: (i: number) => through('auto', `Once upon a time ${i % 7}`, 0.5) },
      { label: 'greedy, new prompt each time (cache miss + store)', run: (i: number) => through('bench/stories', `Once upon a time number ${i}`, 0) },
    ];
    const rows: string[] = [];
    let headline = Number.POSITIVE_INFINITY;
    for (const kind of kinds) {
      for (let i = 0; i < WARMUP; i++) {
        await direct(`Once upon a time ${i % 7}`);
        await kind.run(-1 - i);
      }
      const d: number[] = [];
      const g: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        d.push(await direct(`Once upon a time ${i % 7}`));
        g.push(await kind.run(i));
      }
      const added50 = percentile(g, 50) - percentile(d, 50);
      const added95 = percentile(g, 95) - percentile(d, 95);
      if (kind === kinds[0]) headline = added50;
      rows.push(`| ${kind.label} | ${fmt(percentile(d, 50), 2)} / ${fmt(percentile(d, 95), 2)} ms | ${fmt(percentile(g, 50), 2)} / ${fmt(percentile(g, 95), 2)} ms | **${fmt(added50, 2)}** / ${fmt(added95, 2)} ms |`);
    }
    const policy = await policyLayerCost(dataDir);
    return [
      '## Gateway overhead',
      '',
      `Added latency per request through Enclave's gateway against calling the same llama-server directly (loopback, stories260K, 2 tokens, ${REQUESTS} requests each, alternating). "Through" is the whole in-process path: dispatch, job, approval gate, gateway policies (route, quotas, cache, breaker, limiter, usage and cost row) and the remote client.`,
      '',
      '| path | direct p50 / p95 | through Enclave p50 / p95 | added p50 / p95 |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
      `Target: ≤ ${TARGET_P50_MS} ms added at p50 — ${headline <= TARGET_P50_MS ? 'met' : 'NOT met'} (${fmt(headline, 2)} ms).`,
      '',
      `The policy layer alone (gateway-policies.ts on a real SQLite file, a caller with a quota, a route, prices, a cache lookup, the usage row; the model call answered at once; usage rows and cache entries written between calls, off the request path), ${POLICY_CALLS} calls: ` +
        policy.map((p) => `${p.label} p50 ${fmt(p.p50, 3)} ms, p95 ${fmt(p.p95, 3)} ms`).join('; ') + '. The rest of the added time is the core\'s shared path (dispatch, job runner, audit entry, trace spans) and the remote client\'s streaming.',
    ].join('\n');
  } finally {
    await core?.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('llama-server did not become healthy within 60 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const POLICY_CALLS = 2000;

/** The gateway's policies by themselves: what routing, quotas, cache and metering cost per call, without any I/O but SQLite. */
async function policyLayerCost(dir: string): Promise<Array<{ label: string; p50: number; p95: number }>> {
  const opened = openDatabase(path.join(dir, 'policies.db'));
  const policies = new GatewayPolicies(opened.db);
  policies.quotas.set({ subject: 'user', name: 'ann', tokensPerDay: 1e12, tokensPerMonth: null, costPerDay: 1e9, costPerMonth: null, maxRequestTokens: null, requestsPerMinute: null }, 'bench');
  policies.prices.set({ endpoint: '*', model: '*', per1kInput: 0.5, per1kOutput: 1.5, perComputeSecond: 0 }, 'bench');
  policies.routes.set({ name: 'auto', description: '', rules: [{ target: 'm', maxPromptTokens: 64 }], defaultTarget: 'm', fallback: [], timeoutMs: 30_000, retries: 2, backoffMs: 250 }, 'bench');
  const model = { id: 'm-id', name: 'm', sha256: 'sha', path: '', fileMtimeMs: 0, remote: null } as unknown as StoredModel;
  const answer: GenerationResult = { text: 'ok', promptTokens: 5, completionTokens: 2, ttftMs: 1, tokensPerSecond: 100, totalMs: 2, stopReason: 'maxTokens', mode: 'completion' };
  const runner: GatewayRunner = { resolve: async () => model, generate: async () => answer, emit: () => undefined, embed: async () => ({ dimensions: 0, vectors: [] }) };
  const caller = { user: 'ann', groups: ['sales'], roles: ['analyst'], shell: 'test' as const };
  const signal = new AbortController().signal;
  const measure = async (label: string, input: (i: number) => Record<string, unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < POLICY_CALLS; i++) {
      const started = performance.now();
      await callerScope.run(caller, () => policies.generate({ maxTokens: 2, topP: 0.95, topK: 40, stop: [], ...input(i) } as never, runner, signal));
      times.push(performance.now() - started);
      // Between requests the event loop turns (as it does between real requests): queued usage rows and cache
      // entries are written then, in the background, off the next request's path.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { label, p50: percentile(times, 50), p95: percentile(times, 95) };
  };
  try {
    return [
      await measure('a model by name, sampled', (i) => ({ model: 'm', prompt: `Once upon a time ${i % 7}`, temperature: 0.5 })),
      await measure('route, greedy, new prompt (cache miss + store)', (i) => ({ model: 'auto', prompt: `Once upon a time ${i}`, temperature: 0 })),
      await measure('cache hit', () => ({ model: 'm', prompt: 'Once upon a time', temperature: 0 })),
    ];
  } finally {
    policies.usage.flush();
    opened.db.close();
  }
}
