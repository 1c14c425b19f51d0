import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { AuditService } from '../../electron/core/audit/audit.service.js';
import { canonicalEntry, canonicalJson, digestOf, entryHash, GENESIS_HASH, sha256Hex } from '../../electron/core/audit/hash-chain.js';
import { openDatabase } from '../../native/sqlite/open.js';
import { makeTrail, sampleEntries, T0, type Trail } from './audit-fixtures.js';

let trail: Trail;
afterEach(() => trail?.cleanup());

describe('hash chain', () => {
  test('the hand-written canonical form is canonical JSON of the fields', () => {
    const fields = { seq: 7, time: T0.toISOString(), actor: 'ä "quoted"\n', action: 'a.b', target: '', outcome: 'success' as const, inputDigest: null, outputDigest: digestOf('x'), payloadDigest: null, prevHash: GENESIS_HASH };
    expect(canonicalEntry(fields)).toBe(canonicalJson({ ...fields, v: 1 }));
    expect(entryHash(fields)).toBe(sha256Hex(canonicalJson({ ...fields, v: 1 })));
    expect(canonicalJson({ b: [1, undefined, { d: 2, c: null }], a: 'x', skip: undefined })).toBe('{"a":"x","b":[1,null,{"c":null,"d":2}]}');
  });

  test('digests: text as UTF-8 (checkable with sha256sum), objects as canonical JSON', () => {
    expect(digestOf('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(digestOf({ b: 1, a: 2 })).toBe(digestOf({ a: 2, b: 1 }));
  });
});

describe('AuditService on a real SQLite file', () => {
  test('appends a linked chain with digests, a sealed head and checkpoints every N entries', () => {
    trail = makeTrail();
    const written = trail.audit.appendMany(sampleEntries(25));
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(written[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < written.length; i++) expect(written[i]?.prevHash).toBe(written[i - 1]?.hash);
    expect(written[0]?.inputDigest).toBe(digestOf('prompt 1'));
    const single = trail.audit.append({ actor: 'carol', action: 'auth.signIn', target: 'user:carol' });
    expect(single).toMatchObject({ seq: 26, actor: 'carol', outcome: 'success', inputDigest: null, hasPayload: false });
    const checkpoints = trail.db.prepare('SELECT seq FROM audit_checkpoints ORDER BY seq').pluck().all();
    expect(checkpoints).toEqual([10, 20]);
    trail.audit.appendMany(sampleEntries(9, 27));
    expect(trail.db.prepare('SELECT seq FROM audit_checkpoints ORDER BY seq').pluck().all()).toEqual([10, 20, 30]);
    expect(trail.audit.checkpoint()?.seq).toBe(35);
    const report = trail.audit.verify();
    expect(report).toMatchObject({ ok: true, entries: 35, firstSeq: 1, lastSeq: 35, checkpoints: 4, problems: [] });
  });

  test('payloads are encrypted at rest and decrypt for an authorized read', () => {
    trail = makeTrail();
    const entry = trail.audit.append({ actor: 'alice', action: 'inference.generate', payload: { prompt: 'the launch code is 4711-PLAINTEXT' } });
    trail.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(trail.dbFile).includes('4711-PLAINTEXT')).toBe(false);
    const stored = trail.db.prepare('SELECT payload FROM audit_entries WHERE seq = ?').pluck().get(entry.seq) as Buffer;
    expect(sha256Hex(stored)).toBe(entry.payloadDigest);
    expect(trail.audit.get(entry.seq)).toMatchObject({ payload: { prompt: 'the launch code is 4711-PLAINTEXT' }, purged: false, hasPayload: true });
  });

  test('keys are created at first use: 0600 files, public key exportable as PEM', () => {
    trail = makeTrail();
    for (const kind of ['signing', 'payload']) {
      const file = path.join(trail.dataDir, 'keys', `audit-${kind}.key`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    const key = trail.audit.publicKey();
    expect(key.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(trail.reopen().publicKey().keyId).toBe(key.keyId);
  });

  test('retention purges old payloads, keeps their digests, and the chain still verifies', () => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(30));
    trail.clock.now = new Date(T0.getTime() + 91 * 86_400_000);
    const recent = trail.audit.append({ actor: 'alice', action: 'rag.ask', payload: { q: 'recent' } });
    const result = trail.audit.purgeExpired();
    expect(result.purged).toBe(10);
    expect(trail.audit.get(3)).toMatchObject({ payload: null, purged: true, hasPayload: false });
    expect(trail.audit.get(3).payloadDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(trail.audit.get(recent.seq).payload).toEqual({ q: 'recent' });
    const purge = trail.audit.list({ action: 'audit.purge', limit: 5 });
    expect(purge).toHaveLength(1);
    expect(trail.audit.get(purge[0]?.seq ?? 0).payload).toMatchObject({ purged: 10, retentionDays: 90 });
    expect(trail.audit.verify()).toMatchObject({ ok: true, problems: [] });
    expect(trail.audit.purgeExpired().purged).toBe(0);
  });

  test('two writers on the same file (two connections) keep one unbroken chain', () => {
    trail = makeTrail();
    const other = openDatabase(trail.dbFile).db;
    try {
      const second = AuditService.open({ db: other, dataDir: trail.dataDir, checkpointEvery: 10 });
      for (let i = 0; i < 40; i++) (i % 2 === 0 ? trail.audit : second).append({ actor: `w${i % 2}`, action: 'test.write', target: `${i}` });
      expect(second.verify()).toMatchObject({ ok: true, entries: 40 });
    } finally {
      other.close();
    }
  });

  test('list filters and pages newest first; get of a missing entry is NOT_FOUND', () => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(20));
    const page = trail.audit.list({ actor: 'alice', limit: 3 });
    expect(page.map((e) => e.seq)).toEqual([20, 18, 16]);
    expect(trail.audit.list({ actor: 'alice', beforeSeq: 16, limit: 3 }).map((e) => e.seq)).toEqual([14, 12, 10]);
    expect(trail.audit.list({ since: new Date(T0.getTime() + 19_000).toISOString(), limit: 10 }).map((e) => e.seq)).toEqual([20, 19]);
    expect(() => trail.audit.get(999)).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  test('an entry without actor or action, or with a payload that is not JSON, is refused', () => {
    trail = makeTrail();
    expect(() => trail.audit.append({ actor: '', action: 'x' })).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => trail.audit.append({ actor: 'a', action: 'x', payload: () => 1 })).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(trail.audit.verify().entries).toBe(0);
  });
});

describe('AuditService edge cases', () => {
  test('odd text (NUL, lone surrogates, emoji, JSON-ish quotes) is stored so that it still verifies', () => {
    trail = makeTrail();
    const entry = trail.audit.append({ actor: 'a\u0000b', action: 'x\uD800y', target: '"},{"seq":1 😀 \u2028', input: '\uDC00' });
    expect(entry.action).toBe('x\uFFFDy');
    expect(trail.audit.get(entry.seq)).toMatchObject({ actor: 'a\u0000b', action: 'x\uFFFDy', hash: entry.hash });
    expect(trail.audit.verify().ok).toBe(true);
  });

  test('queue: callers in one turn of the event loop share a transaction; a bad entry is refused alone', async () => {
    trail = makeTrail();
    const results = await Promise.allSettled([
      trail.audit.queue({ actor: 'a', action: 'one' }),
      trail.audit.queue({ actor: '', action: 'bad' }),
      trail.audit.queue({ actor: 'b', action: 'two', payload: { n: 2 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[2]).toMatchObject({ value: { seq: 2, action: 'two' } });
    const many = await Promise.all(Array.from({ length: 2500 }, (_, i) => trail.audit.queue({ actor: 'c', action: 'bulk', target: `${i}` })));
    expect(many.map((e) => e.seq)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 3));
    expect(trail.audit.verify()).toMatchObject({ ok: true, entries: 2502 });
  });

  test('verify without payloads walks only the chain; the default also hashes every payload', () => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(9));
    const stored = trail.db.prepare('SELECT payload FROM audit_entries WHERE seq = 3').pluck().get() as Buffer;
    stored.writeUInt8((stored.at(-1) ?? 0) ^ 1, stored.length - 1);
    trail.db.prepare('UPDATE audit_entries SET payload = ? WHERE seq = 3').run(stored);
    expect(trail.audit.verify({ payloads: false }).ok).toBe(true);
    expect(trail.audit.verify().problems).toEqual([expect.objectContaining({ kind: 'edited', seq: 3, reason: expect.stringMatching(/payload/) })]);
  });
});
