import os from 'node:os';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { tempDir } from '../helpers/fixtures.js';

type Response = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
const cookiesOf = (r: Response): string => ([] as string[]).concat(r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

describe('the headless server requires sign-in', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  let server: RunningServer;
  const rpc = (method: string, params: unknown, headers: Record<string, string> = {}) =>
    raw(`${server.origin}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(params) });

  beforeAll(async () => {
    server = await startServer({ dataDir, modelsDir: temp.dir, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  test('the printed URL stands for the OS user who started the server: the administrator on first run', async () => {
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect((await rpc('models.list', {})).status).toBe(401);
    expect((await rpc('auth.status', {})).status).toBe(200);
    const visit = await raw(server.url);
    expect(visit.status).toBe(302);
    const owner = cookiesOf(visit);
    expect(owner).toMatch(/^enclave_session=/);
    expect(String(visit.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const me = JSON.parse((await rpc('auth.me', {}, { Cookie: owner })).body) as { value: { user: { name: string; roles: string[] } } };
    expect(me.value.user.name).toBe(os.userInfo().username);
    expect(me.value.user.roles).toContain('admin');
    expect((await rpc('users.add', { name: 'ada', password: 'a long password', roles: ['admin'] }, { Cookie: owner })).status).toBe(200);
    const events = await new Promise<number>((resolve) => httpRequest(`${server.origin}/events`, { headers: { Cookie: owner } }, (res) => { resolve(res.statusCode ?? 0); res.destroy(); }).end());
    expect(events).toBe(200);
    expect((await raw(`${server.origin}/events`)).status).toBe(401);
  });

  test('later visitors sign in with a password; scripts use the session or an API token as Bearer', async () => {
    const adminLogin = await rpc('auth.signIn', { user: 'ada', password: 'a long password' });
    const adminToken = (JSON.parse(adminLogin.body) as { value: { sessionToken: string } }).value.sessionToken;
    const bearer = { Authorization: `Bearer ${adminToken}` };
    expect((await rpc('users.add', { name: 'vic', password: 'viewer password', roles: ['viewer'] }, bearer)).status).toBe(200);
    const viewer = await rpc('auth.signIn', { user: 'vic', password: 'viewer password' });
    const viewerCookie = cookiesOf(viewer).split('; ').find((c) => c.startsWith('enclave_session='))!;
    expect((await rpc('models.list', {}, { Cookie: viewerCookie })).status).toBe(200);
    const refused = await rpc('settings.update', { threads: 2 }, { Cookie: viewerCookie });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.message).toMatch(/needs the permission "settings.manage"/);
    const token = JSON.parse((await rpc('tokens.create', { name: 'script', permissions: ['models.read'] }, bearer)).body).value.token as string;
    expect((await rpc('models.list', {}, { Authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await rpc('settings.update', { threads: 2 }, { Authorization: `Bearer ${token}` })).status).toBe(403);
    const out = await rpc('auth.signOut', {}, { Cookie: viewerCookie });
    expect(String(out.headers['set-cookie'])).toMatch(/enclave_session=; .*Max-Age=0/);
    expect((await rpc('models.list', {}, { Cookie: viewerCookie })).status).toBe(401);
    const wrong = await rpc('auth.signIn', { user: 'vic', password: 'nope nope' });
    expect(wrong.status).toBe(401);
  });

  test('a restarted server has a new token; the old one no longer works, sessions and accounts remain', async () => {
    const old = server.token;
    await server.close();
    server = await startServer({ dataDir, modelsDir: temp.dir, port: 0 });
    expect(server.token).not.toBe(old);
    expect((await rpc('models.list', {}, { Authorization: `Bearer ${old}` })).status).toBe(401);
    expect((await rpc('auth.signIn', { user: 'ada', password: 'a long password' })).status).toBe(200);
  });
});
