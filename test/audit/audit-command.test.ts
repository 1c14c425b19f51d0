import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { auditCommand, type AuditIo } from '../../electron/cli/commands/audit.command.js';
import { makeTrail, sampleEntries, type Trail } from './audit-fixtures.js';

let trail: Trail;
afterEach(() => trail?.cleanup());

function capture(): AuditIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await auditCommand(argv, trail.dataDir, io);
  return { code, out: io.out, err: io.err };
}

/** A data directory the command opens itself, as the `enclave` binary would. */
function seeded(count = 30): Trail {
  trail = makeTrail();
  trail.audit.appendMany(sampleEntries(count));
  trail.db.close();
  return trail;
}

describe('enclave audit', () => {
  test('verify: exit 0 and a summary when intact; --json gives the report', async () => {
    seeded();
    const human = await run('verify');
    expect(human).toMatchObject({ code: 0, out: expect.stringMatching(/^Intact: audit trail \(30 entries, seq 1\.\.30, 3 signed checkpoints/) });
    const json = await run('verify', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, entries: 30, firstProblem: null });
  });

  test('verify: non-zero with the first bad entry’s seq and reason', async () => {
    seeded();
    const { openDatabase } = await import('../../native/sqlite/open.js');
    const { db } = openDatabase(trail.dbFile);
    db.prepare("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 12").run();
    db.prepare('DELETE FROM audit_entries WHERE seq = 20').run();
    db.close();
    const human = await run('verify');
    expect(human.code).not.toBe(0);
    expect(human.err).toMatch(/TAMPERED: audit trail .*2 problems\nFirst bad entry: seq 12: edited: entry 12 was edited/);
    expect(human.err).toMatch(/seq 20: deleted/);
    const json = await run('verify', '--json');
    expect(json.code).not.toBe(0);
    expect(JSON.parse(json.out).firstProblem).toMatchObject({ seq: 12, kind: 'edited' });
  });

  test('export, public-key and verify --file: an auditor’s round trip, and a tampered copy', async () => {
    seeded();
    const file = path.join(trail.dataDir, 'out', 'audit.jsonl');
    const key = path.join(trail.dataDir, 'audit.pem');
    expect((await run('export', '--out', file)).code).toBe(0);
    expect((await run('public-key', '--out', key)).out).toMatch(/Wrote the audit public key [0-9a-f]{16}/);
    expect(await run('verify', '--file', file, '--public-key', key)).toMatchObject({ code: 0, out: expect.stringMatching(/^Intact: .*audit\.jsonl \(30 entries/) });

    const lines = readFileSync(file, 'utf8').split('\n');
    lines[5] = lines[5]?.replace('"alice"', '"mallory"').replace('"bob"', '"mallory"') ?? '';
    writeFileSync(file, lines.join('\n'));
    const bad = await run('verify', '--file', file, '--public-key', key, '--json');
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.out).firstProblem).toMatchObject({ kind: 'edited', line: 6, seq: 5 });
  });

  test('export --since --format cef writes SIEM lines; the export itself is audited', async () => {
    seeded();
    const file = path.join(trail.dataDir, 'audit.cef');
    const result = await run('export', '--out', file, '--since', '2025-03-01T09:00:25Z', '--format', 'cef', '--json');
    expect(JSON.parse(result.out)).toMatchObject({ format: 'cef', entries: 6, firstSeq: 25, lastSeq: 30 });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^CEF:0\|Enclave\|Enclave\|[\d.]+\|models\.import\|models\.import\|3\|rt=1740819625000 suser=bob act=models\.import outcome=success externalId=25 cs1Label=target cs1=model:m1 cs2Label=entryHash cs2=[0-9a-f]{64}/);
    expect(lines[0]).not.toMatch(/cs6Label/);
    expect(lines[2]).toMatch(/cs6Label=payloadSha256 cs6=[0-9a-f]{64}$/);
    const verify = JSON.parse((await run('verify', '--json')).out);
    expect(verify).toMatchObject({ ok: true, entries: 31 });
  });

  test('an empty trail exports and verifies; verify --public-key pins the key; --chain-only walks the chain alone', async () => {
    seeded(0);
    const file = path.join(trail.dataDir, 'empty.jsonl');
    const key = path.join(trail.dataDir, 'audit.pem');
    expect((await run('export', '--out', file)).code).toBe(0);
    await run('public-key', '--out', key);
    expect(await run('verify', '--file', file, '--public-key', key)).toMatchObject({ code: 0, out: expect.stringMatching(/no entries/) });
    expect((await run('verify', '--public-key', key, '--chain-only')).code).toBe(0);
    const other = makeTrail();
    try {
      const otherKey = path.join(other.dataDir, 'other.pem');
      writeFileSync(otherKey, other.audit.publicKey().pem);
      const pinned = await run('verify', '--public-key', otherKey, '--json');
      expect(pinned.code).not.toBe(0);
      expect(JSON.parse(pinned.out).firstProblem).toMatchObject({ kind: 'signature' });
    } finally {
      other.cleanup();
    }
  });

  test('purge --days drops old payloads and the trail still verifies', async () => {
    seeded();
    expect(JSON.parse((await run('purge', '--days', '0', '--json')).out)).toMatchObject({ purged: 10 });
    expect((await run('verify')).code).toBe(0);
    expect((await run('purge', '--days', 'many')).code).toBe(2);
  });

  test('usage errors: exit 2 with a message; a missing file: exit 3', async () => {
    seeded(1);
    expect(await run('export')).toMatchObject({ code: 2, err: expect.stringMatching(/Missing --out FILE/) });
    expect(await run('export', '--out', 'x', '--format', 'xml')).toMatchObject({ code: 2 });
    expect(await run('export', '--out', 'x', '--since', 'yesterday')).toMatchObject({ code: 2, err: expect.stringMatching(/--since must be a date/) });
    expect(await run('verify', '--file', 'x.jsonl')).toMatchObject({ code: 2, err: expect.stringMatching(/--public-key/) });
    expect(await run('frobnicate')).toMatchObject({ code: 2 });
    expect(await run('verify', '--bogus')).toMatchObject({ code: 2 });
    expect(await run('verify', '--file', path.join(trail.dataDir, 'none.jsonl'), '--public-key', path.join(trail.dataDir, 'none.pem'))).toMatchObject({ code: 3 });
  });

  test('a missing key: a clear error, not a fresh key', async () => {
    seeded(3);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(trail.dataDir, 'keys', 'audit-payload.key'));
    const result = await run('verify', '--json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.out).error).toMatchObject({ code: 'AUDIT_KEY_MISSING', details: { auditCode: 'AUDIT_KEY_MISSING' } });
  });
});

describe('CEF lines', () => {
  test('escape the header and extension separators', async () => {
    const { cefLine } = await import('../../electron/core/audit/audit-export.js');
    const line = cefLine({ seq: 1, time: '2025-01-01T00:00:00.000Z', actor: 'eve=1\nx\\y', action: 'a|b', target: '', outcome: 'blocked', inputDigest: null, outputDigest: null, payloadDigest: null, prevHash: '0'.repeat(64), hash: '1'.repeat(64) }, '1.0');
    expect(line).toBe(`CEF:0|Enclave|Enclave|1.0|a\\|b|a\\|b|6|rt=1735689600000 suser=eve\\=1\\nx\\\\y act=a|b outcome=blocked externalId=1 cs2Label=entryHash cs2=${'1'.repeat(64)} cs3Label=prevHash cs3=${'0'.repeat(64)}`);
  });
});
