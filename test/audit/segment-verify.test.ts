import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signingKeyId, type SigningKey } from '../../electron/core/audit/audit-keys.js';
import { endLine, type ExportEnd } from '../../electron/core/audit/audit-export.js';
import type { ChainedFields, IntegrityReport } from '../../electron/core/audit/audit.types.js';
import { entryHash } from '../../electron/core/audit/hash-chain.js';
import { verifySegment, verifySegmentFile } from '../../electron/core/audit/segment-verify.js';
import { signCheckpoint } from '../../electron/core/audit/signatures.js';
import { makeTrail, sampleEntries, T0, type Trail } from './audit-fixtures.js';

type Line = Record<string, unknown>;

let trail: Trail;
let pem: string;
let exported: string[];

beforeAll(() => {
  trail = makeTrail();
  trail.audit.appendMany(sampleEntries(60));
  pem = trail.audit.publicKey().pem;
  const out = path.join(trail.dataDir, 'full.jsonl');
  trail.audit.export({ out, format: 'jsonl', actor: 'auditor' });
  exported = readFileSync(out, 'utf8').trimEnd().split('\n');
});
afterAll(() => trail.cleanup());

const verifyLines = (lines: string[]): IntegrityReport => verifySegment(`${lines.join('\n')}\n`, pem);
const parse = (line: string | undefined): Line => JSON.parse(line ?? '{}') as Line;
/** The 1-based line holding entry `seq`. */
const lineOf = (lines: string[], seq: number): number => lines.findIndex((l) => parse(l).type === 'entry' && parse(l).seq === seq) + 1;
const rehash = (record: Line): string => {
  const { type: _type, hash: _hash, ...fields } = record;
  return JSON.stringify({ ...record, hash: entryHash(fields as unknown as ChainedFields) });
};

describe('an exported JSONL segment verifies with nothing but the file and the public key', () => {
  test('the export has a header, entries, checkpoints after their entry, and a signed end', () => {
    expect(parse(exported[0])).toMatchObject({ type: 'header', format: 'enclave-audit-jsonl', v: 1, since: null });
    expect(exported.filter((l) => parse(l).type === 'entry')).toHaveLength(60);
    const cpLine = exported.findIndex((l) => parse(l).type === 'checkpoint');
    expect(parse(exported[cpLine - 1])).toMatchObject({ type: 'entry', seq: parse(exported[cpLine]).seq });
    expect(parse(exported.at(-1))).toMatchObject({ type: 'end', firstSeq: 1, lastSeq: 60, entries: 60, checkpointSeqs: [10, 20, 30, 40, 50, 60] });
    expect(verifyLines(exported)).toMatchObject({ ok: true, entries: 60, checkpoints: 6, firstSeq: 1, lastSeq: 60, problems: [] });
    const file = path.join(trail.dataDir, 'copy.jsonl');
    const key = path.join(trail.dataDir, 'audit.pem');
    writeFileSync(file, `${exported.join('\n')}\n`);
    writeFileSync(key, pem);
    expect(verifySegmentFile(file, key).ok).toBe(true);
  });

  test('an edited line is reported at its position', () => {
    const lines = [...exported];
    const at = lineOf(lines, 17);
    lines[at - 1] = JSON.stringify({ ...parse(lines[at - 1]), actor: 'mallory' });
    const report = verifyLines(lines);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'edited', line: at, seq: 17 })]);
  });

  test('an edited line with a recomputed hash is reported at its position', () => {
    const lines = [...exported];
    const at = lineOf(lines, 17);
    lines[at - 1] = rehash({ ...parse(lines[at - 1]), outcome: 'denied' });
    expect(verifyLines(lines).problems[0]).toMatchObject({ kind: 'rewritten', line: at, seq: 17 });
  });

  test('a deleted line is reported where it was', () => {
    const lines = [...exported];
    const at = lineOf(lines, 23);
    lines.splice(at - 1, 1);
    expect(verifyLines(lines).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 23, line: at })]);
  });

  test('an inserted line is reported at its position: a forged entry, a duplicate seq, a blank line', () => {
    const lines = [...exported];
    const template = parse(lines[lineOf(lines, 30) - 1]);
    lines.splice(40, 0, rehash({ ...template, seq: 999, actor: 'mallory' }));
    lines.splice(10, 0, rehash({ ...template, actor: 'mallory' }));
    lines.splice(5, 0, '');
    const report = verifyLines(lines);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'inserted', line: 6 }),
      expect.objectContaining({ kind: 'inserted', line: 12, seq: 30 }),
      expect.objectContaining({ kind: 'inserted', line: 43, seq: 999 }),
    ]);
  });

  test('reordered lines are each reported', () => {
    const lines = [...exported];
    const [a, b] = [lineOf(lines, 12), lineOf(lines, 35)];
    [lines[a - 1], lines[b - 1]] = [lines[b - 1] as string, lines[a - 1] as string];
    const report = verifyLines(lines);
    expect(report.problems.map((p) => [p.kind, p.line])).toEqual([['reordered', a], ['reordered', b]]);
  });

  test('a truncated file is reported even when cut at a line boundary', () => {
    const report = verifyLines(exported.slice(0, lineOf(exported, 45)));
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'truncated', seq: 45, line: lineOf(exported, 45) + 1 })]);
    const cutMidLine = [...exported.slice(0, 20), (exported[20] ?? '').slice(0, 30)];
    expect(verifyLines(cutMidLine).problems.map((p) => p.kind)).toEqual(['malformed', 'truncated']);
  });

  test('entries deleted from the end before a copied end record are reported', () => {
    const lines = [...exported];
    const end = lines.pop() as string;
    lines.splice(lineOf(lines, 56) - 1);
    const report = verifyLines([...lines, end]);
    expect(report.problems[0]).toMatchObject({ kind: 'deleted', seq: 56 });
  });

  test('an edit with every later hash recomputed is caught by the signed checkpoints and end', () => {
    const lines = [...exported];
    let prev: string | null = null;
    for (let i = lineOf(lines, 17) - 1; i < lines.length; i++) {
      const record = parse(lines[i]);
      if (record.type !== 'entry') continue;
      if (record.seq === 17) record.actor = 'mallory';
      if (prev !== null) record.prevHash = prev;
      lines[i] = rehash(record);
      prev = parse(lines[i]).hash as string;
    }
    const report = verifyLines(lines);
    expect(report.problems[0]).toMatchObject({ kind: 'rewritten', seq: 11, line: lineOf(lines, 10) + 2 });
    expect(report.problems.some((p) => /not the head the export signed/.test(p.reason))).toBe(true);
  });

  test('a file rewritten and re-signed with another key is rejected', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const forger: SigningKey = { keyId: signingKeyId(publicKey), privateKey, publicKey: publicKey as KeyObject, publicKeyPem: '' };
    const lines = exported.map((line) => {
      const record = parse(line);
      if (record.type === 'header') return JSON.stringify({ ...record, keyId: forger.keyId });
      if (record.type === 'checkpoint') return JSON.stringify({ type: 'checkpoint', ...signCheckpoint(forger, record.seq as number, record.headHash as string, record.time as string) });
      if (record.type === 'end') {
        const { type: _t, format: _f, v: _v, signature: _s, ...end } = record;
        return endLine({ ...(end as unknown as ExportEnd), keyId: forger.keyId }, forger);
      }
      return line;
    });
    const report = verifyLines(lines);
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.kind === 'signature')).toHaveLength(7);
    expect(report.problems[0]?.reason).toMatch(/re-signed with another key/);
  });

  test('a deleted header or checkpoint line, and an edited header, are reported', () => {
    expect(verifyLines(exported.slice(1)).problems[0]).toMatchObject({ kind: 'deleted', line: 1 });
    const cp = exported.findIndex((l) => parse(l).type === 'checkpoint');
    const withoutCp = exported.filter((_, i) => i !== cp);
    expect(verifyLines(withoutCp).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 10 })]);
    const edited = [JSON.stringify({ ...parse(exported[0]), since: '2020-01-01T00:00:00.000Z' }), ...exported.slice(1)];
    expect(verifyLines(edited).problems).toEqual([expect.objectContaining({ kind: 'edited', line: 1 })]);
  });

  test('a segment exported --since verifies on its own, from its signed first link', () => {
    const out = path.join(trail.dataDir, 'since.jsonl');
    const summary = trail.audit.export({ out, format: 'jsonl', since: new Date(T0.getTime() + 41_000), actor: 'auditor' });
    expect(summary).toMatchObject({ firstSeq: 41 });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(verifyLines(lines)).toMatchObject({ ok: true, firstSeq: 41 });
    expect(verifyLines(lines.filter((_, i) => i !== 1)).problems[0]).toMatchObject({ kind: 'deleted', seq: 41, line: 2 });
  });

  test('an entry added to an export that holds none is reported', () => {
    const empty = makeTrail();
    try {
      const out = path.join(empty.dataDir, 'empty.jsonl');
      empty.audit.export({ out, format: 'jsonl', actor: 'auditor' });
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(verifySegment(`${lines.join('\n')}\n`, empty.audit.publicKey().pem)).toMatchObject({ ok: true, entries: 0 });
      lines.splice(1, 0, exported[1] as string);
      const report = verifySegment(lines.join('\n'), empty.audit.publicKey().pem);
      expect(report.problems).toEqual([expect.objectContaining({ kind: 'inserted', line: 2 })]);
    } finally {
      empty.cleanup();
    }
  });

  test('a public key that is not Ed25519 PEM is a clear error', () => {
    expect(() => verifySegment(exported.join('\n'), 'not a key')).toThrowError(expect.objectContaining({ code: 'AUDIT_KEY_INVALID', message: expect.stringMatching(/not a PEM public key/) }));
  });
});
