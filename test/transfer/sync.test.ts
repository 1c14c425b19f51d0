import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { installation, seedWork, type Client } from './transfer-helpers.js';

interface SyncReport { direction: string; missing: number; bundles: number; merged: number; conflicts: Array<{ key: string; reason: string | null }> }
interface Inventory { fingerprint: string; objects: Array<{ key: string; sha256: string }> }

/** The same calls a remote peer makes: POST /rpc/<method> with a bearer token. */
function httpClient(server: RunningServer): Client & { raw(method: string, params: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> } {
  const raw = async (method: string, params: unknown) => {
    const response = await fetch(`${server.origin}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(params) });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const result = await raw(method, params);
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error?.message}`), result.error);
    return result.value as T;
  };
  const failure = async (method: string, params: unknown) => {
    const result = await raw(method, params);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error as { code: string; message: string };
  };
  const job = async <T>(method: string, params: unknown): Promise<T> => call<T>('jobs.wait', { jobId: (await call<{ jobId: string }>(method, params)).jobId });
  const jobFailure = async (method: string, params: unknown) => failure('jobs.wait', { jobId: (await call<{ jobId: string }>(method, params)).jobId });
  return { call, job, failure, jobFailure, raw } as unknown as Client & { raw: typeof raw };
}

const keyed = (inventory: Inventory): string[] => inventory.objects.map((o) => `${o.key} ${o.sha256}`).sort();

/** Two headless servers on loopback, each its own installation, syncing through each other's API with a token. */
describe('sync between two servers', () => {
  const temp = tempDir();
  let one: RunningServer;
  let two: RunningServer;
  let c1: ReturnType<typeof httpClient>;
  let c2: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    [one, two] = await Promise.all([
      startServer({ dataDir: path.join(temp.dir, 'one'), modelsDir: temp.dir, port: 0 }),
      startServer({ dataDir: path.join(temp.dir, 'two'), modelsDir: temp.dir, port: 0 }),
    ]);
    c1 = httpClient(one);
    c2 = httpClient(two);
    await seedWork(c1);
    await c2.call('prompts.create', { name: 'greeting', user: 'Hello {{name}}', description: 'made on two' });
    // Each administrator trusts the other's key (exchanged out of band, here directly).
    const [k1, k2] = await Promise.all([c1.call<{ keyFile: string }>('transfer.trust.self', {}), c2.call<{ keyFile: string }>('transfer.trust.self', {})]);
    await c1.call('transfer.trust.add', { name: 'two', keyFile: k2.keyFile });
    await c2.call('transfer.trust.add', { name: 'one', keyFile: k1.keyFile });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    temp.cleanup();
  });

  test('push sends only what the other side lacks; pull brings back what it made; both converge', async () => {
    const pushed = await c1.job<SyncReport>('transfer.sync', { direction: 'push', remote: two.origin, token: two.token });
    expect(pushed.conflicts).toEqual([]);
    expect(pushed.merged).toBe(pushed.missing);
    expect(pushed.missing).toBeGreaterThan(5);
    const pulled = await c1.job<SyncReport>('transfer.sync', { direction: 'pull', remote: two.origin, token: two.token });
    expect(pulled).toMatchObject({ missing: 2, merged: 2, conflicts: [] });
    expect((await c1.call<Array<{ name: string }>>('prompts.list', {})).map((p) => p.name).sort()).toEqual(['greeting', 'story']);

    const [i1, i2] = await Promise.all([c1.call<Inventory>('transfer.inventory', {}), c2.call<Inventory>('transfer.inventory', {})]);
    expect(keyed(i1)).toEqual(keyed(i2));
    // Nothing left to move either way.
    expect(await c1.job<SyncReport>('transfer.sync', { direction: 'push', remote: two.origin, token: two.token })).toMatchObject({ missing: 0, bundles: 0 });
    expect(await c2.job<SyncReport>('transfer.sync', { direction: 'pull', remote: one.origin, token: one.token })).toMatchObject({ missing: 0, bundles: 0 });
    const provenance = await c2.call<Array<{ key: string; sourceName: string }>>('transfer.provenance', { prefix: 'dataset:animals' });
    expect(provenance.map((p) => p.sourceName)).toEqual(['one', 'one']);
  });

  test('diverged immutable versions are reported as conflicts, not resolved', async () => {
    await c1.call('prompts.version', { prompt: 'greeting', version: '2.0.0', user: 'Hi {{name}} from one', message: 'one' });
    await c2.call('prompts.version', { prompt: 'greeting', version: '2.0.0', user: 'Hi {{name}} from two', message: 'two' });
    const pushed = await c1.job<SyncReport>('transfer.sync', { direction: 'push', remote: two.origin, token: two.token });
    expect(pushed.conflicts.map((c) => c.key)).toContain('prompt:greeting@2.0.0');
    expect((await c2.call<{ version: { user: string } }>('prompts.show', { ref: 'greeting@2.0.0' })).version.user).toBe('Hi {{name}} from two');
  });

  test('a wrong token and a host nobody configured are refused', async () => {
    const badToken = await c1.jobFailure('transfer.sync', { direction: 'pull', remote: two.origin, token: 'nope' });
    expect(badToken.code).toBe('UNAUTHORIZED');
    const elsewhere = await c1.jobFailure('transfer.sync', { direction: 'pull', remote: 'http://192.0.2.10:8787', token: two.token });
    expect(elsewhere.code).toBe('EGRESS_BLOCKED');
    expect(elsewhere.message).toContain('--sync-url');
  });

  test('`enclave sync pull` from the CLI brings a third installation level with the server', async () => {
    const three = installation(temp.dir, 'three');
    await three.client.call('transfer.trust.add', { name: 'two', keyFile: (await c2.call<{ keyFile: string }>('transfer.trust.self', {})).keyFile });
    await three.core.close();
    const pulled = await runCli(['sync', 'pull', '--remote', two.origin, '--data-dir', three.dataDir, '--json'], { env: { ENCLAVE_SYNC_TOKEN: two.token }, timeoutMs: 120_000 });
    expect(pulled.code).toBe(0);
    const report = pulled.json<SyncReport>();
    expect(report).toMatchObject({ direction: 'pull', conflicts: [] });
    expect(report.merged).toBe(report.missing);
    expect(report.merged).toBeGreaterThan(5);
  }, 180_000);
});
