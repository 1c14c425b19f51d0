import type { Db } from '../../../native/sqlite/open.js';
import { authError } from './auth-errors.js';

/**
 * After `freeFailures` failures in a row, each further failure locks the key for `baseDelayMs · 2^k`, at most
 * `maxDelayMs`; failures are forgotten after `forgetAfterMs` without one.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 };
/** A source (an address, or `local` for every CLI) may be shared by several people: more slack before delays. */
export const SOURCE_POLICY: ThrottlePolicy = { freeFailures: 10, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 };

export function lockoutMs(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.baseDelayMs * 2 ** Math.min(failures - policy.freeFailures - 1, 30), policy.maxDelayMs);
}

interface Row {
  key: string;
  failures: number;
  last_failure_ms: number;
  locked_until_ms: number;
}

export interface Attempt {
  account: string;
  source: string;
  at: number;
  /** The source's lock before this attempt, restored when it succeeds (unless a later failure came in between). */
  sourceLockedBefore: number;
}

/**
 * Throttles password guessing per account and per source, in the database so a new CLI process or a restarted
 * server does not reset the count. An attempt is counted as a failure *before* the password is checked, in one
 * transaction, so concurrent guesses cannot all slip through the same window; a success takes it back.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly policies: { account: ThrottlePolicy; source: ThrottlePolicy } = { account: ACCOUNT_POLICY, source: SOURCE_POLICY },
  ) {}

  /** Throws TOO_MANY_ATTEMPTS while the account or the source is locked; otherwise counts the attempt. */
  begin(accountName: string, source: string): Attempt {
    const account = `account:${accountName.toLowerCase()}`;
    const sourceKey = `source:${source}`;
    return this.db.transaction(() => {
      const now = this.now();
      this.forget(now);
      const accountRow = this.row(account);
      const sourceRow = this.row(sourceKey);
      for (const [row, what] of [[accountRow, 'this account'], [sourceRow, 'this address']] as const) {
        if (row && row.locked_until_ms > now) {
          const retryAfterSeconds = Math.ceil((row.locked_until_ms - now) / 1000);
          throw authError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins for ${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds, key: what === 'this account' ? 'account' : 'source' });
        }
      }
      this.count(account, accountRow, now, this.policies.account);
      this.count(sourceKey, sourceRow, now, this.policies.source);
      return { account, source: sourceKey, at: now, sourceLockedBefore: sourceRow?.locked_until_ms ?? 0 };
    }).immediate();
  }

  /** The password was right: the account starts afresh, and the source gets back the failure counted in advance. */
  succeeded(attempt: Attempt): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sign_in_throttle WHERE key = ?').run(attempt.account);
      this.db
        .prepare('UPDATE sign_in_throttle SET failures = failures - 1, locked_until_ms = CASE WHEN last_failure_ms = ? THEN ? ELSE locked_until_ms END WHERE key = ?')
        .run(attempt.at, attempt.sourceLockedBefore, attempt.source);
      this.db.prepare('DELETE FROM sign_in_throttle WHERE key = ? AND failures <= 0').run(attempt.source);
    }).immediate();
  }

  /** Failures counted for a key now (0 when none or forgotten); for tests and diagnostics. */
  failures(key: string): number {
    return this.row(key)?.failures ?? 0;
  }

  private row(key: string): Row | undefined {
    return this.db.prepare('SELECT key, failures, last_failure_ms, locked_until_ms FROM sign_in_throttle WHERE key = ?').get(key) as Row | undefined;
  }

  private count(key: string, row: Row | undefined, now: number, policy: ThrottlePolicy): void {
    const failures = (row?.failures ?? 0) + 1;
    this.db
      .prepare('INSERT INTO sign_in_throttle (key, failures, last_failure_ms, locked_until_ms) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_ms = excluded.last_failure_ms, locked_until_ms = excluded.locked_until_ms')
      .run(key, failures, now, now + lockoutMs(failures, policy));
  }

  private forget(now: number): void {
    const { account, source } = this.policies;
    this.db.prepare("DELETE FROM sign_in_throttle WHERE key LIKE 'account:%' AND last_failure_ms < ? AND locked_until_ms <= ?").run(now - account.forgetAfterMs, now);
    this.db.prepare("DELETE FROM sign_in_throttle WHERE key LIKE 'source:%' AND last_failure_ms < ? AND locked_until_ms <= ?").run(now - source.forgetAfterMs, now);
  }
}
