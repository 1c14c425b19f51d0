import type Database from 'better-sqlite3';

/** How long a writer keeps asking for the write lock (on top of busy_timeout's own wait per try) before DB_BUSY. */
const RETRY_WINDOW_MS = 30_000;
const FIRST_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 250;

/**
 * SQLite's busy family, extended codes included: SQLITE_BUSY_SNAPSHOT (a deferred reader that tried to write after
 * another process committed), SQLITE_BUSY_RECOVERY, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED_SHAREDCACHE…
 */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * THE way to write: runs `work` in a transaction that takes the write lock first (BEGIN IMMEDIATE).
 *
 * Why not better-sqlite3's default (DEFERRED): in WAL mode a transaction that reads and then writes fails at once
 * with SQLITE_BUSY_SNAPSHOT when another process committed after its first read, and busy_timeout cannot wait that
 * out. Taking the lock up front means every read inside `work` sees the latest data and the write cannot fail that
 * way. When the lock stays taken past busy_timeout (a long ingest batch in another CLI process), the BEGIN is tried
 * again with jittered backoff for RETRY_WINDOW_MS; `work` itself never runs twice, so its side effects outside the
 * database (counters, events) stay honest. Inside an open transaction `work` joins it as a savepoint.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  let started = false;
  const transaction = db.transaction(() => {
    started = true;
    return work();
  });
  if (db.inTransaction) return transaction.immediate();
  const deadline = Date.now() + RETRY_WINDOW_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return transaction.immediate();
    } catch (error) {
      if (started || !isBusyError(error) || Date.now() >= deadline) throw error;
      sleepSync(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/** better-sqlite3 is synchronous, so the wait is too (as busy_timeout's is); the core never runs on a UI thread. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.ceil(ms));
}
