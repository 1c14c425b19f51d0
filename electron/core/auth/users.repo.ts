import type { Db } from '../../../native/sqlite/open.js';
import type { RoleName, User } from '../contract/auth.api.js';

export interface UserRow {
  id: number;
  name: string;
  password_hash: string | null;
  disabled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  password_changed_at: string | null;
  last_sign_in_at: string | null;
}

/** An account with its roles and groups, as the rest of the area uses it. */
export interface Account {
  id: number;
  name: string;
  passwordHash: string | null;
  disabled: boolean;
  roles: RoleName[];
  groups: string[];
  user: User;
}

export interface NewUser {
  name: string;
  passwordHash: string | null;
  roles: readonly RoleName[];
  groups: readonly string[];
  createdBy: string;
  now: string;
}

/** Users, their roles and their groups. Names match regardless of case; the stored spelling is the canonical one. */
export class UsersRepo {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  /** Enabled accounts holding the admin role, other than `exceptId`. */
  otherActiveAdmins(exceptId: number): number {
    const row = this.db
      .prepare(`SELECT count(*) AS n FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.disabled = 0 AND u.id <> ?`)
      .get(exceptId) as { n: number };
    return row.n;
  }

  byName(name: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ? COLLATE NOCASE').get(name) as UserRow | undefined;
    return row && this.account(row);
  }

  byId(id: number): Account | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && this.account(row);
  }

  list(): Account[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY name COLLATE NOCASE').all() as UserRow[];
    return rows.map((row) => this.account(row));
  }

  insert(user: NewUser): Account {
    const id = this.db.transaction(() => {
      const result = this.db
        .prepare('INSERT INTO users (name, password_hash, disabled, created_by, created_at, updated_at, password_changed_at) VALUES (?, ?, 0, ?, ?, ?, ?)')
        .run(user.name, user.passwordHash, user.createdBy, user.now, user.now, user.passwordHash === null ? null : user.now);
      const newId = Number(result.lastInsertRowid);
      this.writeRoles(newId, user.roles);
      this.writeGroups(newId, user.groups);
      return newId;
    }).immediate();
    return this.byId(id) as Account;
  }

  setRoles(id: number, roles: readonly RoleName[], now: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(id);
      this.writeRoles(id, roles);
      this.touch(id, now);
    }).immediate();
  }

  setGroups(id: number, groups: readonly string[], now: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM user_groups WHERE user_id = ?').run(id);
      this.writeGroups(id, groups);
      this.touch(id, now);
    }).immediate();
  }

  setDisabled(id: number, disabled: boolean, now: string): void {
    this.db.prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, now, id);
  }

  setPasswordHash(id: number, hash: string, now: string): void {
    this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?').run(hash, now, now, id);
  }

  signedIn(id: number, now: string): void {
    this.db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(now, id);
  }

  private touch(id: number, now: string): void {
    this.db.prepare('UPDATE users SET updated_at = ? WHERE id = ?').run(now, id);
  }

  private writeRoles(id: number, roles: readonly RoleName[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?, ?)');
    for (const role of roles) insert.run(id, role);
  }

  private writeGroups(id: number, groups: readonly string[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO user_groups (user_id, group_name) VALUES (?, ?)');
    for (const group of groups) insert.run(id, group);
  }

  private account(row: UserRow): Account {
    const roles = (this.db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').all(row.id) as Array<{ role: RoleName }>).map((r) => r.role);
    const groups = (this.db.prepare('SELECT group_name FROM user_groups WHERE user_id = ? ORDER BY group_name').all(row.id) as Array<{ group_name: string }>).map((g) => g.group_name);
    return {
      id: row.id,
      name: row.name,
      passwordHash: row.password_hash,
      disabled: row.disabled === 1,
      roles,
      groups,
      user: {
        name: row.name,
        roles,
        groups,
        disabled: row.disabled === 1,
        hasPassword: row.password_hash !== null,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        lastSignInAt: row.last_sign_in_at,
      },
    };
  }
}
