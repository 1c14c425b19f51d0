import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { User } from '../../electron/core/contract/auth.api.js';
import type { AuthCallContext } from '../../electron/core/auth/auth-context.js';
import { CliContext } from '../../electron/cli/cli-context.js';
import { cliCallContext, cliSessionPath, loginCommand, logoutCommand, osUserName, readCliSession } from '../../electron/cli/commands/login.command.js';
import { tokensCommand, usersCommand } from '../../electron/cli/commands/users.command.js';
import { Output } from '../../electron/cli/output.js';
import { startHarness, type Harness } from './harness.js';

describe('enclave users / login / logout / tokens', () => {
  let h: Harness;
  let cli: CliContext;
  let printed: string[];

  /** Runs a command and returns what it printed with --json. */
  async function run<T>(command: (cli: CliContext, argv: string[]) => Promise<void>, argv: string[], env: Record<string, string> = {}): Promise<T> {
    printed = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    try {
      await command(cli, [...argv, '--json']);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    return JSON.parse(printed.join('')) as T;
  }

  beforeAll(() => {
    h = startHarness();
    cli = new CliContext(h.core, new Output(true));
    cli.ctx = cliCallContext(h.dataDir, 'operator');
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => h.close());

  test('the OS user administers accounts from the first run on', async () => {
    const bob = await run<User>(usersCommand, ['add', 'bob', '--roles', 'analyst,labeler', '--groups', 'ops,analysts'], { ENCLAVE_NEW_PASSWORD: 'bobs password 1' });
    expect(bob).toMatchObject({ name: 'bob', roles: ['analyst', 'labeler'], groups: ['analysts', 'ops'], hasPassword: true });
    const osOnly = await run<User>(usersCommand, ['add', 'carol', '--no-password']);
    expect(osOnly).toMatchObject({ roles: ['viewer'], hasPassword: false });
    const list = await run<User[]>(usersCommand, ['list']);
    expect(list.map((u) => `${u.name}:${u.roles.join('+')}`)).toEqual(['bob:analyst+labeler', 'carol:viewer', 'operator:admin']);
    expect(await run<User>(usersCommand, ['set-role', 'carol', 'security-auditor'])).toMatchObject({ roles: ['security-auditor'] });
    expect(await run<User>(usersCommand, ['set-groups', 'carol', 'audit,finance'])).toMatchObject({ groups: ['audit', 'finance'] });
    expect(await run<User>(usersCommand, ['disable', 'carol'])).toMatchObject({ disabled: true });
    expect(await run<User>(usersCommand, ['enable', 'carol'])).toMatchObject({ disabled: false });
    expect(await run(usersCommand, ['passwd', 'carol'], { ENCLAVE_NEW_PASSWORD: 'carols new password' })).toEqual({ changed: true });
    await expect(run(usersCommand, ['promote', 'carol'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(run(usersCommand, ['set-role', 'carol', 'wizard'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('login stores the session in a 0600 file; later commands act as that account', async () => {
    await expect(run(loginCommand, ['--user', 'bob'], { ENCLAVE_PASSWORD: 'not bobs password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong user name or password' });
    expect(existsSync(cliSessionPath(h.dataDir))).toBe(false);

    const result = await run<{ user: User; expiresAt: string; sessionFile: string }>(loginCommand, ['--user', 'bob', '--hours', '2'], { ENCLAVE_PASSWORD: 'bobs password 1' });
    expect(result.user.name).toBe('bob');
    expect(printed.join('')).not.toContain('ens_');
    const file = cliSessionPath(h.dataDir);
    expect(result.sessionFile).toBe(file);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/"token":"ens_/);
    expect(Date.parse(result.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);

    const next = cliCallContext(h.dataDir, 'operator') as AuthCallContext;
    expect(next.credential?.kind).toBe('bearer');
    expect((await cli.call<{ user: User; via: string }>('auth.me', {})).user.name).toBe('bob');
    await expect(run(usersCommand, ['list'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('tokens: created once with their secret, listed without it, revoked', async () => {
    const created = await run<{ id: string; token: string; permissions: string[] }>(tokensCommand, ['create', 'nightly', '--permissions', 'rag.read,models.read', '--days', '7']);
    expect(created.token).toMatch(/^ent_/);
    expect(created.permissions).toEqual(['models.read', 'rag.read']);
    const listed = await run<Array<{ id: string }>>(tokensCommand, ['list']);
    expect(listed.map((t) => t.id)).toContain(created.id);
    expect(printed.join('')).not.toContain(created.token);
    expect(await run(tokensCommand, ['revoke', created.id])).toEqual({ revoked: true });
    await expect(run(tokensCommand, ['create', 'greedy', '--permissions', 'users.manage'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a session file others can read is refused; an expired one falls back to the OS account', () => {
    const file = cliSessionPath(h.dataDir);
    const saved = readFileSync(file, 'utf8');
    if (process.platform !== 'win32') {
      chmodSync(file, 0o644);
      expect(() => readCliSession(h.dataDir)).toThrow(/readable by other users/);
      chmodSync(file, 0o600);
    }
    writeFileSync(file, JSON.stringify({ ...JSON.parse(saved), expiresAt: '2000-01-01T00:00:00.000Z' }), { mode: 0o600 });
    expect((cliCallContext(h.dataDir, 'operator') as AuthCallContext).credential).toEqual({ kind: 'os', user: 'operator' });
    writeFileSync(file, saved, { mode: 0o600 });
  });

  test('logout ends the session in the database and removes the file', async () => {
    const token = (readCliSession(h.dataDir) as { token: string }).token;
    expect(await run(logoutCommand, [])).toEqual({ signedOut: true });
    expect(existsSync(cliSessionPath(h.dataDir))).toBe(false);
    expect(h.auth.sessions.resolve(token)).toBeUndefined();
    expect((cli.ctx as AuthCallContext).credential).toEqual({ kind: 'os', user: osUserName() });
    expect(await run(logoutCommand, [])).toEqual({ signedOut: false });
  });
});
