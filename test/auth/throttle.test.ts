import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CallContext } from '../../electron/core/contract/context.js';
import { AuditService } from '../../electron/core/audit/audit.service.js';
import type { AuthCallContext } from '../../electron/core/auth/auth-context.js';
import { authCodeOf } from '../../electron/core/auth/auth-errors.js';
import { AuthService } from '../../electron/core/auth/auth.service.js';
import { ACCOUNT_POLICY, lockoutMs, SignInThrottle, SOURCE_POLICY } from '../../electron/core/auth/throttle.js';
import { openDatabase, type Db } from '../../native/sqlite/open.js';
import { tempDir } from '../helpers/fixtures.js';

const fast = { ln: 10, r: 8, p: 1 };
const from = (source: string): CallContext => ({ user: '', roles: [], groups: [], shell: 'http', source }) as AuthCallContext;

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('sign-in throttling per account and per source', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: Db;
  let audit: AuditService;
  let clock: number;
  let auth: AuthService;

  beforeEach(async () => {
    temp = tempDir('enclave-throttle-');
    db = openDatabase(path.join(temp.dir, 'enclave.db')).db;
    audit = AuditService.open({ db, dataDir: temp.dir });
    clock = Date.parse('2026-11-01T10:00:00Z');
    auth = new AuthService({ db, audit, now: () => clock, scrypt: fast });
    await auth.ensureAdmin('alice', { password: 'alice-password-1' });
  });
  afterEach(() => {
    audit.flush();
    db.close();
    temp.cleanup();
  });

  test('the delay grows exponentially after the free failures, up to a cap', () => {
    expect([1, 2, 3].map((n) => lockoutMs(n, ACCOUNT_POLICY))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => lockoutMs(n, ACCOUNT_POLICY))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(lockoutMs(40, ACCOUNT_POLICY)).toBe(15 * 60_000);
    expect(lockoutMs(10, SOURCE_POLICY)).toBe(0);
    expect(lockoutMs(11, SOURCE_POLICY)).toBe(1_000);
  });

  test('wrong passwords lock the account; while locked even the right password is not checked', async () => {
    for (let i = 0; i < 4; i++) {
      const error = await rejection(auth.signIn({ user: 'alice', password: 'wrong-guess' }, from('10.0.0.1')));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe('Wrong user name or password');
    }
    const locked = await rejection(auth.signIn({ user: 'alice', password: 'alice-password-1' }, from('10.0.0.2')));
    expect(authCodeOf(locked)).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.message).toMatch(/Too many failed sign-ins for this account; try again in 1 s/);
    expect(locked.details).toMatchObject({ retryAfterSeconds: 1, key: 'account' });

    clock += 1_000;
    const signedIn = await auth.signIn({ user: 'alice', password: 'alice-password-1' }, from('10.0.0.2'));
    expect(signedIn.user.name).toBe('alice');
    expect(auth.throttle.failures('account:alice')).toBe(0);
  });

  test('each further failure doubles the wait', async () => {
    for (let i = 0; i < 4; i++) await rejection(auth.signIn({ user: 'alice', password: 'nope-nope' }, from('10.0.0.1')));
    for (const wait of [1, 2, 4, 8]) {
      expect((await rejection(auth.signIn({ user: 'alice', password: 'nope-nope' }, from('10.0.0.1')))).details).toMatchObject({ retryAfterSeconds: wait });
      clock += wait * 1_000;
      expect((await rejection(auth.signIn({ user: 'alice', password: 'nope-nope' }, from('10.0.0.1')))).code).toBe('UNAUTHORIZED');
    }
  });

  test('unknown accounts are throttled alike, so the throttle does not reveal which names exist', async () => {
    for (let i = 0; i < 4; i++) expect((await rejection(auth.signIn({ user: 'nobody', password: 'whatever1' }, from('10.0.0.1')))).message).toBe('Wrong user name or password');
    expect(authCodeOf(await rejection(auth.signIn({ user: 'nobody', password: 'whatever1' }, from('10.0.0.1'))))).toBe('TOO_MANY_ATTEMPTS');
    // Names match regardless of case, for the throttle too.
    expect(authCodeOf(await rejection(auth.signIn({ user: 'NOBODY', password: 'whatever1' }, from('10.0.0.3'))))).toBe('TOO_MANY_ATTEMPTS');
  });

  test('one source guessing across many accounts is locked, other sources are not', async () => {
    for (let i = 0; i < 11; i++) await rejection(auth.signIn({ user: `user${i}`, password: 'spray-password' }, from('10.9.9.9')));
    const locked = await rejection(auth.signIn({ user: 'alice', password: 'alice-password-1' }, from('10.9.9.9')));
    expect(authCodeOf(locked)).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.details).toMatchObject({ key: 'source' });
    expect((await auth.signIn({ user: 'alice', password: 'alice-password-1' }, from('10.0.0.5'))).user.name).toBe('alice');
  });

  test('a success gives the source back only its own attempt', async () => {
    for (let i = 0; i < 3; i++) await rejection(auth.signIn({ user: 'mallory', password: 'guess-guess' }, from('10.1.1.1')));
    await auth.signIn({ user: 'alice', password: 'alice-password-1' }, from('10.1.1.1'));
    expect(auth.throttle.failures('source:10.1.1.1')).toBe(3);
    expect(auth.throttle.failures('account:mallory')).toBe(3);
  });

  test('concurrent guesses cannot slip through one window: each attempt is counted before the hash is checked', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => auth.signIn({ user: 'alice', password: 'parallel-guess' }, from('10.2.2.2'))));
    const codes = results.map((r) => (r.status === 'rejected' ? (authCodeOf(r.reason) ?? (r.reason as { code: string }).code) : 'ok'));
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(4);
  });

  test('the count survives a restart (a new process or connection) and is forgotten after a quiet day', async () => {
    for (let i = 0; i < 5; i++) await rejection(auth.signIn({ user: 'alice', password: 'wrong-again' }, from('10.3.3.3')));
    const other = openDatabase(path.join(temp.dir, 'enclave.db')).db;
    try {
      const throttle = new SignInThrottle(other, () => clock);
      expect(authCodeOf(rejectionSync(() => throttle.begin('alice', '10.4.4.4')))).toBe('TOO_MANY_ATTEMPTS');
      clock += ACCOUNT_POLICY.forgetAfterMs + 1;
      throttle.begin('alice', '10.4.4.4');
      expect(throttle.failures('account:alice')).toBe(1);
    } finally {
      other.close();
    }
  });

  test('failed and throttled sign-ins are audited against the account, and a burst raises the alert', async () => {
    for (let i = 0; i < 5; i++) await rejection(auth.signIn({ user: 'alice', password: 'burst-guess' }, from('10.5.5.5')));
    await new Promise((resolve) => setImmediate(resolve));
    audit.flush();
    const entries = audit.list({ limit: 100 });
    const signIns = entries.filter((e) => e.action === 'auth.signIn');
    expect(signIns.map((e) => e.outcome).sort()).toEqual(['denied', 'failure', 'failure', 'failure', 'failure']);
    expect(signIns.every((e) => e.target === 'user:alice' && e.actor === 'alice')).toBe(true);
    const alert = entries.find((e) => e.action === 'audit.alert');
    expect(alert?.target).toBe('sign-in-failures:user:alice');
    const payloads = signIns.map((e) => JSON.stringify(audit.get(e.seq).payload));
    expect(payloads.some((p) => p.includes('burst-guess'))).toBe(false);
    expect(payloads.some((p) => p.includes('"source":"10.5.5.5"'))).toBe(true);
  });
});

function rejectionSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception');
}
