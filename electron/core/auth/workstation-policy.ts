import type { Db } from '../../../native/sqlite/open.js';

const KEY = 'auth.workstation';

/**
 * Whether this machine's OS account stands for one person. On a shared workstation it does not: the desktop app,
 * the CLI and the server's printed token stop signing the OS account in, and everyone signs in with a password.
 */
export class WorkstationPolicy {
  constructor(private readonly db: Db) {}

  isShared(): boolean {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return false;
    try {
      return (JSON.parse(row.value) as { shared?: unknown }).shared === true;
    } catch {
      // A damaged row must not lock people out silently; it reads as the default and the next change rewrites it.
      return false;
    }
  }

  setShared(shared: boolean): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify({ shared }));
  }
}
