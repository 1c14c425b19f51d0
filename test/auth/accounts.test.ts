import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SignedIn, User } from '../../electron/core/contract/auth.api.js';
import type { CallContext } from '../../electron/core/contract/context.js';
import type { AuthCallContext } from '../../electron/core/auth/auth-context.js';
import { authCodeOf } from '../../electron/core/auth/auth-errors.js';
import { admin, anonymousHttp, bearer, PASSWORD, signedIn, startHarness, type Harness } from './harness.js';

const os = (user: string, shell: CallContext['shell'] = 'cli'): CallContext => ({ user, roles: [], groups: [], shell, credential: { kind: 'os', user } }) as AuthCallContext;
type Me = { user: User; via: string; permissions: string[] };

describe('first run', () => {
  let h: Harness;
  beforeEach(() => {
    h = startHarness();
  });
  afterEach(() => h.close());

  test('the CLI or desktop makes its OS user the administrator; other OS users need an account', async () => {
    expect(await h.call('auth.status', {}, anonymousHttp())).toEqual({ needsSetup: true, sharedWorkstation: false });
    const me = await h.call<Me>('auth.me', {}, os('olivia'));
    expect(me).toMatchObject({ user: { name: 'olivia', roles: ['admin'], hasPassword: false }, via: 'os' });
    expect(await h.call('auth.status', {}, anonymousHttp())).toEqual({ needsSetup: false, sharedWorkstation: false });
    const stranger = await h.failure('models.list', {}, os('oscar'));
    expect(stranger.code).toBe('UNAUTHORIZED');
    expect(stranger.message).toBe('There is no Enclave account for the OS user "oscar": sign in with `enclave login --user NAME`, or ask an administrator to run `enclave users add oscar --role viewer`');
    // An HTTP caller cannot claim to be an OS user.
    expect((await h.failure('models.list', {}, os('olivia', 'http'))).code).toBe('UNAUTHORIZED');
    // A password-less account cannot be signed into with a password.
    expect((await h.failure('auth.signIn', { user: 'olivia', password: 'anything-at-all' }, anonymousHttp())).message).toBe('Wrong user name or password');
    await h.settle();
    const added = h.audit.list({ action: 'users.add', limit: 10 });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ actor: 'system', target: 'user:olivia', outcome: 'success' });
  });

  test('the headless server’s printed token lets the first visitor create the administrator, once', async () => {
    const noToken = await h.failure('auth.setup', { name: 'ada', password: PASSWORD }, anonymousHttp());
    expect(noToken.code).toBe('FORBIDDEN');
    expect(noToken.message).toMatch(/setup link printed by `enclave serve`/);
    expect((await h.failure('auth.setup', { name: 'ada', password: PASSWORD }, bearer('wrong-setup-token'))).code).toBe('FORBIDDEN');

    const signedInAdmin = await h.call<SignedIn>('auth.setup', { name: 'ada', password: PASSWORD }, bearer(h.setupToken));
    expect(signedInAdmin.user).toMatchObject({ name: 'ada', roles: ['admin'], hasPassword: true });
    expect((await h.call<Me>('auth.me', {}, bearer(signedInAdmin.sessionToken))).via).toBe('session');

    const again = await h.failure('auth.setup', { name: 'eve', password: PASSWORD }, bearer(h.setupToken));
    expect(again.code).toBe('FORBIDDEN');
    // Later visitors sign in with a password.
    expect((await h.call<SignedIn>('auth.signIn', { user: 'ada', password: PASSWORD }, anonymousHttp())).user.name).toBe('ada');
    expect((await h.call<User[]>('users.list', {}, bearer(signedInAdmin.sessionToken))).map((u) => u.name)).toEqual(['ada']);
  });
});

describe('account administration', () => {
  let h: Harness;
  let boss: CallContext;
  beforeAll(async () => {
    h = startHarness();
    boss = (await signedIn(h, 'boss', ['admin'])).ctx;
  });
  afterAll(() => h.close());

  test('add, list, set roles and groups, disable and enable', async () => {
    const added = await h.call<User>('users.add', { name: 'Alice', password: PASSWORD, roles: ['viewer', 'analyst', 'viewer'], groups: ['ops', 'analysts', 'ops'] }, boss);
    expect(added).toMatchObject({ name: 'Alice', roles: ['analyst', 'viewer'], groups: ['analysts', 'ops'], disabled: false, hasPassword: true, lastSignInAt: null });
    const duplicate = await h.failure('users.add', { name: 'alice', password: PASSWORD, roles: ['viewer'] }, boss);
    expect(authCodeOf(duplicate)).toBe('USER_EXISTS');
    expect(duplicate.message).toMatch(/There is an account "alice" already/);
    expect((await h.failure('users.add', { name: 'bad name', roles: ['viewer'] }, boss)).code).toBe('INVALID_INPUT');
    expect((await h.failure('users.add', { name: 'x', password: 'short', roles: ['viewer'] }, boss)).code).toBe('INVALID_INPUT');
    expect((await h.failure('users.add', { name: 'x', roles: ['superuser'] }, boss)).code).toBe('INVALID_INPUT');

    // Names match regardless of case; the stored spelling is the one the account is known by.
    const session = await h.call<SignedIn>('auth.signIn', { user: 'ALICE', password: PASSWORD }, anonymousHttp());
    expect(session.user.name).toBe('Alice');
    const alice = bearer(session.sessionToken);
    expect((await h.failure('users.list', {}, alice)).code).toBe('FORBIDDEN');

    expect(await h.call<User>('users.setRoles', { name: 'alice', roles: ['security-auditor'] }, boss)).toMatchObject({ roles: ['security-auditor'] });
    // A role change applies to live sessions at once.
    expect((await h.call<User[]>('users.list', {}, alice)).length).toBeGreaterThan(1);
    expect((await h.failure('rag.collections.list', {}, alice)).code).toBe('FORBIDDEN');

    expect(await h.call<User>('users.setGroups', { name: 'alice', groups: ['finance'] }, boss)).toMatchObject({ groups: ['finance'] });
    expect((await h.call<Me>('auth.me', {}, alice)).user.groups).toEqual(['finance']);

    expect((await h.call<User>('users.disable', { name: 'alice' }, boss)).disabled).toBe(true);
    expect((await h.call<User>('users.enable', { name: 'alice' }, boss)).disabled).toBe(false);
    expect((await h.failure('users.disable', { name: 'nobody' }, boss)).code).toBe('NOT_FOUND');
  });

  test('a trusted local context (tests, shells not yet signing in) keeps the roles it was built with', async () => {
    const me = await h.call<Me>('auth.me', {}, admin);
    expect(me).toMatchObject({ via: 'trusted', user: { name: 'root-admin', roles: ['admin'] } });
    expect(me.permissions).toContain('users.manage');
  });

  test('the last enabled administrator can be neither demoted nor disabled', async () => {
    const demote = await h.failure('users.setRoles', { name: 'boss', roles: ['viewer'] }, boss);
    expect(demote).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/"boss" is the last enabled administrator/) });
    expect((await h.failure('users.disable', { name: 'boss' }, boss)).code).toBe('INVALID_INPUT');
    await h.call('users.add', { name: 'second-admin', password: PASSWORD, roles: ['admin'] }, boss);
    expect((await h.call<User>('users.setRoles', { name: 'boss', roles: ['admin', 'analyst'] }, boss)).roles).toEqual(['admin', 'analyst']);
    expect((await h.call<User>('users.disable', { name: 'second-admin' }, boss)).disabled).toBe(true);
    expect((await h.failure('users.setRoles', { name: 'boss', roles: ['analyst'] }, boss)).code).toBe('INVALID_INPUT');
  });

  test('every sign-in, account change and role change is on the audit trail; no password is', async () => {
    await h.failure('auth.signIn', { user: 'Alice', password: 'not-the-password' }, anonymousHttp('10.7.7.7'));
    await h.settle();
    const entries = h.audit.list({ limit: 500 });
    const find = (action: string, outcome = 'success'): typeof entries => entries.filter((e) => e.action === action && e.outcome === outcome);
    expect(find('auth.signIn').map((e) => e.target)).toEqual(expect.arrayContaining(['user:boss', 'user:Alice']));
    expect(find('auth.signIn', 'failure')[0]).toMatchObject({ actor: 'Alice', target: 'user:Alice' });
    expect(find('users.add').map((e) => e.target)).toEqual(expect.arrayContaining(['user:Alice', 'user:second-admin']));
    expect(find('users.add', 'failure')[0]?.target).toBe('user:alice');
    const roleChange = find('users.setRoles').find((e) => e.target === 'user:Alice')!;
    expect(roleChange.actor).toBe('boss');
    expect(h.audit.get(roleChange.seq).payload).toMatchObject({ before: ['analyst', 'viewer'], after: ['security-auditor'], shell: 'http' });
    expect(find('users.setRoles', 'failure').length).toBeGreaterThan(0);
    for (const action of ['users.setGroups', 'users.disable', 'users.enable']) expect(find(action).length, action).toBeGreaterThan(0);
    const everything = entries.filter((e) => e.hasPayload).map((e) => JSON.stringify(h.audit.get(e.seq).payload)).join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('not-the-password');
    expect(everything).not.toMatch(/ens_[A-Za-z0-9_-]{20}/);
  });
});
