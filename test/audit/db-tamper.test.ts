import { generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { auditCodeOf } from '../../electron/core/audit/audit-errors.js';
import { signingKeyId, type KeyProtector } from '../../electron/core/audit/audit-keys.js';
import type { AuditOutcome, ChainedFields } from '../../electron/core/audit/audit.types.js';
import { canonicalJson, entryHash } from '../../electron/core/audit/hash-chain.js';
import { checkpointRecord } from '../../electron/core/audit/signatures.js';
import { openDatabase } from '../../native/sqlite/open.js';
import { makeTrail, sampleEntries, type Trail } from './audit-fixtures.js';

let trail: Trail;
afterEach(() => trail?.cleanup());

interface Row extends ChainedFields { hash: string }

function rows(t: Trail): Row[] {
  return t.db.prepare(`SELECT seq, time, actor, action, target, outcome, input_digest AS inputDigest, output_digest AS outputDigest,
    payload_digest AS payloadDigest, prev_hash AS prevHash, entry_hash AS hash FROM audit_entries ORDER BY seq`).all() as Row[];
}

function fields(row: Row): ChainedFields {
  const { hash: _hash, ...rest } = row;
  return rest;
}

/** Rewrites entries from `fromSeq` on so that every hash and link is consistent again (a careful attacker). */
function rehashFrom(t: Trail, fromSeq: number): void {
  const update = t.db.prepare('UPDATE audit_entries SET prev_hash = ?, entry_hash = ? WHERE seq = ?');
  let prev = rows(t).find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const row of rows(t).filter((r) => r.seq >= fromSeq)) {
    const hash = entryHash({ ...fields(row), prevHash: prev });
    update.run(prev, hash, row.seq);
    prev = hash;
  }
}

function firstProblem(t: Trail) {
  const report = t.audit.verify();
  expect(report.ok).toBe(false);
  return { first: report.problems[0], report };
}

describe('tampering with the database is detected', () => {
  const setup = (): Trail => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(50));
    expect(trail.audit.verify().ok).toBe(true);
    return trail;
  };

  test('an edited field', () => {
    setup();
    trail.db.prepare("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 17").run();
    expect(firstProblem(trail).first).toMatchObject({ kind: 'edited', seq: 17 });
  });

  test('an edited outcome re-hashed in place', () => {
    setup();
    const row = rows(trail).find((r) => r.seq === 17) as Row;
    const outcome: AuditOutcome = 'denied';
    trail.db.prepare('UPDATE audit_entries SET outcome = ?, entry_hash = ? WHERE seq = 17').run(outcome, entryHash({ ...fields(row), outcome }));
    expect(firstProblem(trail).first).toMatchObject({ kind: 'rewritten', seq: 17 });
  });

  test('an edit with the whole rest of the chain re-hashed is caught by the signed checkpoint and the sealed head', () => {
    setup();
    trail.db.prepare("UPDATE audit_entries SET target = 'model:other' WHERE seq = 17").run();
    rehashFrom(trail, 17);
    const { first, report } = firstProblem(trail);
    expect(first).toMatchObject({ kind: 'rewritten', seq: 11 });
    expect(first?.reason).toMatch(/entries 11\.\.20 were rewritten/);
    expect(report.problems.some((p) => p.kind === 'rewritten' && /sealed head/.test(p.reason))).toBe(true);
  });

  test('a replaced payload', () => {
    setup();
    const other = trail.db.prepare('SELECT payload FROM audit_entries WHERE seq = 6').pluck().get();
    trail.db.prepare('UPDATE audit_entries SET payload = ? WHERE seq = 3').run(other);
    expect(firstProblem(trail).first).toMatchObject({ kind: 'edited', seq: 3 });
    expect(() => trail.audit.get(3)).toThrowError(expect.objectContaining({ code: 'AUDIT_TAMPERED' }));
  });

  test('a deleted entry', () => {
    setup();
    trail.db.prepare('DELETE FROM audit_entries WHERE seq = 23').run();
    expect(firstProblem(trail).first).toMatchObject({ kind: 'deleted', seq: 23 });
  });

  test('an entry inserted in the middle (later entries renumbered)', () => {
    setup();
    const before = rows(trail).find((r) => r.seq === 29) as Row;
    trail.db.prepare('UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 30').run();
    trail.db.prepare('UPDATE audit_entries SET seq = seq - 999 WHERE seq >= 1030').run();
    const forged: ChainedFields = { ...fields(before), seq: 30, actor: 'mallory', prevHash: before.hash };
    trail.db.prepare(`INSERT INTO audit_entries (seq, time, actor, action, target, outcome, input_digest, output_digest, payload_digest, payload, prev_hash, entry_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`).run(30, forged.time, forged.actor, forged.action, forged.target, forged.outcome, forged.inputDigest, forged.outputDigest, null, forged.prevHash, entryHash({ ...forged, payloadDigest: null }));
    expect(firstProblem(trail).first).toMatchObject({ kind: 'inserted', seq: 30 });
  });

  test('an entry appended behind the writer’s back', () => {
    setup();
    const last = rows(trail).at(-1) as Row;
    const forged: ChainedFields = { ...fields(last), seq: 51, actor: 'mallory', payloadDigest: null, prevHash: last.hash };
    trail.db.prepare(`INSERT INTO audit_entries (seq, time, actor, action, target, outcome, input_digest, output_digest, payload_digest, payload, prev_hash, entry_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`).run(51, forged.time, forged.actor, forged.action, forged.target, forged.outcome, forged.inputDigest, forged.outputDigest, forged.prevHash, entryHash(forged));
    expect(firstProblem(trail).first).toMatchObject({ kind: 'inserted', seq: 51 });
    // Extending a tampered trail would bless the forgery: appends stop with a clear error.
    expect(() => trail.audit.append({ actor: 'a', action: 'x' })).toThrowError(expect.objectContaining({ code: 'AUDIT_TAMPERED' }));
  });

  test('two entries swapped (reordered)', () => {
    setup();
    const a = rows(trail).find((r) => r.seq === 12) as Row;
    const b = rows(trail).find((r) => r.seq === 13) as Row;
    const payload = trail.db.prepare('SELECT payload FROM audit_entries WHERE seq = ?').pluck();
    const [pa, pb] = [payload.get(12), payload.get(13)];
    const update = trail.db.prepare('UPDATE audit_entries SET time = ?, actor = ?, action = ?, target = ?, input_digest = ?, output_digest = ?, payload_digest = ?, payload = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?');
    const swap = trail.db.transaction(() => {
      update.run(b.time, b.actor, b.action, b.target, b.inputDigest, b.outputDigest, b.payloadDigest, pb, b.prevHash, `${'f'.repeat(63)}0`, 12);
      update.run(a.time, a.actor, a.action, a.target, a.inputDigest, a.outputDigest, a.payloadDigest, pa, a.prevHash, a.hash, 13);
      update.run(b.time, b.actor, b.action, b.target, b.inputDigest, b.outputDigest, b.payloadDigest, pb, b.prevHash, b.hash, 12);
    });
    swap();
    const { report } = firstProblem(trail);
    expect(report.problems.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'reordered', seq: 12, reason: expect.stringMatching(/written as seq 13/) }),
      expect.objectContaining({ kind: 'reordered', seq: 13, reason: expect.stringMatching(/written as seq 12/) }),
    ]);
  });

  test('entries cut from the end (truncated), with or without the head record', () => {
    setup();
    trail.db.prepare('DELETE FROM audit_entries WHERE seq > 45').run();
    expect(firstProblem(trail).first).toMatchObject({ kind: 'truncated', seq: 46 });
    trail.db.prepare('DELETE FROM audit_head').run();
    expect(firstProblem(trail).report.problems.some((p) => p.kind === 'truncated' && /head record is missing/.test(p.reason))).toBe(true);
  });

  test('truncation back to a checkpoint with a forged head is still caught (the head is sealed with a MAC)', () => {
    setup();
    const at40 = rows(trail).find((r) => r.seq === 40) as Row;
    trail.db.prepare('DELETE FROM audit_entries WHERE seq > 40').run();
    trail.db.prepare('DELETE FROM audit_checkpoints WHERE seq > 40').run();
    trail.db.prepare('UPDATE audit_head SET seq = 40, head_hash = ?').run(at40.hash);
    expect(firstProblem(trail).first).toMatchObject({ kind: 'edited', reason: expect.stringMatching(/sealed head record/) });
  });

  test('checkpoints re-signed with another key', () => {
    setup();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyId = signingKeyId(publicKey);
    const cps = trail.db.prepare('SELECT seq, head_hash AS headHash, time FROM audit_checkpoints').all() as Array<{ seq: number; headHash: string; time: string }>;
    for (const cp of cps) {
      const signature = sign(null, Buffer.from(canonicalJson(checkpointRecord({ ...cp, keyId }))), privateKey).toString('base64');
      trail.db.prepare('UPDATE audit_checkpoints SET key_id = ?, signature = ? WHERE seq = ?').run(keyId, signature, cp.seq);
    }
    expect(firstProblem(trail).first).toMatchObject({ kind: 'signature', reason: expect.stringMatching(/re-signed with another key/) });
  });

  test('a wholesale swap of the key files is caught by a public key pinned outside the data directory', () => {
    setup();
    const pinned = trail.audit.publicKey().pem;
    const elsewhere = makeTrail();
    try {
      elsewhere.audit.appendMany(sampleEntries(50));
      // The attacker replaces this trail's database and keys by a consistent forgery of their own.
      trail.db.close();
      elsewhere.db.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(elsewhere.dbFile, trail.dbFile);
      rmSync(`${trail.dbFile}-wal`, { force: true });
      rmSync(`${trail.dbFile}-shm`, { force: true });
      for (const kind of ['signing', 'payload']) copyFileSync(path.join(elsewhere.dataDir, 'keys', `audit-${kind}.key`), path.join(trail.dataDir, 'keys', `audit-${kind}.key`));
      trail.db = openDatabase(trail.dbFile).db;
      const reopened = trail.reopen({ db: trail.db });
      expect(reopened.verify().ok).toBe(true);
      const pinnedReport = reopened.verify({ publicKeyPem: pinned });
      expect(pinnedReport.ok).toBe(false);
      expect(pinnedReport.problems[0]).toMatchObject({ kind: 'signature' });
    } finally {
      elsewhere.cleanup();
    }
  });
});

describe('a missing or wrong key is a clear error, never a silent fresh key or plaintext', () => {
  const keyFile = (t: Trail, kind: string): string => path.join(t.dataDir, 'keys', `audit-${kind}.key`);

  test.each(['signing', 'payload'])('the %s key file deleted', (kind) => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(5));
    rmSync(keyFile(trail, kind));
    let error: unknown;
    try {
      trail.reopen();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'AUDIT_KEY_MISSING', message: expect.stringMatching(new RegExp(`audit ${kind} key .* is missing`)) });
    expect(auditCodeOf(error)).toBe('AUDIT_KEY_MISSING');
    expect(existsSync(keyFile(trail, kind))).toBe(false);
  });

  test('a key file from another installation', () => {
    trail = makeTrail();
    trail.audit.append({ actor: 'a', action: 'x', payload: { secret: 1 } });
    const other = makeTrail();
    try {
      copyFileSync(keyFile(other, 'payload'), keyFile(trail, 'payload'));
      let error: unknown;
      try {
        trail.reopen();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'AUDIT_KEY_INVALID', message: expect.stringMatching(/is not the one this trail was written with/) });
      expect(auditCodeOf(error)).toBe('AUDIT_KEY_INVALID');
    } finally {
      other.cleanup();
    }
  });

  test('a damaged key file, and one readable by other users', () => {
    trail = makeTrail();
    chmodSync(keyFile(trail, 'payload'), 0o644);
    expect(() => trail.reopen()).toThrowError(expect.objectContaining({ code: 'AUDIT_KEY_INVALID', message: expect.stringMatching(/chmod 600/) }));
  });

  test('a key sealed by another protector is not read by this one', () => {
    const xor: KeyProtector = { name: 'test-wrap', protect: (b) => Buffer.from(b.map((x) => x ^ 0x5a)), unprotect: (b) => Buffer.from(b.map((x) => x ^ 0x5a)) };
    trail = makeTrail({ protector: xor });
    const entry = trail.audit.append({ actor: 'a', action: 'x', payload: { wrapped: true } });
    expect(trail.reopen({ protector: xor }).get(entry.seq).payload).toEqual({ wrapped: true });
    expect(() => trail.reopen({ protector: undefined })).toThrowError(expect.objectContaining({ message: expect.stringMatching(/protected by "test-wrap"/) }));
  });
});
