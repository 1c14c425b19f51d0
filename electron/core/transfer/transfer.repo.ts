import type { Db } from '../../../native/sqlite/open.js';

export interface TrustEntry {
  name: string;
  fingerprint: string;
  signingKey: string;
  agreementKey: string;
  syncUrl: string | null;
  addedBy: string;
  addedAt: string;
}

export interface ProvenanceRow {
  key: string;
  kind: string;
  sha256: string;
  sourceFingerprint: string;
  sourceName: string;
  bundleId: string;
  importedBy: string;
  importedAt: string;
}

interface TrustRow { name: string; fingerprint: string; signing_key: string; agreement_key: string; sync_url: string | null; added_by: string; added_at: string }
interface ProvenanceDbRow { object_key: string; kind: string; sha256: string; source_fingerprint: string; source_name: string; bundle_id: string; imported_by: string; imported_at: string }

const trust = (r: TrustRow): TrustEntry => ({ name: r.name, fingerprint: r.fingerprint, signingKey: r.signing_key, agreementKey: r.agreement_key, syncUrl: r.sync_url, addedBy: r.added_by, addedAt: r.added_at });

/** The trust store, the bundle log and per-object provenance (migration 016). */
export class TransferRepo {
  constructor(private readonly db: Db) {}

  trustList(): TrustEntry[] {
    return (this.db.prepare('SELECT * FROM transfer_trust ORDER BY name').all() as TrustRow[]).map(trust);
  }

  trustByName(name: string): TrustEntry | undefined {
    const row = this.db.prepare('SELECT * FROM transfer_trust WHERE name = ?').get(name) as TrustRow | undefined;
    return row && trust(row);
  }

  trustByFingerprint(fingerprint: string): TrustEntry | undefined {
    const row = this.db.prepare('SELECT * FROM transfer_trust WHERE fingerprint = ?').get(fingerprint) as TrustRow | undefined;
    return row && trust(row);
  }

  addTrust(e: TrustEntry): void {
    this.db.prepare('INSERT INTO transfer_trust (name, fingerprint, signing_key, agreement_key, sync_url, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(e.name, e.fingerprint, e.signingKey, e.agreementKey, e.syncUrl, e.addedBy, e.addedAt);
  }

  removeTrust(name: string): boolean {
    return this.db.prepare('DELETE FROM transfer_trust WHERE name = ?').run(name).changes > 0;
  }

  logBundle(b: { bundleId: string; direction: 'export' | 'import'; peer: string | null; fingerprint: string; objects: number; summary: unknown; actor: string; at: string }): void {
    this.db.prepare('INSERT OR IGNORE INTO transfer_bundles (bundle_id, direction, peer, fingerprint, objects, summary_json, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(b.bundleId, b.direction, b.peer, b.fingerprint, b.objects, JSON.stringify(b.summary), b.actor, b.at);
  }

  recordProvenance(rows: readonly ProvenanceRow[]): void {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO transfer_provenance (object_key, kind, sha256, source_fingerprint, source_name, bundle_id, imported_by, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of rows) insert.run(r.key, r.kind, r.sha256, r.sourceFingerprint, r.sourceName, r.bundleId, r.importedBy, r.importedAt);
  }

  provenance(filter: { prefix?: string; limit: number }): ProvenanceRow[] {
    const rows = this.db
      .prepare("SELECT * FROM transfer_provenance WHERE object_key LIKE ? ESCAPE '\\' AND kind <> 'eval-results' ORDER BY imported_at DESC, object_key LIMIT ?")
      .all(`${(filter.prefix ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`, filter.limit) as ProvenanceDbRow[];
    return rows.map((r) => ({ key: r.object_key, kind: r.kind, sha256: r.sha256, sourceFingerprint: r.source_fingerprint, sourceName: r.source_name, bundleId: r.bundle_id, importedBy: r.imported_by, importedAt: r.imported_at }));
  }
}
