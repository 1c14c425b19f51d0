import type { Db } from '../../../native/sqlite/open.js';
import type { CallContext } from '../contract/context.js';
import type { Withheld } from '../contract/rag.api.js';
import { AccessSets } from './access.js';

/** The marker that replaces withheld text. */
export const WITHHELD: Withheld = { withheld: true, reason: 'ACCESS' };

/**
 * Access lists of text derived from retrieved chunks (RAG answers, traces, eval results). What was produced from a
 * passage is as secret as the passage: it carries the access sets of every chunk it was built from, and a reader
 * must be able to read all of them. Access sets are immutable principal lists, so the record outlives re-ingestion
 * and deletion of the chunks themselves.
 */
export class ContentAccess {
  private readonly sets: AccessSets;

  constructor(private readonly db: Db) {
    this.sets = new AccessSets(db);
  }

  /** The distinct access sets of these chunks; null when one of them is gone (its access list is unknown). */
  aclSetsOfChunks(chunkIds: number[]): number[] | null {
    const unique = [...new Set(chunkIds)];
    if (unique.length === 0) return [];
    const rows = this.db.prepare(`SELECT id, acl_set_id FROM chunks WHERE id IN (${unique.map(() => '?').join(',')})`).all(...unique) as Array<{ id: number; acl_set_id: number }>;
    if (rows.length !== unique.length) return null;
    return [...new Set(rows.map((r) => r.acl_set_id))].sort((a, b) => a - b);
  }

  /** The access sets a trace recorded for its passages (older traces: looked up from chunks still present). */
  aclSetsOfTrace(traceId: string): number[] | null {
    const row = this.db.prepare('SELECT retrieved_json FROM rag_traces WHERE id = ?').get(traceId) as { retrieved_json: string } | undefined;
    if (!row) return null;
    const retrieved = JSON.parse(row.retrieved_json) as Array<{ chunkId: number; aclSetId?: number }>;
    const recorded = retrieved.filter((r) => typeof r.aclSetId === 'number').map((r) => r.aclSetId as number);
    const unrecorded = retrieved.filter((r) => typeof r.aclSetId !== 'number').map((r) => r.chunkId);
    const looked = this.aclSetsOfChunks(unrecorded);
    return looked === null ? null : [...new Set([...recorded, ...looked])];
  }

  /** True when the caller may read every access set (an unknown list, null, is never readable). */
  mayReadAll(ctx: CallContext, aclSets: number[] | null): boolean {
    if (aclSets === null) return false;
    if (aclSets.length === 0) return true;
    const readable = new Set(this.sets.readableBy(ctx));
    return aclSets.every((id) => readable.has(id));
  }
}
