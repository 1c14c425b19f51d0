import type { Db } from '../../../native/sqlite/open.js';
import type { AuditCheckpoint, AuditEntry, AuditOutcome } from './audit.types.js';
import type { KeyKind } from './audit-keys.js';
import { writeTransaction } from '../../../native/sqlite/write-transaction.js';

export interface EntryRow {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  inputDigest: string | null;
  outputDigest: string | null;
  payloadDigest: string | null;
  payload: Buffer | null;
  prevHash: string;
  hash: string;
}

/** Column order of `EntryTuple`, the raw rows that verification and export stream through. */
export type EntryTuple = [number, string, string, string, string, AuditOutcome, string | null, string | null, string | null, Buffer | null, string, string];

export interface ListFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  since?: string;
  until?: string;
  beforeSeq?: number;
  limit: number;
}

const entryColumns = 'seq, time, actor, action, target, outcome, input_digest, output_digest, payload_digest, payload, prev_hash, entry_hash';
const entrySelect = `SELECT seq, time, actor, action, target, outcome, input_digest AS inputDigest, output_digest AS outputDigest,
  payload_digest AS payloadDigest, payload, prev_hash AS prevHash, entry_hash AS hash FROM audit_entries`;

/** SQL for the audit tables, nothing else. */
export class AuditRepo {
  private readonly stmts;

  constructor(readonly db: Db) {
    this.stmts = {
      tail: db.prepare('SELECT seq, entry_hash AS hash FROM audit_entries ORDER BY seq DESC LIMIT 1'),
      head: db.prepare('SELECT seq, head_hash AS hash, mac FROM audit_head WHERE id = 1'),
      setHead: db.prepare('INSERT INTO audit_head (id, seq, head_hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, head_hash = excluded.head_hash, mac = excluded.mac'),
      insert: db.prepare(`INSERT INTO audit_entries (${entryColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      lastCheckpoint: db.prepare('SELECT max(seq) AS seq FROM audit_checkpoints'),
      insertCheckpoint: db.prepare('INSERT OR REPLACE INTO audit_checkpoints (seq, head_hash, time, key_id, signature) VALUES (?, ?, ?, ?, ?)'),
      checkpoints: db.prepare('SELECT seq, head_hash AS headHash, time, key_id AS keyId, signature FROM audit_checkpoints WHERE seq BETWEEN ? AND ? ORDER BY seq'),
      keys: db.prepare('SELECT kind, key_id AS keyId, public_key AS publicKey FROM audit_keys'),
      registerKey: db.prepare('INSERT OR IGNORE INTO audit_keys (kind, key_id, public_key, created_at) VALUES (?, ?, ?, ?)'),
      anyState: db.prepare('SELECT EXISTS (SELECT 1 FROM audit_entries) OR EXISTS (SELECT 1 FROM audit_checkpoints) OR EXISTS (SELECT 1 FROM audit_head) AS found'),
      count: db.prepare('SELECT count(*) AS n FROM audit_entries'),
      chunk: db.prepare(`SELECT ${entryColumns} FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true),
      // The payload bytes cost more to fetch than the rest of the row: the chain-only walk asks whether there is one.
      chunkLight: db.prepare(`SELECT ${entryColumns.replace('payload,', "iif(payload IS NULL, NULL, X'') AS payload,")} FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true),
      bySeq: db.prepare(`${entrySelect} WHERE seq = ?`),
      before: db.prepare(`SELECT ${entryColumns} FROM audit_entries WHERE seq < ? ORDER BY seq DESC LIMIT 1`).raw(true),
      firstSeqSince: db.prepare('SELECT min(seq) FROM audit_entries WHERE time >= ?').pluck(),
      recent: db.prepare('SELECT seq, time, actor, action, target, outcome FROM audit_entries WHERE time >= ? ORDER BY seq DESC LIMIT ?'),
      purge: db.prepare('UPDATE audit_entries SET payload = NULL WHERE time < ? AND payload IS NOT NULL'),
    };
  }

  /** Runs `work` in one write transaction taken up front, so seq and prev hash cannot race another writer. */
  immediate<T>(work: () => T): T {
    return writeTransaction(this.db, work);
  }

  tail(): { seq: number; hash: string } | undefined {
    return this.stmts.tail.get() as { seq: number; hash: string } | undefined;
  }

  head(): { seq: number; hash: string; mac: string } | undefined {
    return this.stmts.head.get() as { seq: number; hash: string; mac: string } | undefined;
  }

  setHead(seq: number, hash: string, mac: string): void {
    this.stmts.setHead.run(seq, hash, mac);
  }

  insert(row: EntryRow): void {
    this.stmts.insert.run(row.seq, row.time, row.actor, row.action, row.target, row.outcome, row.inputDigest, row.outputDigest, row.payloadDigest, row.payload, row.prevHash, row.hash);
  }

  lastCheckpointSeq(): number {
    return (this.stmts.lastCheckpoint.get() as { seq: number | null }).seq ?? 0;
  }

  insertCheckpoint(cp: AuditCheckpoint): void {
    this.stmts.insertCheckpoint.run(cp.seq, cp.headHash, cp.time, cp.keyId, cp.signature);
  }

  checkpoints(fromSeq = 0, toSeq = Number.MAX_SAFE_INTEGER): AuditCheckpoint[] {
    return this.stmts.checkpoints.all(fromSeq, toSeq) as AuditCheckpoint[];
  }

  registeredKeys(): Map<KeyKind, { keyId: string; publicKey: string | null }> {
    const rows = this.stmts.keys.all() as Array<{ kind: KeyKind; keyId: string; publicKey: string | null }>;
    return new Map(rows.map((row) => [row.kind, { keyId: row.keyId, publicKey: row.publicKey }]));
  }

  registerKey(kind: KeyKind, keyId: string, publicKey: string | null, createdAt: string): void {
    this.stmts.registerKey.run(kind, keyId, publicKey, createdAt);
  }

  /** Whether anything was ever written: then a missing key is an error, never a reason to make a new one. */
  hasState(): boolean {
    return (this.stmts.anyState.get() as { found: number }).found === 1;
  }

  count(): number {
    return (this.stmts.count.get() as { n: number }).n;
  }

  /**
   * Up to `limit` entries after `afterSeq`, as positional tuples (cheaper than objects in the hot loops). Without
   * `withPayload`, a present payload comes back as an empty buffer.
   */
  chunk(afterSeq: number, limit: number, withPayload = true): EntryTuple[] {
    return (withPayload ? this.stmts.chunk : this.stmts.chunkLight).all(afterSeq, limit) as EntryTuple[];
  }

  entry(seq: number): EntryRow | undefined {
    return this.stmts.bySeq.get(seq) as EntryRow | undefined;
  }

  /** The last entry below `seq`, as a tuple. */
  before(seq: number): EntryTuple | undefined {
    return this.stmts.before.get(seq) as EntryTuple | undefined;
  }

  firstSeqSince(time: string): number | null {
    return this.stmts.firstSeqSince.get(time) as number | null;
  }

  /** The last `limit` entries from `time` on, oldest first, without payloads. */
  recent(time: string, limit: number): Array<Pick<EntryRow, 'seq' | 'time' | 'actor' | 'action' | 'target' | 'outcome'>> {
    return (this.stmts.recent.all(time, limit) as Array<Pick<EntryRow, 'seq' | 'time' | 'actor' | 'action' | 'target' | 'outcome'>>).reverse();
  }

  purgePayloads(before: string): number {
    return this.stmts.purge.run(before).changes;
  }

  /** Newest first; `beforeSeq` pages backwards. Column names are fixed here, values are always bound. */
  list(filter: ListFilter): EntryRow[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('actor = ?', filter.actor);
    add('action = ?', filter.action);
    add('outcome = ?', filter.outcome);
    add('time >= ?', filter.since);
    add('time < ?', filter.until);
    add('seq < ?', filter.beforeSeq);
    const sql = `${entrySelect}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.db.prepare(sql).all(...params, filter.limit) as EntryRow[];
  }
}

export function toEntry(row: EntryRow): AuditEntry {
  const { payload, ...fields } = row;
  return { ...fields, hasPayload: payload !== null };
}
