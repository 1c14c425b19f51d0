import { hkdfSync } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import { AppError } from '../contract/errors.js';
import { appVersion } from '../services/version.js';
import { ALERT_ACTION, AnomalyDetector, defaultAlertRules, type AlertRule, type AnomalyAlert } from './anomaly-alerts.js';
import { auditError } from './audit-errors.js';
import { resolveAuditKeys, type AuditKeys } from './audit-key-registry.js';
import { auditKeyDir, fileKeyProtector, parsePublicKeyPem, signingKeyId, type KeyProtector } from './audit-keys.js';
import { AuditRepo, toEntry, type ListFilter } from './audit.repo.js';
import type { AuditAppend, AuditCheckpoint, AuditEntry, ChainedFields, IntegrityReport } from './audit.types.js';
import { verifyChain } from './chain-verify.js';
import { writeExport, type ExportOptions, type ExportSummary } from './export-writer.js';
import { digestOf, entryHash, GENESIS_HASH, sha256Hex } from './hash-chain.js';
import { headMac, headMacMatches, openPayload, sealPayload } from './payload-crypto.js';
import { signCheckpoint } from './signatures.js';

export interface AuditServiceOptions {
  db: Db;
  dataDir: string;
  /** How the secret keys are wrapped on disk: the 0600 key file by default, `safeStorage` under Electron. */
  protector?: KeyProtector;
  /** A signed checkpoint after this many entries (also on demand and at every export). */
  checkpointEvery?: number;
  /** Payloads older than this are purged by `purgeExpired`; digests stay. */
  retentionDays?: number;
  alertRules?: readonly AlertRule[];
  /** Called after an alert entry is committed (e.g. to emit an event to the shells). */
  onAlert?: (alert: AnomalyAlert, entry: AuditEntry) => void;
  now?: () => Date;
}

export interface AuditEntryDetail extends AuditEntry {
  /** The decrypted payload; null when there was none or retention purged it. */
  payload: unknown;
  purged: boolean;
}

interface Prepared {
  time: string;
  actor: string;
  action: string;
  target: string;
  outcome: ChainedFields['outcome'];
  inputDigest: string | null;
  outputDigest: string | null;
  payload: Buffer | null;
  alert?: AnomalyAlert;
}

export const DEFAULT_CHECKPOINT_EVERY = 256;
export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
const GROUP_MAX = 1000;
/** How many recent entries warm the alert windows at start (bounded: a busy trail writes thousands a second). */
const WARM_UP_ENTRIES = 10_000;

/**
 * The tamper-evident audit trail: appends hash-chained entries with encrypted payloads, signs checkpoints,
 * verifies, purges payloads past retention, exports, and raises alerts on anomalous bursts.
 */
export class AuditService {
  private readonly repo: AuditRepo;
  private readonly detector: AnomalyDetector;
  private readonly now: () => Date;
  private readonly checkpointEvery: number;
  readonly retentionDays: number;
  private pending: Array<{ prepared: Prepared; resolve: (entry: AuditEntry) => void; reject: (error: unknown) => void }> = [];
  private flushScheduled = false;

  private constructor(private readonly keys: AuditKeys, private readonly options: AuditServiceOptions, repo: AuditRepo) {
    this.repo = repo;
    this.now = options.now ?? (() => new Date());
    this.checkpointEvery = Math.max(1, Math.floor(options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY));
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.detector = new AnomalyDetector(options.alertRules ?? defaultAlertRules);
  }

  /** Loads the keys (creating them for a trail never written) and warms the alert windows from recent entries. */
  static open(options: AuditServiceOptions): AuditService {
    const repo = new AuditRepo(options.db);
    const now = options.now?.() ?? new Date();
    const keys = repo.immediate(() => resolveAuditKeys(repo, auditKeyDir(options.dataDir), options.protector ?? fileKeyProtector, now));
    const service = new AuditService(keys, options, repo);
    for (const row of repo.recent(new Date(now.getTime() - service.detector.horizonMs).toISOString(), WARM_UP_ENTRIES)) service.detector.observe(row);
    return service;
  }

  /**
   * A 256-bit key for another purpose (the pseudonym vault), derived from the payload key: it is sealed on disk the
   * same way (key file or OS keychain) and goes wherever the trail goes.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys.payload.key, Buffer.alloc(0), `enclave/${purpose}`, 32));
  }

  /** Appends one entry in its own transaction: durable when it returns. */
  append(entry: AuditAppend): AuditEntry {
    const [written] = this.commit([this.prepare(entry)]);
    if (!written) throw new AppError('INTERNAL', 'audit append wrote nothing');
    return written;
  }

  /** Appends in one transaction, in order; returns the entries written for these inputs (alerts go to `onAlert`). */
  appendMany(entries: readonly AuditAppend[]): AuditEntry[] {
    return this.commit(entries.map((entry) => this.prepare(entry)));
  }

  /**
   * Group commit for busy paths: entries queued in the same turn of the event loop share one transaction, written
   * when that turn ends (setImmediate) or as soon as 1,000 are waiting; resolves once committed.
   */
  queue(entry: AuditAppend): Promise<AuditEntry> {
    let prepared: Prepared;
    try {
      prepared = this.prepare(entry);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ prepared, resolve, reject });
      if (this.pending.length >= GROUP_MAX) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes what `queue` holds now; call it before closing the database. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      const written = this.commit(batch.map((item) => item.prepared));
      batch.forEach((item, i) => item.resolve(written[i] as AuditEntry));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  private commit(prepared: Prepared[]): AuditEntry[] {
    if (prepared.length === 0) return [];
    const written = this.repo.immediate(() => {
      let { seq, hash } = this.checkedTail();
      let checkpointed = this.repo.lastCheckpointSeq();
      const out: Array<{ entry: AuditEntry; alert?: AnomalyAlert }> = [];
      const queue = [...prepared];
      for (let i = 0; i < queue.length; i++) {
        const next = queue[i] as Prepared;
        const entry = this.write(next, ++seq, hash);
        hash = entry.hash;
        out.push({ entry, alert: next.alert });
        for (const alert of this.detector.observe(entry)) queue.push(this.alertEntry(alert, next.time));
        if (seq - checkpointed >= this.checkpointEvery) {
          this.repo.insertCheckpoint(signCheckpoint(this.keys.signing, seq, hash, this.now().toISOString()));
          checkpointed = seq;
        }
      }
      this.repo.setHead(seq, hash, headMac(this.keys.macKey, seq, hash));
      return out;
    });
    for (const { entry, alert } of written) if (alert) this.options.onAlert?.(alert, entry);
    return written.filter(({ alert }) => !alert).map(({ entry }) => entry);
  }

  /** Signs a checkpoint at the current head now (unless one is there already); null for an empty trail. */
  checkpoint(): AuditCheckpoint | null {
    return this.repo.immediate(() => {
      const { seq, hash } = this.checkedTail();
      if (seq === 0) return null;
      const existing = this.repo.checkpoints(seq, seq)[0];
      if (existing) return existing;
      const cp = signCheckpoint(this.keys.signing, seq, hash, this.now().toISOString());
      this.repo.insertCheckpoint(cp);
      return cp;
    });
  }

  /**
   * Checks the whole chain, the checkpoints, the sealed head and (unless `payloads: false`) every stored payload
   * against its digest; `publicKeyPem` pins the checkpoint key to one held outside this data directory.
   */
  verify(options: { publicKeyPem?: string; payloads?: boolean } = {}): IntegrityReport {
    const publicKey = options.publicKeyPem === undefined ? this.keys.signing.publicKey : parsePublicKeyPem(options.publicKeyPem);
    const localKeyId = options.publicKeyPem === undefined ? undefined : this.keys.signing.keyId;
    return verifyChain(this.repo, { publicKey, keyId: signingKeyId(publicKey), macKey: this.keys.macKey, localKeyId }, { payloads: options.payloads });
  }

  list(filter: ListFilter): AuditEntry[] {
    return this.repo.list(filter).map(toEntry);
  }

  get(seq: number): AuditEntryDetail {
    const row = this.repo.entry(seq);
    if (!row) throw new AppError('NOT_FOUND', `There is no audit entry ${seq}`);
    let payload: unknown = null;
    if (row.payload !== null) {
      if (row.payloadDigest === null || sha256Hex(row.payload) !== row.payloadDigest) {
        throw auditError('AUDIT_TAMPERED', `The payload of audit entry ${seq} does not match its digest; run \`enclave audit verify\``, { seq });
      }
      payload = JSON.parse(openPayload(this.keys.payload, seq, row.payload).toString('utf8'));
    }
    return { ...toEntry(row), payload, purged: row.payload === null && row.payloadDigest !== null };
  }

  /** Drops payloads older than the retention period; the digests stay, so the chain still verifies. */
  purgeExpired(options: { retentionDays?: number; actor?: string } = {}): { purged: number; before: string } {
    const days = options.retentionDays ?? this.retentionDays;
    if (!(days >= 0)) throw new AppError('INVALID_INPUT', `Audit retention must be zero or more days, got ${days}`);
    const before = new Date(this.now().getTime() - days * DAY_MS).toISOString();
    const purged = this.repo.immediate(() => this.repo.purgePayloads(before));
    if (purged > 0) this.append({ actor: options.actor ?? 'system', action: 'audit.purge', payload: { before, purged, retentionDays: days } });
    return { purged, before };
  }

  /**
   * Writes a JSONL (verifiable) or CEF export of the trail, or of the segment from `since`. A damaged trail is
   * not exported: its export would carry a fresh signature over the damage. The export itself is audited.
   */
  export(options: ExportOptions & { actor: string }): ExportSummary {
    this.checkpoint();
    const report = this.verify();
    const first = report.problems[0];
    if (!report.ok) {
      this.append({ actor: options.actor, action: 'audit.export', target: options.out, outcome: 'failure', payload: { format: options.format, reason: first?.reason } });
      throw auditError('AUDIT_TAMPERED', `The audit trail fails verification (${first ? `seq ${first.seq ?? '?'}: ${first.reason}` : 'see `enclave audit verify`'}); it is not exported`, { problem: first });
    }
    const summary = writeExport(this.repo, this.keys, options, this.now(), appVersion());
    const { path, ...rest } = summary;
    this.append({ actor: options.actor, action: 'audit.export', target: path, payload: rest });
    return summary;
  }

  publicKey(): { keyId: string; algorithm: 'Ed25519'; pem: string } {
    return { keyId: this.keys.signing.keyId, algorithm: 'Ed25519', pem: this.keys.signing.publicKeyPem };
  }

  /** The last entry, refusing to extend a trail whose end was changed behind the writer's back. */
  private checkedTail(): { seq: number; hash: string } {
    const tail = this.repo.tail() ?? { seq: 0, hash: GENESIS_HASH };
    const head = this.repo.head();
    const sealed = head ?? { seq: 0, hash: GENESIS_HASH, mac: null };
    const intact = sealed.seq === tail.seq && sealed.hash === tail.hash && (head === undefined || headMacMatches(this.keys.macKey, head.seq, head.hash, head.mac));
    if (!intact) {
      throw auditError('AUDIT_TAMPERED', 'The end of the audit trail was changed outside Enclave, so nothing more is appended to it; run `enclave audit verify` and investigate', { sealedSeq: sealed.seq, tailSeq: tail.seq });
    }
    return tail;
  }

  private prepare(entry: AuditAppend): Prepared {
    if (typeof entry.actor !== 'string' || entry.actor === '') throw new AppError('INVALID_INPUT', 'An audit entry needs an actor');
    if (typeof entry.action !== 'string' || entry.action === '') throw new AppError('INVALID_INPUT', 'An audit entry needs an action');
    const payloadJson = entry.payload === undefined ? undefined : JSON.stringify(entry.payload);
    if (entry.payload !== undefined && payloadJson === undefined) throw new AppError('INVALID_INPUT', `The payload of audit action ${entry.action} is not JSON`);
    return {
      time: (entry.time ?? this.now()).toISOString(),
      actor: wellFormed(entry.actor),
      action: wellFormed(entry.action),
      target: wellFormed(entry.target ?? ''),
      outcome: entry.outcome ?? 'success',
      inputDigest: entry.input === undefined ? null : digestOf(entry.input),
      outputDigest: entry.output === undefined ? null : digestOf(entry.output),
      payload: payloadJson === undefined ? null : Buffer.from(payloadJson, 'utf8'),
    };
  }

  private write(p: Prepared, seq: number, prevHash: string): AuditEntry {
    const sealed = p.payload === null ? null : sealPayload(this.keys.payload, seq, p.payload);
    const fields: ChainedFields = {
      seq,
      time: p.time,
      actor: p.actor,
      action: p.action,
      target: p.target,
      outcome: p.outcome,
      inputDigest: p.inputDigest,
      outputDigest: p.outputDigest,
      payloadDigest: sealed === null ? null : sha256Hex(sealed),
      prevHash,
    };
    const hash = entryHash(fields);
    this.repo.insert({ ...fields, payload: sealed, hash });
    return { ...fields, hash, hasPayload: sealed !== null };
  }

  private alertEntry(alert: AnomalyAlert, time: string): Prepared {
    return { time, actor: 'system', action: ALERT_ACTION, target: `${alert.rule}:${alert.key}`, outcome: 'success', inputDigest: null, outputDigest: null, payload: Buffer.from(JSON.stringify(alert)), alert };
  }
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** SQLite stores UTF-8, where a lone surrogate cannot survive: replace it before hashing, or the hash would not verify. */
function wellFormed(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD');
}
