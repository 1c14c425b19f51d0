import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreEvent } from '../../electron/core/contract/events.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { DesktopSession, KEPT_BY_THE_APP } from '../../electron/main/desktop-session.js';
import { tempDir } from '../helpers/fixtures.js';

const value = <T>(result: { ok: boolean; value?: unknown; error?: { code: string } }): T => {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
};

describe('the desktop session: the OS account, or a password on a shared workstation', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let session: DesktopSession;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    session = new DesktopSession(core, 'deskuser');
    await session.refreshViewer();
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a single-user machine signs the OS account in (the administrator on first run)', async () => {
    const me = value<{ user: { name: string; roles: string[] }; via: string }>(await session.call('auth.me', {}));
    expect(me).toMatchObject({ user: { name: 'deskuser', roles: ['admin'] }, via: 'os' });
    value(await session.call('users.add', { name: 'kim', password: 'kim long password', roles: ['analyst'] }));
  });

  test('shared: the OS account is refused, a password signs in, the token never reaches the window', async () => {
    // Nobody could manage a shared workstation without an administrator who has a password: refused until one has.
    expect(await session.call('auth.configure', { sharedWorkstation: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('No enabled administrator has a password') } });
    value(await session.call('users.setPassword', { name: 'deskuser', password: 'desk long password' }));
    value(await session.call('auth.configure', { sharedWorkstation: true }));
    const refused = await session.call('models.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const signedIn = value<{ sessionToken: string; user: { name: string } }>(await session.call('auth.signIn', { user: 'kim', password: 'kim long password' }));
    expect(signedIn).toMatchObject({ sessionToken: KEPT_BY_THE_APP, user: { name: 'kim' } });
    expect(value<{ user: { name: string }; via: string }>(await session.call('auth.me', {}))).toMatchObject({ user: { name: 'kim' }, via: 'session' });
    expect(value<unknown[]>(await session.call('models.list', {}))).toEqual([]);

    // Events: kim's own job reaches the window; someone else's does not; alerts need audit.read, which analysts lack.
    const own = { topic: 'jobs.started', data: { jobId: 'j1', kind: 'x' }, audience: { user: 'kim' } } as CoreEvent;
    const other = { topic: 'jobs.started', data: { jobId: 'j2', kind: 'x' }, audience: { user: 'deskuser' } } as CoreEvent;
    const alert = { topic: 'audit.alerted', data: { rule: 'r', description: 'd', key: 'k', count: 1, windowMs: 1, firstSeq: 1, lastSeq: 1 }, audience: { permission: 'audit.read' } } as CoreEvent;
    expect(session.deliverable(own)).toEqual({ topic: 'jobs.started', data: { jobId: 'j1', kind: 'x' } });
    expect(session.deliverable(other)).toBeNull();
    expect(session.deliverable(alert)).toBeNull();

    value(await session.call('auth.signOut', {}));
    expect(await session.call('auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(session.deliverable(own)).toBeNull();
  });
});
