import { request as httpRequest, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreEvent } from '../../electron/core/contract/events.js';
import { visibleTo } from '../../electron/core/events/event-audience.js';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { models, tempDir } from '../helpers/fixtures.js';

/** An open /events stream and the events it has delivered so far. */
function openEvents(server: RunningServer, cookie: string): Promise<{ events: CoreEvent[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: CoreEvent[] = [];
    const req = httpRequest(`${server.origin}/events`, { headers: { Cookie: cookie } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`/events answered ${res.statusCode}`));
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const frame of frames) if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as CoreEvent);
      });
      res.on('error', () => undefined);
      resolve({ events, close: () => req.destroy() });
    });
    req.on('error', () => undefined);
    req.end();
  });
}

describe('events reach only their audience: a job’s tokens and paths go to the user who started it', () => {
  const temp = tempDir();
  let server: RunningServer;
  const rpc = async <T>(method: string, params: unknown, cookie: string): Promise<{ status: number; body: { ok: boolean; value: T; error?: { code: string; message: string } } }> => {
    const response = await fetch(`${server.origin}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(params) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value: T } };
  };
  const signIn = async (user: string, password: string): Promise<string> => {
    const response = await fetch(`${server.origin}/rpc/auth.signIn`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user, password }) });
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  let owner = '';

  beforeAll(async () => {
    server = await startServer({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, port: 0 });
    const visit = await fetch(server.url, { redirect: 'manual' });
    owner = (visit.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    for (const name of ['alice', 'bob']) await rpc('users.add', { name, password: `${name} long password`, roles: ['analyst'] }, owner);
    // Analysts run approved library models (a path or a pending model is refused to them).
    const imported = await rpc<{ jobId: string }>('models.import', { path: models.stories, name: 'stories', approve: true }, owner);
    await rpc('jobs.wait', { jobId: imported.body.value.jobId }, owner);
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  test('bob sees none of alice’s generation; alice sees all of it', async () => {
    const alice = await signIn('alice', 'alice long password');
    const bob = await signIn('bob', 'bob long password');
    const aliceStream = await openEvents(server, alice);
    const bobStream = await openEvents(server, bob);
    const started = await rpc<{ jobId: string }>('inference.generate', { model: 'stories', prompt: 'Once upon a time', maxTokens: 16, temperature: 0 }, alice);
    expect(started.status).toBe(200);
    const jobId = started.body.value.jobId;
    await rpc('jobs.wait', { jobId }, alice);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ofJob = (events: CoreEvent[]) => events.filter((e) => (e.data as { jobId?: string }).jobId === jobId);
    expect(ofJob(aliceStream.events).map((e) => e.topic)).toEqual(expect.arrayContaining(['jobs.started', 'inference.tokensGenerated', 'jobs.succeeded']));
    expect(ofJob(bobStream.events)).toEqual([]);
    // The audience is the core's business: it is not sent.
    expect(aliceStream.events.every((e) => !('audience' in e))).toBe(true);
    // Nor can bob ask for it.
    expect((await rpc('jobs.wait', { jobId }, bob)).body.error?.code).toBe('JOB_NOT_FOUND');
    aliceStream.close();
    bobStream.close();
  });

  test('signing out ends the session’s event stream', async () => {
    const alice = await signIn('alice', 'alice long password');
    const ended = new Promise<void>((resolve) => {
      httpRequest(`${server.origin}/events`, { headers: { Cookie: alice } }, (res) => res.on('end', resolve).resume()).end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rpc('auth.signOut', {}, alice);
    await ended;
  });

  test('alerts go to holders of audit.read only', () => {
    const alert = { topic: 'audit.alerted', data: { rule: 'r', description: 'd', key: 'k', count: 3, windowMs: 1000, firstSeq: 1, lastSeq: 3 }, audience: { permission: 'audit.read' } } as CoreEvent;
    expect(visibleTo(alert, { user: 'sam', permissions: ['audit.read'] })).toBe(true);
    expect(visibleTo(alert, { user: 'alice', permissions: ['rag.read'] })).toBe(false);
  });

  test('a shared workstation stops signing the OS account in; passwords still work', async () => {
    expect((await rpc('auth.configure', { sharedWorkstation: true }, await signIn('alice', 'alice long password'))).body.error?.code).toBe('FORBIDDEN');
    expect((await rpc('auth.configure', { sharedWorkstation: true }, owner)).body.error?.code).toBe('INVALID_INPUT');
    await rpc('users.add', { name: 'ada', password: 'ada long password', roles: ['admin'] }, owner);
    expect((await rpc('auth.configure', { sharedWorkstation: true }, owner)).body.value).toEqual({ sharedWorkstation: true });
    const status = await rpc<{ sharedWorkstation: boolean }>('auth.status', {}, '');
    expect(status.body.value.sharedWorkstation).toBe(true);
    const refused = await rpc('models.list', {}, owner);
    expect([refused.status, refused.body.error?.message]).toEqual([401, expect.stringContaining('This workstation is shared')]);
    expect((await rpc('models.list', {}, await signIn('alice', 'alice long password'))).status).toBe(200);
  });
});
