import type { Db } from '../../../native/sqlite/open.js';
import { PermissionName, type ApiTokenInfo } from '../contract/auth.api.js';
import { API_TOKEN_PREFIX, digestOf, newId, newSecret } from './secret-token.js';

interface TokenRow {
  id: string;
  user_id: number;
  user_name: string;
  name: string;
  permissions_json: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LiveToken {
  id: string;
  name: string;
  userId: number;
  permissions: PermissionName[];
  expiresAt: string | null;
}

const TOUCH_EVERY_MS = 60_000;
const SELECT = `SELECT t.id, t.user_id, u.name AS user_name, t.name, t.permissions_json, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

/** API tokens for scripts: one user, a fixed set of permissions, an optional expiry; the secret is shown once. */
export class ApiTokenStore {
  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  create(userId: number, options: { name: string; permissions: readonly PermissionName[]; expiresInDays?: number }): ApiTokenInfo & { token: string } {
    const token = newSecret(API_TOKEN_PREFIX);
    const id = newId('tok_');
    const now = this.now();
    const expiresAt = options.expiresInDays === undefined ? null : new Date(now + options.expiresInDays * 86_400_000).toISOString();
    const permissions = [...new Set(options.permissions)].sort();
    this.db
      .prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, permissions_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, userId, options.name, digestOf(token), JSON.stringify(permissions), new Date(now).toISOString(), expiresAt);
    return { ...(this.get(id) as ApiTokenInfo), token };
  }

  /** The live token a secret belongs to; undefined when unknown, expired or revoked. */
  resolve(token: string): LiveToken | undefined {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const row = this.db.prepare(`${SELECT} WHERE t.token_hash = ?`).get(digestOf(token)) as TokenRow | undefined;
    const now = this.now();
    if (!row || row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= now)) return undefined;
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(new Date(now).toISOString(), row.id);
    }
    return { id: row.id, name: row.name, userId: row.user_id, permissions: permissionsOf(row), expiresAt: row.expires_at };
  }

  get(id: string): (ApiTokenInfo & { userId: number }) | undefined {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TokenRow | undefined;
    return row && { ...info(row), userId: row.user_id };
  }

  listFor(userId: number): ApiTokenInfo[] {
    return (this.db.prepare(`${SELECT} WHERE t.user_id = ? ORDER BY t.created_at, t.id`).all(userId) as TokenRow[]).map(info);
  }

  revoke(id: string): boolean {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(new Date(this.now()).toISOString(), id).changes > 0;
  }
}

/** Stored scopes are re-validated: a permission this build no longer knows is dropped, never widened. */
function permissionsOf(row: TokenRow): PermissionName[] {
  const parsed: unknown = JSON.parse(row.permissions_json);
  return Array.isArray(parsed) ? parsed.filter((p): p is PermissionName => PermissionName.safeParse(p).success) : [];
}

function info(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    user: row.user_name,
    permissions: permissionsOf(row),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
