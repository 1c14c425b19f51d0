import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import type { Endpoint, EndpointHealth } from '../../electron/core/contract/gateway.api.js';
import type { GenerationResult, Model } from '../../electron/core/contract/schemas.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { repoRoot, tempDir } from '../helpers/fixtures.js';
import { useLlamaServers } from '../helpers/llama-server.js';

const API_KEY = 'sk-cluster-4b1d9e7a';

/** The real `enclave` command (sources through tsx), with text on stdin (the API key) — runCli has no stdin. */
function enclave(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/cli/main.ts'), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

describe('remote endpoints against a real llama-server', () => {
  const servers = useLlamaServers(1, { apiKey: API_KEY, embeddings: true, alias: 'stories', parallel: 1 });
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  const dirs = ['--data-dir', dataDir, '--models-dir', temp.dir];

  afterAll(() => temp.cleanup());

  test('CLI: add with the key on stdin, discover, refused until approved, then `enclave generate --model cluster/stories`', async () => {
    const added = await enclave(['endpoints', 'add', 'cluster', servers[0]!.url, '--api-key-stdin', '--discover', '--concurrency', '2', '--json', ...dirs], `${API_KEY}\n`);
    expect(added.code, added.stderr).toBe(0);
    const { endpoint, discovered } = JSON.parse(added.stdout) as { endpoint: Endpoint; discovered: Model[] };
    expect(endpoint).toMatchObject({ name: 'cluster', hasApiKey: true, maxConcurrency: 2 });
    expect(discovered.map((m) => [m.name, m.approval])).toEqual([['cluster/stories', 'pending']]);
    expect(added.stdout).not.toContain(API_KEY);

    const listed = await enclave(['endpoints', 'list', ...dirs]);
    expect(listed.stdout).toMatch(/cluster\s+http:\/\/127\.0\.0\.1:\d+\s+sealed/);
    expect(listed.stdout + listed.stderr).not.toContain(API_KEY);
    const tested = await enclave(['endpoints', 'test', 'cluster', ...dirs]);
    expect(tested.stdout).toMatch(/cluster: ok in [\d.]+ ms, 1 model\(s\): stories/);

    // A production caller is held by the approval gate exactly as for a local model (an analyst via the core).
    const core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    const api = coreClient(core, localContext('test'));
    try {
      await api.call('users.add', { name: 'ana', password: 'a long password', roles: ['analyst'] });
      expect(await api.jobFailure('inference.generate', { model: 'cluster/stories', prompt: 'Once upon a time', maxTokens: 8 }, as('ana'))).toMatchObject({ code: 'MODEL_NOT_APPROVED' });
    } finally {
      await core.close();
    }
    const approved = await enclave(['models', 'approve', 'cluster/stories', '--reason', 'reviewed on the cluster', ...dirs]);
    expect(approved.code, approved.stderr).toBe(0);

    const generated = await enclave(['generate', '--model', 'cluster/stories', '--prompt', 'Once upon a time', '--max-tokens', '12', '--temperature', '0', '--json', ...dirs]);
    expect(generated.code, generated.stderr).toBe(0);
    const result = JSON.parse(generated.stdout) as GenerationResult;
    expect(result.text.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ mode: 'completion' });
    expect(result.completionTokens).toBeGreaterThan(0);
    expect(result.completionTokens).toBeLessThanOrEqual(12);
    expect(['maxTokens', 'eos']).toContain(result.stopReason);
    expect(result.promptTokens).toBeGreaterThan(0);
  }, 120_000);

  describe('through the core', () => {
    let core: ReturnType<typeof createInProcessCore>;
    let api: ReturnType<typeof coreClient>;
    beforeAll(async () => {
      core = createInProcessCore({ dataDir: path.join(temp.dir, 'core'), modelsDir: temp.dir });
      api = coreClient(core, localContext('test'));
      await api.call('endpoints.add', { name: 'c2', baseUrl: servers[0]!.url, apiKey: API_KEY, discover: true });
      await api.call('models.approve', { ref: 'c2/stories' });
    });
    afterAll(async () => core.close());

    test('chat streams tokens as events; token counts come from /tokenize; embeddings work', async () => {
      const tokens: string[] = [];
      const off = core.subscribe((event) => {
        if (event.topic === 'inference.tokensGenerated') tokens.push(event.data.text);
      });
      const result = await api.job<GenerationResult>('inference.generate', { model: 'c2/stories', messages: [{ role: 'user', content: 'Tell me about a cat.' }], maxTokens: 16, temperature: 0 });
      off();
      expect(result).toMatchObject({ mode: 'chat' });
      expect(result.completionTokens).toBeGreaterThan(0);
      expect(tokens.join('')).toBe(result.text);
      expect(result.tokensPerSecond).toBeGreaterThan(0);

      const counted = await api.call<{ tokens: number }>('inference.countTokens', { model: 'c2/stories', text: 'Once upon a time there was a fox' });
      expect(counted.tokens).toBeGreaterThan(4);
      expect(counted.tokens).toBeLessThan(20);
      const embedded = await api.call<{ dimensions: number; vectors: number[][] }>('inference.embed', { model: 'c2/stories', texts: ['a cat', 'a dog'] });
      expect(embedded.vectors).toHaveLength(2);
      expect(embedded.dimensions).toBe(embedded.vectors[0]!.length);
      expect(embedded.dimensions).toBeGreaterThan(0);
    });

    test('a cancel aborts the request on the server: the slot is free again at once', async () => {
      const { jobId } = await api.call<{ jobId: string }>('inference.generate', { model: 'c2/stories', prompt: 'Once upon a time', maxTokens: 4000, temperature: 0 });
      await new Promise<void>((resolve) => {
        const off = core.subscribe((event) => {
          if (event.topic === 'inference.tokensGenerated' && event.data.jobId === jobId) {
            off();
            resolve();
          }
        });
      });
      await api.call('jobs.cancel', { jobId });
      const result = await api.call<GenerationResult>('jobs.wait', { jobId }).catch((e: { code: string }) => e);
      expect(JSON.stringify(result)).toMatch(/cancelled|CANCELLED/i);
      // With one slot, a request still decoding would hold the next one back; it answers as soon as the slot is idle.
      await expect.poll(async () => {
        const slots = (await (await fetch(`${servers[0]!.url}/slots`, { headers: { Authorization: `Bearer ${API_KEY}` } })).json()) as Array<{ is_processing: boolean }>;
        return slots.every((s) => !s.is_processing);
      }, { timeout: 5000 }).toBe(true);
    });

    test('an eval run names the remote model like a local one', async () => {
      const suite = 'prompts:\n  - id: tale\n    raw: "Once upon a time {{hero}}"\nproviders:\n  - id: c2/stories\n    config: { maxTokens: 8, temperature: 0 }\nmetrics: [bleu]\ntests:\n  - vars: { hero: "a cat" }\n    expected: "a cat"\n  - vars: { hero: "a dog" }\n    expected: "a dog"\n';
      const run = await api.job<{ status: string; id: string; models: string[] }>('eval.runs.start', { suite });
      expect(run).toMatchObject({ status: 'succeeded', models: ['c2/stories'] });
      const results = await api.call<{ total: number; items: Array<{ model: string; status: string; output: string }> }>('eval.runs.results', { runId: run.id });
      expect(results.total).toBe(2);
      for (const row of results.items) {
        expect(row).toMatchObject({ model: 'c2/stories', status: 'ok' });
        expect(row.output.length).toBeGreaterThan(0);
      }
    });

    test('health: a stopped server is reported failing with ENDPOINT_UNREACHABLE', async () => {
      await api.call('endpoints.add', { name: 'gone', baseUrl: 'http://127.0.0.1:9' });
      const health = await api.call<EndpointHealth>('endpoints.test', { name: 'gone' });
      expect(health).toMatchObject({ ok: false, error: { code: 'ENDPOINT_UNREACHABLE' } });
      const list = await api.call<Endpoint[]>('endpoints.list', {});
      expect(list.find((e) => e.name === 'c2')).toMatchObject({ models: 1 });
    });
  });
});
