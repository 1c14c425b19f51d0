import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiTokenInfo, SignedIn } from '../../electron/core/contract/auth.api.js';
import { AuditService } from '../../electron/core/audit/audit.service.js';
import { authCodeOf } from '../../electron/core/auth/auth-errors.js';
import { SessionStore } from '../../electron/core/auth/sessions.js';
import { UsersRepo } from '../../electron/core/auth/users.repo.js';
import { openDatabase } from '../../native/sqlite/open.js';
import { tempDir } from '../helpers/fixtures.js';
import { admin, anonymousHttp, bearer, PASSWORD, signedIn, startHarness, type Harness } from './harness.js';

type Me = { user: { name: string; roles: string[] }; permissions: string[]; via: string; expiresAt: string | null };

describe('sessions: opaque tokens stored hashed, with expiry and revocation', () => {
  test('a session resolves until it expires or is revoked (store with a clock)', () => {
    const temp = tempDir('enclave-sessions-');
    const { db } = openDatabase(path.join(temp.dir, 'enclave.db'));
    try {
      AuditService.open({ db, dataDir: temp.dir });
      let clock = Date.parse('2026-11-01T08:00:00Z');
      const store = new SessionStore(db, () => clock);
      const user = new UsersRepo(db).insert({ name: 'sam', passwordHash: null, roles: ['viewer'], groups: [], createdBy: 'test', now: new Date(clock).toISOString() });
      const session = store.create(user.id, { ttlHours: 2, shell: 'http', source: '127.0.0.1' });
      expect(session.token).toMatch(/^ens_[A-Za-z0-9_-]{43}$/);
      expect(session.expiresAt).toBe('2026-11-01T10:00:00.000Z');
      expect(store.resolve(session.token)?.id).toBe(session.id);
      clock += 2 * 3_600_000 - 1;
      expect(store.resolve(session.token)?.id).toBe(session.id);
      clock += 1;
      expect(store.resolve(session.token)).toBeUndefined();

      const second = store.create(user.id, { shell: 'cli', source: 'local' });
      expect(Date.parse(second.expiresAt) - clock).toBe(12 * 3_600_000);
      expect(store.revoke(second.id)).toBe(true);
      expect(store.revoke(second.id)).toBe(false);
      expect(store.resolve(second.token)).toBeUndefined();
      expect(store.resolve('ens_' + 'A'.repeat(43))).toBeUndefined();
      expect(store.resolve('not even a token')).toBeUndefined();
    } finally {
      db.close();
      temp.cleanup();
    }
  });

  describe('through dispatch', () => {
    let h: Harness;
    beforeAll(() => {
      h = startHarness();
    });
    afterAll(() => h.close());

    test('sign in, act, sign out: the token stops working at once', async () => {
      const { ctx, session } = await signedIn(h, 'sally', ['analyst'], ['analysts']);
      expect(session.user).toMatchObject({ name: 'sally', roles: ['analyst'], groups: ['analysts'], hasPassword: true });
      const me = await h.call<Me>('auth.me', {}, ctx);
      expect(me).toMatchObject({ user: { name: 'sally' }, via: 'session', expiresAt: session.expiresAt });
      expect(me.permissions).toContain('rag.ingest');
      expect(me.permissions).not.toContain('users.manage');
      expect(await h.call('auth.signOut', {}, ctx)).toEqual({ signedOut: true });
      const after = await h.failure('auth.me', {}, ctx);
      expect(after.code).toBe('UNAUTHORIZED');
      expect(after.message).toMatch(/sign in again/);
      // A stale token does not stand in the way of signing in again.
      expect((await h.call<SignedIn>('auth.signIn', { user: 'sally', password: PASSWORD }, ctx)).user.name).toBe('sally');
    });

    test('an expired session is refused', async () => {
      const { ctx, session } = await signedIn(h, 'eddie', ['viewer']);
      await h.call('auth.me', {}, ctx);
      h.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE name = 'eddie')").run();
      expect((await h.failure('models.list', {}, ctx)).code).toBe('UNAUTHORIZED');
      expect(session.sessionToken).toMatch(/^ens_/);
    });

    test('only digests are stored: no session or API token appears in the database', async () => {
      const { ctx, session } = await signedIn(h, 'dora', ['analyst']);
      const token = await h.call<{ token: string }>('tokens.create', { name: 'ci', permissions: ['rag.read'] }, ctx);
      const dump = JSON.stringify([...h.db.prepare('SELECT * FROM sessions').all(), ...h.db.prepare('SELECT * FROM api_tokens').all(), ...h.db.prepare('SELECT * FROM users').all()]);
      expect(dump).not.toContain(session.sessionToken);
      expect(dump).not.toContain(token.token);
      expect(dump).not.toContain(session.sessionToken.slice(4));
      expect(dump).not.toContain(PASSWORD);
    });

    test('disabling an account signs it out everywhere; its tokens work again only once it is enabled', async () => {
      const { ctx } = await signedIn(h, 'dave', ['analyst']);
      const other = await h.call<SignedIn>('auth.signIn', { user: 'dave', password: PASSWORD }, anonymousHttp('10.0.0.9'));
      const { token } = await h.call<{ token: string }>('tokens.create', { name: 'script', permissions: ['models.read'] }, ctx);
      await h.call('users.disable', { name: 'dave' }, admin);
      for (const c of [ctx, bearer(other.sessionToken)]) expect(await h.failure('models.list', {}, c)).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/session has ended/) });
      expect(await h.failure('models.list', {}, bearer(token))).toMatchObject({ code: 'UNAUTHORIZED', message: 'The account "dave" is disabled; ask an administrator to enable it' });
      const signIn = await h.failure('auth.signIn', { user: 'dave', password: PASSWORD }, anonymousHttp('10.0.0.9'));
      expect(signIn.message).toMatch(/disabled/);
      await h.call('users.enable', { name: 'dave' }, admin);
      expect(await h.call('models.list', {}, bearer(token))).toEqual([]);
      expect((await h.failure('models.list', {}, ctx)).code).toBe('UNAUTHORIZED');
    });

    test('a password set by an administrator ends the account’s sessions; changing one’s own keeps the current one', async () => {
      const { ctx } = await signedIn(h, 'paula', ['viewer']);
      const second = bearer((await h.call<SignedIn>('auth.signIn', { user: 'paula', password: PASSWORD }, anonymousHttp())).sessionToken);
      const wrong = await h.failure('auth.changePassword', { currentPassword: 'not it at all', newPassword: 'a brand new secret' }, ctx);
      expect(wrong).toMatchObject({ code: 'INVALID_INPUT', message: 'The current password is wrong', details: { field: 'currentPassword' } });
      expect(await h.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'a brand new secret' }, ctx)).toEqual({ changed: true });
      expect((await h.call<Me>('auth.me', {}, ctx)).user.name).toBe('paula');
      expect((await h.failure('auth.me', {}, second)).code).toBe('UNAUTHORIZED');
      expect((await h.failure('auth.signIn', { user: 'paula', password: PASSWORD }, anonymousHttp())).code).toBe('UNAUTHORIZED');

      await h.call('users.setPassword', { name: 'paula', password: 'set by the admin' }, admin);
      expect((await h.failure('auth.me', {}, ctx)).code).toBe('UNAUTHORIZED');
      expect((await h.call<SignedIn>('auth.signIn', { user: 'paula', password: 'set by the admin' }, anonymousHttp())).user.name).toBe('paula');
    });
  });
});

describe('API tokens: scoped to a user and a set of permissions, shown once', () => {
  let h: Harness;
  let analyst: Awaited<ReturnType<typeof signedIn>>['ctx'];
  beforeAll(async () => {
    h = startHarness();
    analyst = (await signedIn(h, 'ann', ['analyst'])).ctx;
    await h.call('rag.collections.create', { name: 'kb' }, admin);
  });
  afterAll(() => h.close());

  test('a token can do what its scope names and nothing else', async () => {
    const created = await h.call<ApiTokenInfo & { token: string }>('tokens.create', { name: 'reader', permissions: ['rag.read', 'models.read'], expiresInDays: 30 }, analyst);
    expect(created).toMatchObject({ name: 'reader', user: 'ann', permissions: ['models.read', 'rag.read'], revokedAt: null });
    expect(created.token).toMatch(/^ent_[A-Za-z0-9_-]{43}$/);
    expect(created.id).toMatch(/^tok_/);
    const token = bearer(created.token);
    expect(await h.call('models.list', {}, token)).toEqual([]);
    await h.call('rag.collections.get', { collection: 'kb' }, token);
    const refused = await h.failure('rag.ingest', { collection: 'kb', paths: ['/nowhere'] }, token);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('The API token "reader" is limited to models.read, rag.read; "rag.ingest" needs "rag.ingest": create a token that includes it');
    expect((await h.failure('tokens.create', { name: 'escalate', permissions: ['rag.ingest'] }, token)).code).toBe('FORBIDDEN');
    const me = await h.call<Me>('auth.me', {}, token).catch((e: { code: string }) => e.code);
    expect(me).toBe('FORBIDDEN'); // account.self is outside its scope, too
  });

  test('a token never grants more than its user may do: not at creation, not after the roles shrink', async () => {
    const refused = await h.failure('tokens.create', { name: 'too much', permissions: ['rag.read', 'users.manage'] }, analyst);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'A token cannot grant what you may not do yourself: users.manage' });
    const { token } = await h.call<{ token: string }>('tokens.create', { name: 'ingester', permissions: ['rag.ingest', 'rag.read'] }, analyst);
    // An analyst's token uploads content: server-side paths need files.serverPaths (test/security/server-paths.test.ts).
    expect(await h.call('rag.ingest', { collection: 'kb', files: [{ name: 'none.md', contentBase64: Buffer.from('# None').toString('base64') }] }, bearer(token))).toHaveProperty('jobId');
    await h.call('users.setRoles', { name: 'ann', roles: ['viewer'] }, admin);
    expect((await h.failure('rag.ingest', { collection: 'kb', paths: ['/x'] }, bearer(token))).code).toBe('FORBIDDEN');
    expect(await h.call('rag.collections.list', {}, bearer(token))).toHaveLength(1);
    await h.call('users.setRoles', { name: 'ann', roles: ['analyst'] }, admin);
  });

  test('listing shows no secret; revoked and expired tokens are refused; ids of others cannot be probed', async () => {
    const { token, id } = await h.call<{ token: string; id: string }>('tokens.create', { name: 'short', permissions: ['models.read'], expiresInDays: 1 }, analyst);
    const listed = await h.call<ApiTokenInfo[]>('tokens.list', {}, analyst);
    expect(listed.map((t) => t.name)).toEqual(expect.arrayContaining(['reader', 'ingester', 'short']));
    expect(JSON.stringify(listed)).not.toContain('ent_');

    const { ctx: bob } = await signedIn(h, 'bob', ['analyst']);
    const probe = await h.failure('tokens.revoke', { id }, bob);
    expect(probe.code).toBe('NOT_FOUND');
    expect(probe.message).toBe((await h.failure('tokens.revoke', { id: 'tok_doesnotexist' }, bob)).message.replace('tok_doesnotexist', id));
    expect((await h.failure('tokens.list', { user: 'ann' }, bob)).code).toBe('FORBIDDEN');
    expect((await h.call<ApiTokenInfo[]>('tokens.list', { user: 'ann' }, admin)).length).toBe(listed.length);

    h.db.prepare("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(id);
    expect((await h.failure('models.list', {}, bearer(token))).code).toBe('UNAUTHORIZED');

    const other = await h.call<{ token: string; id: string }>('tokens.create', { name: 'to revoke', permissions: ['models.read'] }, analyst);
    expect(await h.call('models.list', {}, bearer(other.token))).toEqual([]);
    expect(await h.call('tokens.revoke', { id: other.id }, analyst)).toEqual({ revoked: true });
    expect((await h.failure('models.list', {}, bearer(other.token))).code).toBe('UNAUTHORIZED');
    expect((await h.call<ApiTokenInfo[]>('tokens.list', {}, analyst)).find((t) => t.id === other.id)?.revokedAt).not.toBeNull();
  });

  test('token creation and revocation are audited without the secret', async () => {
    await h.settle();
    const entries = h.audit.list({ limit: 500 });
    const created = entries.filter((e) => e.action === 'tokens.create');
    expect(created.some((e) => e.outcome === 'success' && e.actor === 'ann' && e.target.startsWith('token:tok_'))).toBe(true);
    expect(created.some((e) => e.outcome === 'denied')).toBe(true);
    expect(entries.some((e) => e.action === 'tokens.revoke' && e.outcome === 'success')).toBe(true);
    for (const e of created) expect(JSON.stringify(h.audit.get(e.seq).payload)).not.toMatch(/ent_/);
    expect(authCodeOf({ details: { authCode: 'TOO_MANY_ATTEMPTS' } })).toBe('TOO_MANY_ATTEMPTS');
  });
});
