import type { Db } from '../../../native/sqlite/open.js';
import { digestOf, newId, newSecret, SESSION_PREFIX } from './secret-token.js';

export const DEFAULT_SESSION_HOURS = 12;
/** `last_used_at` is written at most this often, so reads do not turn every call into a write. */
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  id: string;
  userId: number;
  expiresAt: string;
}

interface SessionRow {
  id: string;
  user_id: number;
  expires_at: string;
  last_used_at: string;
  revoked_at: string | null;
}

/** Opaque session tokens: stored as digests, with an absolute expiry, revocable one by one or per account. */
export class SessionStore {
  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  create(userId: number, options: { ttlHours?: number; shell: string; source: string }): Session & { token: string } {
    const token = newSecret(SESSION_PREFIX);
    const id = newId('ses_');
    const now = this.now();
    const expiresAt = new Date(now + (options.ttlHours ?? DEFAULT_SESSION_HOURS) * 3_600_000).toISOString();
    const created = new Date(now).toISOString();
    this.db
      .prepare('INSERT INTO sessions (id, user_id, token_hash, shell, source, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, userId, digestOf(token), options.shell, options.source, created, expiresAt, created);
    this.purgeExpired();
    return { id, userId, expiresAt, token };
  }

  /** The live session a token belongs to; undefined when unknown, expired or revoked. */
  resolve(token: string): Session | undefined {
    if (!token.startsWith(SESSION_PREFIX)) return undefined;
    const row = this.db.prepare('SELECT id, user_id, expires_at, last_used_at, revoked_at FROM sessions WHERE token_hash = ?').get(digestOf(token)) as SessionRow | undefined;
    const now = this.now();
    if (!row || row.revoked_at !== null || Date.parse(row.expires_at) <= now) return undefined;
    if (now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(new Date(now).toISOString(), row.id);
    }
    return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
  }

  revoke(id: string): boolean {
    return this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.iso(), id).changes > 0;
  }

  /** Signs an account out everywhere (but the session `exceptId`, the one changing its own password). */
  revokeAllFor(userId: number, exceptId?: string): number {
    return this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?')
      .run(this.iso(), userId, exceptId ?? null).changes;
  }

  /** Expired and revoked sessions are kept a day for investigation, then dropped. */
  purgeExpired(): number {
    const cutoff = new Date(this.now() - 86_400_000).toISOString();
    return this.db.prepare('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?').run(cutoff, cutoff).changes;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
