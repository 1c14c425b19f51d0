import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import type { Endpoint, EndpointHealth } from '../../electron/core/contract/gateway.api.js';
import type { GenerationResult, Model } from '../../electron/core/contract/schemas.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';
import { startPeer, type Peer } from './remote-peer.js';

/** This machine's own non-loopback address: loopback is always allowed, so the guard's host:port rule shows here. */
function ownAddress(): string {
  const found = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!found) throw new Error('this test needs a non-loopback IPv4 interface');
  return found.address;
}

const API_KEY = 'sk-enclave-secret-7f3a9c21d4e8b6';

describe('remote endpoints in the core: registry, sealed keys, egress, discovery, approval', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  const core = createInProcessCore({ dataDir, modelsDir: temp.dir });
  const admin = coreClient(core, localContext('test'));
  const analyst = as('ana');
  let peer: Peer;
  let stranger: Peer;
  let host: string;

  beforeAll(async () => {
    host = ownAddress();
    peer = await startPeer({ host: '0.0.0.0', behaviour: { apiKey: API_KEY } });
    stranger = await startPeer({ host: '0.0.0.0' });
    await admin.call('users.add', { name: 'ana', password: 'a long password', roles: ['analyst'] });
  });
  afterAll(async () => {
    await core.close();
    await Promise.all([peer.close(), stranger.close()]);
    temp.cleanup();
  });

  test('an endpoint is registered with a sealed key: never in the list, the audit trail or the database in clear', async () => {
    const added = await admin.call<{ endpoint: Endpoint }>('endpoints.add', { name: 'peer', baseUrl: `http://${host}:${peer.port}/v1/`, apiKey: API_KEY, tpm: 5000, rpm: 60 });
    expect(added.endpoint).toMatchObject({ name: 'peer', baseUrl: `http://${host}:${peer.port}`, hasApiKey: true, rejectUnauthorized: true, tpm: 5000, rpm: 60, models: 0 });
    const listed = await admin.call<Endpoint[]>('endpoints.list', {});
    expect(JSON.stringify(listed)).not.toContain(API_KEY);
    expect(await admin.failure('endpoints.add', { name: 'peer', baseUrl: 'http://127.0.0.1:1' })).toMatchObject({ code: 'ENDPOINT_EXISTS' });
    expect(await admin.failure('endpoints.add', { name: 'x', baseUrl: 'http://user:pw@127.0.0.1:1' })).toMatchObject({ code: 'INVALID_INPUT' });
    // Administrators only: an analyst may neither list nor add.
    expect(await admin.failure('endpoints.list', {}, analyst)).toMatchObject({ code: 'FORBIDDEN' });

    await admin.call('endpoints.update', { name: 'peer', apiKey: API_KEY, timeoutMs: 20_000 });
    const entries = await admin.call<{ entries: Array<{ seq: number; action: string; outcome: string }> }>('audit.list', { limit: 1000 });
    const mine = entries.entries.filter((e) => e.action === 'endpoints.add' || e.action === 'endpoints.update');
    // The refused duplicate is recorded too (as a failure); the invalid URL never reached the handler.
    expect(mine.map((e) => e.action).sort()).toEqual(['endpoints.add', 'endpoints.add', 'endpoints.update']);
    for (const entry of entries.entries) {
      const full = await admin.call<{ payload: unknown }>('audit.get', { seq: entry.seq });
      expect(JSON.stringify(full)).not.toContain(API_KEY);
    }
    const added1 = await admin.call<{ payload: { params: Record<string, unknown> } }>('audit.get', { seq: mine.find((e) => e.action === 'endpoints.add' && e.outcome === 'success')!.seq });
    expect(added1.payload.params).toMatchObject({ name: 'peer', apiKey: 'set', tpm: 5000 });

    await new Promise((resolve) => setImmediate(resolve));
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('enclave.db'))) {
      expect(readFileSync(path.join(dataDir, file)).includes(Buffer.from(API_KEY)), file).toBe(false);
    }
  });

  test('the egress guard admits the registered host:port and refuses another port of the same host', async () => {
    const health = await admin.call<EndpointHealth>('endpoints.test', { name: 'peer' });
    expect(health).toMatchObject({ ok: true, models: ['tiny-chat', 'tiny-embed'], error: null });
    expect(peer.requests.at(-1)!.authorization).toBe(`Bearer ${API_KEY}`);
    expect(() => net.connect({ host, port: stranger.port })).toThrowError(expect.objectContaining({ code: 'EGRESS_BLOCKED' }));
    const list = await admin.call<Endpoint[]>('endpoints.list', {});
    expect(list[0]!.health).toMatchObject({ ok: true });
  });

  test('discovery puts ENDPOINT/MODEL entries in the library, pending; the approval gate holds them until approved', async () => {
    const found = await admin.call<{ added: Model[] }>('endpoints.discover', { name: 'peer' });
    expect(found.added.map((m) => [m.name, m.approval, m.role, m.path, m.remote?.modelId])).toEqual([
      ['peer/tiny-chat', 'pending', 'chat', '', 'tiny-chat'],
      ['peer/tiny-embed', 'pending', 'embedding', '', 'tiny-embed'],
    ]);
    expect((await admin.call<{ known: string[] }>('endpoints.discover', { name: 'peer' })).known).toEqual(['peer/tiny-chat', 'peer/tiny-embed']);
    const listed = await admin.call<Model[]>('models.list', {});
    expect(listed.find((m) => m.name === 'peer/tiny-chat')).toMatchObject({ contextLength: 2048, remote: { modelId: 'tiny-chat' } });
    expect(await admin.call('models.get', { ref: 'peer/tiny-chat' })).toMatchObject({ sizeBytes: 1185376, metadata: { remote: { endpoint: 'peer' } } });

    const prompt = { model: 'peer/tiny-chat', messages: [{ role: 'user', content: 'Tell me a story' }], maxTokens: 8 };
    expect(await admin.jobFailure('inference.generate', prompt, analyst)).toMatchObject({ code: 'MODEL_NOT_APPROVED' });
    await admin.call('models.approve', { ref: 'peer/tiny-chat', reason: 'cluster model reviewed' });
    const result = await admin.job<GenerationResult>('inference.generate', prompt, analyst);
    expect(result).toMatchObject({ text: 'Once upon a time there was', completionTokens: 6, promptTokens: 7, mode: 'chat', stopReason: 'eos' });

    await admin.call('models.approve', { ref: 'peer/tiny-embed' });
    expect(await admin.call('inference.embed', { model: 'peer/tiny-embed', texts: ['abc'] }, analyst)).toEqual({ dimensions: 3, vectors: [[3, 1, 0.5]] });
    expect(await admin.call('inference.countTokens', { model: 'peer/tiny-chat', text: 'one two three four' })).toEqual({ tokens: 4 });
  });

  test('a wrong key is ENDPOINT_AUTH_FAILED; removing the endpoint takes its models out and revokes its egress', async () => {
    await admin.call('endpoints.update', { name: 'peer', apiKey: 'sk-wrong' });
    expect(await admin.jobFailure('inference.generate', { model: 'peer/tiny-chat', prompt: 'x', maxTokens: 4 })).toMatchObject({ code: 'ENDPOINT_AUTH_FAILED' });
    const removed = await admin.call<{ modelsRemoved: string[] }>('endpoints.remove', { name: 'peer' });
    expect(removed.modelsRemoved).toEqual(['peer/tiny-chat', 'peer/tiny-embed']);
    expect((await admin.call<Model[]>('models.list', {})).filter((m) => m.remote)).toEqual([]);
    expect(await admin.jobFailure('inference.generate', { model: 'peer/tiny-chat', prompt: 'x', maxTokens: 4 })).toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(() => net.connect({ host, port: peer.port })).toThrowError(expect.objectContaining({ code: 'EGRESS_BLOCKED' }));
  });

  test('a core opened on the data directory admits what is registered there', async () => {
    await admin.call('endpoints.add', { name: 'again', baseUrl: `http://${host}:${stranger.port}` });
    await core.close();
    // Closed: every queued audit entry and trace is written; the key is in none of the database files.
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('enclave.db'))) {
      expect(readFileSync(path.join(dataDir, file)).includes(Buffer.from(API_KEY)), file).toBe(false);
    }
    expect(() => net.connect({ host, port: stranger.port })).toThrowError(expect.objectContaining({ code: 'EGRESS_BLOCKED' }));
    const reopened = createInProcessCore({ dataDir, modelsDir: temp.dir });
    try {
      const health = await coreClient(reopened, localContext('test')).call<EndpointHealth>('endpoints.test', { name: 'again' });
      expect(health.ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
