import type { Db } from '../../../native/sqlite/open.js';
import type { CallContext } from '../contract/context.js';

/** Everyone may read documents whose access list holds this principal. */
export const PUBLIC = 'public';

/** The principals a caller acts as: their user, their groups, and everyone. */
export function principalsOf(ctx: CallContext): string[] {
  return [`user:${ctx.user}`, ...ctx.groups.map((g) => `group:${g}`), PUBLIC];
}

/** A document's access list in canonical form (sorted, unique), so equal lists share one set. */
export function canonicalAcl(principals: string[]): string[] {
  return [...new Set(principals)].sort();
}

/**
 * Access lists as shared sets. Retrieval filters chunks by the few set ids a caller may read, inside the query
 * itself (vector partitions and FTS joins), so no result, count or ranking depends on chunks they may not see.
 */
export class AccessSets {
  constructor(private readonly db: Db) {}

  idFor(principals: string[]): number {
    const canonical = JSON.stringify(canonicalAcl(principals));
    const existing = this.db.prepare('SELECT id FROM acl_sets WHERE principals = ?').get(canonical) as { id: number } | undefined;
    if (existing) return existing.id;
    const id = Number(this.db.prepare('INSERT INTO acl_sets (principals) VALUES (?)').run(canonical).lastInsertRowid);
    const member = this.db.prepare('INSERT INTO acl_set_members (acl_set_id, principal) VALUES (?, ?)');
    for (const principal of canonicalAcl(principals)) member.run(id, principal);
    return id;
  }

  principals(aclSetId: number): string[] {
    const row = this.db.prepare('SELECT principals FROM acl_sets WHERE id = ?').get(aclSetId) as { principals: string } | undefined;
    return row ? (JSON.parse(row.principals) as string[]) : [];
  }

  /** The set ids a caller may read. */
  readableBy(ctx: CallContext): number[] {
    const principals = principalsOf(ctx);
    const rows = this.db
      .prepare(`SELECT DISTINCT acl_set_id FROM acl_set_members WHERE principal IN (${principals.map(() => '?').join(',')})`)
      .all(...principals) as Array<{ acl_set_id: number }>;
    return rows.map((r) => r.acl_set_id);
  }
}
