import type { Db } from '../../../../native/sqlite/open.js';
import type { PseudonymVault, VaultEntry } from './pseudonym-vault.js';

interface VaultRow {
  scope: string; pseudonym: string; entity_type: string; iv: Buffer; ciphertext: Buffer; auth_tag: Buffer; created_at: string;
}

/** The pseudonym vault in SQLite (`guard_vault`, migration 003); nothing else touches that table. */
export class SqlitePseudonymVault implements PseudonymVault {
  constructor(private readonly db: Db) {}

  async put(entry: VaultEntry): Promise<void> {
    this.db.prepare(`INSERT OR IGNORE INTO guard_vault (scope, pseudonym, entity_type, iv, ciphertext, auth_tag, created_at)
      VALUES (@scope, @pseudonym, @entityType, @iv, @ciphertext, @authTag, @createdAt)`).run(entry);
  }

  async get(scope: string, pseudonym: string): Promise<VaultEntry | undefined> {
    const row = this.db.prepare('SELECT * FROM guard_vault WHERE scope = ? AND pseudonym = ?').get(scope, pseudonym) as VaultRow | undefined;
    return row && {
      scope: row.scope, pseudonym: row.pseudonym, entityType: row.entity_type, iv: row.iv, ciphertext: row.ciphertext,
      authTag: row.auth_tag, createdAt: row.created_at,
    };
  }

  async deleteScope(scope: string): Promise<number> {
    return this.db.prepare('DELETE FROM guard_vault WHERE scope = ?').run(scope).changes;
  }

  /** Retention: forgets every pseudonym created before `isoTime`; returns how many. */
  purgeCreatedBefore(isoTime: string): number {
    return this.db.prepare('DELETE FROM guard_vault WHERE created_at < ?').run(isoTime).changes;
  }
}
