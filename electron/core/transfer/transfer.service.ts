import { randomUUID } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import { writeTransaction } from '../../../native/sqlite/write-transaction.js';
import type { AuditService } from '../audit/audit.service.js';
import { decodeFile, encodePlain, type BundleHeader, type Manifest, type ManifestEntry } from './bundle-format.js';
import { seal, signManifest, unsealIfNeeded, verifyHeader } from './bundle-crypto.js';
import { applyNew } from './merge/merge-apply.js';
import { planImport, type IncomingObject, type PlannedObject } from './merge/merge-plan.js';
import { collectObjects, type Selection } from './objects/collect.js';
import { sha256 } from './objects/transfer-object.js';
import { transferError } from './transfer-errors.js';
import { deriveTransferIdentity, displayFingerprint, type TransferIdentity } from './transfer-identity.js';
import type { TransferRepo } from './transfer.repo.js';

export interface ExportedBundle {
  bundleId: string;
  file: Buffer;
  objects: number;
  counts: Record<string, number>;
  encryptedFor: string | null;
}

export interface BundlePreview {
  bundleId: string;
  createdAt: string;
  bytes: number;
  sha256: string;
  encrypted: boolean;
  source: { fingerprint: string; display: string; name: string; trustedAs: string | null };
  objects: Array<Omit<PlannedObject, 'status'> & { status: PlannedObject['status'] | 'corrupt' }>;
  counts: { new: number; exists: number; conflict: number; corrupt: number };
}

interface ReadBundle {
  header: BundleHeader;
  incoming: IncomingObject[];
  corrupt: ManifestEntry[];
  fingerprint: string;
  trustedAs: string | null;
  encrypted: boolean;
}

/** Writes, reads and merges bundles; the trust store decides whose bundles are merged. */
export class TransferService {
  private identityCache: TransferIdentity | undefined;

  constructor(private readonly db: Db, private readonly repo: TransferRepo, private readonly audit: AuditService) {}

  identity(): TransferIdentity {
    this.identityCache ??= deriveTransferIdentity((purpose) => this.audit.deriveKey(purpose));
    return this.identityCache;
  }

  export(selection: Selection, recipient: string | undefined, actor: string): ExportedBundle {
    const me = this.identity();
    const to = recipient === undefined ? undefined : this.repo.trustByName(recipient);
    if (recipient !== undefined && !to) throw transferError('TRUST_NOT_FOUND', `No trusted installation named "${recipient}"; add its key first with \`enclave trust add ${recipient} --key-file KEY\``, { recipient });
    const objects = collectObjects(this.db, selection);
    if (objects.length === 0) throw transferError('INVALID_INPUT', 'Nothing to export: name prompts, datasets, runs or models (or choose all)');
    const manifest: Manifest = {
      type: 'enclave-transfer-bundle',
      v: 1,
      bundleId: randomUUID(),
      createdAt: new Date().toISOString(),
      source: { fingerprint: me.fingerprint, name: me.name },
      recipient: to?.fingerprint ?? null,
      objects: objects.map((o) => ({ key: o.key, kind: o.kind, sha256: o.sha256, size: o.bytes.length })),
    };
    const header: BundleHeader = { manifest, signature: signManifest(me, manifest), signer: { signingKey: me.signingPublicPem, agreementKey: me.agreementPublicPem } };
    const plain = encodePlain(header, objects.map((o) => o.bytes));
    const file = to ? seal(plain, { fingerprint: to.fingerprint, agreementKeyPem: to.agreementKey }) : plain;
    const counts = countKinds(manifest.objects);
    this.repo.logBundle({ bundleId: manifest.bundleId, direction: 'export', peer: to?.name ?? null, fingerprint: me.fingerprint, objects: objects.length, summary: counts, actor, at: manifest.createdAt });
    this.audit.append({ actor, action: 'transfer.export', target: `bundle:${manifest.bundleId}`, output: sha256(file), payload: { bundleId: manifest.bundleId, recipient: to?.name ?? null, counts, bytes: file.length } });
    return { bundleId: manifest.bundleId, file, objects: objects.length, counts, encryptedFor: to?.name ?? null };
  }

  /** What importing would do, without importing; an unknown signer is shown (with its fingerprint), not refused. */
  inspect(file: Buffer): BundlePreview {
    const read = this.read(file);
    return this.preview(file, read, planImport(this.db, read.incoming));
  }

  /** Verifies, then merges every new object in one transaction; a dry run stops before writing. */
  import(file: Buffer, options: { dryRun: boolean; actor: string }): BundlePreview & { dryRun: boolean; merged: number } {
    const read = this.read(file);
    const { manifest } = read.header;
    const shown = displayFingerprint(read.fingerprint);
    try {
      if (read.trustedAs === null) {
        throw transferError('BUNDLE_SIGNER_UNTRUSTED', `The bundle is signed by an installation this one does not trust (${manifest.source.name || 'unnamed'}, fingerprint ${shown}). Compare the fingerprint with the sender over another channel, then an administrator adds its key: \`enclave trust add NAME --key-file KEY\``, { fingerprint: read.fingerprint, name: manifest.source.name });
      }
      if (read.corrupt.length > 0) {
        const names = read.corrupt.map((e) => e.key);
        throw transferError('BUNDLE_TAMPERED', `${names[0]}${names.length > 1 ? ` and ${names.length - 1} more objects` : ''} ${names.length > 1 ? 'do' : 'does'} not match the SHA-256 the signed manifest gives; the bundle was altered or damaged, nothing was imported`, { objects: names });
      }
      const at = new Date().toISOString();
      const plan = options.dryRun
        ? planImport(this.db, read.incoming)
        : writeTransaction(this.db, () => {
            const planned = planImport(this.db, read.incoming);
            applyNew(this.db, read.incoming, planned);
            const merged = planned.filter((p) => p.status === 'new');
            const source = { sourceFingerprint: read.fingerprint, sourceName: read.trustedAs ?? '', bundleId: manifest.bundleId, importedBy: options.actor, importedAt: at };
            this.repo.recordProvenance(merged.map((p) => ({ key: p.key, kind: p.kind, sha256: p.sha256, ...source })));
            this.repo.logBundle({ bundleId: manifest.bundleId, direction: 'import', peer: read.trustedAs, fingerprint: read.fingerprint, objects: merged.length, summary: tally(planned), actor: options.actor, at });
            return planned;
          });
      const preview = this.preview(file, read, plan);
      const merged = options.dryRun ? 0 : preview.counts.new;
      this.audit.append({ actor: options.actor, action: options.dryRun ? 'transfer.preview' : 'transfer.import', target: `bundle:${manifest.bundleId}`, input: preview.sha256, payload: { bundleId: manifest.bundleId, source: read.trustedAs, fingerprint: read.fingerprint, counts: preview.counts, conflicts: preview.objects.filter((o) => o.status === 'conflict').map((o) => o.key).slice(0, 200) } });
      return { ...preview, dryRun: options.dryRun, merged };
    } catch (error) {
      this.audit.append({ actor: options.actor, action: 'transfer.import', target: `bundle:${manifest.bundleId}`, outcome: 'failure', payload: { bundleId: manifest.bundleId, fingerprint: read.fingerprint, error: (error as Error).message } });
      throw error;
    }
  }

  /** Every object this installation would export, by key and SHA-256: what sync compares. */
  inventory(): { fingerprint: string; objects: Array<{ key: string; sha256: string; size: number }> } {
    return { fingerprint: this.identity().fingerprint, objects: collectObjects(this.db, { all: true }).map((o) => ({ key: o.key, sha256: o.sha256, size: o.bytes.length })) };
  }

  private read(file: Buffer): ReadBundle {
    const { plain, sealedFor } = unsealIfNeeded(file, this.identity());
    const decoded = decodeFile(plain);
    if (decoded.mode !== 'plain') throw transferError('BUNDLE_INVALID', 'The bundle is sealed twice; it was not written by Enclave');
    const { header } = decoded;
    const { fingerprint } = verifyHeader(header);
    if (header.manifest.recipient !== sealedFor) throw transferError('BUNDLE_TAMPERED', 'The bundle was re-addressed: its signed recipient is not the one it is encrypted for');
    const corrupt: ManifestEntry[] = [];
    const incoming: IncomingObject[] = [];
    for (const { entry, bytes } of decoded.objects) {
      if (sha256(bytes) !== entry.sha256) {
        corrupt.push(entry);
        continue;
      }
      incoming.push({ entry, data: parseObject(entry, bytes) });
    }
    const trustedAs = fingerprint === this.identity().fingerprint ? '(this installation)' : this.repo.trustByFingerprint(fingerprint)?.name ?? null;
    return { header, incoming, corrupt, fingerprint, trustedAs, encrypted: sealedFor !== null };
  }

  private preview(file: Buffer, read: ReadBundle, plan: PlannedObject[]): BundlePreview {
    const { manifest } = read.header;
    const objects: BundlePreview['objects'] = [...plan, ...read.corrupt.map((e) => ({ key: e.key, kind: e.kind, sha256: e.sha256, size: e.size, status: 'corrupt' as const, reason: 'its bytes do not match the SHA-256 in the signed manifest' }))];
    const counts = { new: 0, exists: 0, conflict: 0, corrupt: 0 };
    for (const o of objects) counts[o.status] += 1;
    return {
      bundleId: manifest.bundleId,
      createdAt: manifest.createdAt,
      bytes: file.length,
      sha256: sha256(file),
      encrypted: read.encrypted,
      source: { fingerprint: read.fingerprint, display: displayFingerprint(read.fingerprint), name: manifest.source.name, trustedAs: read.trustedAs },
      objects,
      counts,
    };
  }
}

function parseObject(entry: ManifestEntry, bytes: Buffer): Record<string, unknown> {
  try {
    const data = JSON.parse(bytes.toString('utf8')) as unknown;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw transferError('BUNDLE_INVALID', `${entry.key} is not a valid object; the bundle was not written by Enclave`, { object: entry.key });
}

function countKinds(entries: readonly ManifestEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  return counts;
}

function tally(plan: readonly PlannedObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of plan) counts[p.status] = (counts[p.status] ?? 0) + 1;
  return counts;
}
