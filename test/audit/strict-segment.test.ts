import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditCommand, type AuditIo } from '../../electron/cli/commands/audit.command.js';
import { makeTrail, sampleEntries, type Trail } from './audit-fixtures.js';

// Issue 10.11: JSON.parse keeps the last of two equal keys, and fields outside the hash were ignored, so an
// exported line could say one thing to a reader and verify as another. Both are now tampering.
describe('audit verify --file parses entries strictly', () => {
  let trail: Trail;
  let file: string;
  let key: string;
  let lines: string[];

  async function verify(edited: string[]): Promise<{ code: number; report: { ok: boolean; firstProblem: { kind: string; seq: number | null; line: number; reason: string } | null } }> {
    const copy = path.join(trail.dataDir, 'edited.jsonl');
    writeFileSync(copy, edited.join('\n'));
    const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) } satisfies AuditIo & { out: string; err: string };
    const code = await auditCommand(['verify', '--file', copy, '--public-key', key, '--json'], trail.dataDir, io);
    return { code, report: JSON.parse(io.out) };
  }
  /** Line 6 holds entry 5 (after the header); `edit` rewrites its text. */
  const withEntry5 = (edit: (line: string) => string): string[] => lines.map((l, i) => (i === 5 ? edit(l) : l));

  beforeAll(async () => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(12));
    trail.db.close();
    file = path.join(trail.dataDir, 'audit.jsonl');
    key = path.join(trail.dataDir, 'audit.pem');
    const io = { stdout: () => undefined, stderr: () => undefined };
    expect(await auditCommand(['export', '--out', file], trail.dataDir, io)).toBe(0);
    expect(await auditCommand(['public-key', '--out', key], trail.dataDir, io)).toBe(0);
    lines = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(lines[5] ?? '{}')).toMatchObject({ type: 'entry', seq: 5 });
  });
  afterAll(() => trail.cleanup());

  test('the untouched export verifies', async () => {
    expect(await verify(lines)).toMatchObject({ code: 0, report: { ok: true } });
  });

  test('a key named twice ("actor":"mallory","actor":<the real one>) is tampering, naming the entry', async () => {
    const doubled = withEntry5((l) => l.replace('"actor":', '"actor":"mallory","actor":'));
    expect(JSON.parse(doubled[5] ?? '{}').actor).not.toBe('mallory');
    const { code, report } = await verify(doubled);
    expect(code).not.toBe(0);
    expect(report.firstProblem).toMatchObject({ kind: 'edited', seq: 5, line: 6, reason: expect.stringContaining('"actor" twice') });
  });

  test('a field outside the hash is tampering; a nested duplicate in the end record too', async () => {
    const extra = withEntry5((l) => l.replace(/}$/, ',"approvedBy":"root"}'));
    const { code, report } = await verify(extra);
    expect(code).not.toBe(0);
    expect(report.firstProblem).toMatchObject({ kind: 'edited', seq: 5, line: 6, reason: expect.stringContaining('"approvedBy"') });

    const endIndex = lines.findLastIndex((l) => l.startsWith('{"type":"end"'));
    const doubledEnd = lines.map((l, i) => (i === endIndex ? l.replace('"keyId":', '"keyId":"other","keyId":') : l));
    const end = await verify(doubledEnd);
    expect(end.code).not.toBe(0);
    expect(end.report.firstProblem).toMatchObject({ kind: 'edited', line: endIndex + 1 });
  });
});
