import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../contract/errors.js';
import type { AuditCheckpoint, IntegrityReport } from './audit.types.js';
import { EXPORT_FORMAT, endRecord, type ExportEnd } from './audit-export.js';
import { parsePublicKeyPem, signingKeyId } from './audit-keys.js';
import { ProblemList, seqRange } from './integrity-report.js';
import { parseSegment, type EntryLine, type ParsedSegment } from './segment-parse.js';
import { canonicalEntry, sha256Hex } from './hash-chain.js';
import { verifyCheckpoint, verifyRecord } from './signatures.js';
import { longestIncreasingRun } from './segment-order.js';

/**
 * Checks an exported JSONL segment with nothing but its text and the trail's public key: every line's hash, the
 * links between entries, their order, the signed checkpoints and the signed end record. Each problem carries the
 * 1-based line it was found at.
 */
export function verifySegment(text: string, publicKeyPem: string): IntegrityReport {
  const publicKey = parsePublicKeyPem(publicKeyPem);
  const keyId = signingKeyId(publicKey);
  const problems = new ProblemList();
  const parsed = parseSegment(text, problems);
  const end = trustedEnd(parsed, publicKey, keyId, problems);
  checkHeader(parsed, end, problems);

  const selfOk = new Set<EntryLine>();
  for (const entry of parsed.entries) {
    if (sha256Hex(canonicalEntry(entry.fields)) === entry.hash) selfOk.add(entry);
    else problems.add('edited', entry.fields.seq, entry.line, `line ${entry.line} (seq ${entry.fields.seq}) was edited: its fields no longer match its hash`);
  }
  const seqs = parsed.entries.map((e) => e.fields.seq);
  const firstSeq = end ? end.firstSeq : seqs.reduce<number | null>((min, seq) => (min === null || seq < min ? seq : min), null);
  const lastSeq = end ? end.lastSeq : seqs.reduce<number | null>((max, seq) => (max === null || seq > max ? seq : max), null);
  const genuine = end && end.firstSeq === null ? reportAllInserted(parsed.entries, selfOk, problems) : pickGenuine(parsed.entries, selfOk, firstSeq, lastSeq, problems);

  if (firstSeq !== null && lastSeq !== null) {
    reportMissing(parsed, genuine, selfOk, firstSeq, lastSeq, problems);
    checkLinks(genuine, selfOk, firstSeq, lastSeq, end, problems);
  }
  reportReordered(parsed, genuine, problems);
  checkCheckpoints(parsed, genuine, publicKey, keyId, end, problems);
  if (end && end.lastSeq !== null) {
    const last = genuine.get(end.lastSeq);
    if (last && selfOk.has(last) && last.hash !== end.headHash) problems.add('rewritten', end.lastSeq, last.line, `line ${last.line} (seq ${end.lastSeq}) is not the head the export signed: the entries before it were rewritten`);
  }
  const lastGenuine = lastSeq === null ? undefined : genuine.get(lastSeq);
  return problems.report({ entries: parsed.entries.length, checkpoints: parsed.checkpoints.length, firstSeq, lastSeq, headHash: end?.headHash ?? lastGenuine?.hash ?? null, keyId });
}

/** Reads both files; a missing file is an AppError, tampering is a report. */
export function verifySegmentFile(file: string, publicKeyFile: string): IntegrityReport {
  return verifySegment(readText(file, 'export'), readText(publicKeyFile, 'public key'));
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `Cannot read the ${what} file ${file}`);
  }
}

function trustedEnd(parsed: ParsedSegment, publicKey: KeyObject, keyId: string, problems: ProblemList): ExportEnd | null {
  const { end, lastLine } = parsed;
  if (!end && parsed.endLine !== null) return null;
  if (!end) {
    const lastEntry = parsed.entries[parsed.entries.length - 1];
    problems.add('truncated', lastEntry?.fields.seq ?? null, lastLine + 1, `the file ends at line ${lastLine} without its signed end record: it was truncated${lastEntry ? ` after seq ${lastEntry.fields.seq}` : ''}`);
    return null;
  }
  if (end.record.keyId !== keyId) {
    problems.add('signature', null, end.line, `the end record (line ${end.line}) is signed by key ${String(end.record.keyId)}, not by the given public key ${keyId}: the export was re-signed with another key`);
    return null;
  }
  if (!verifyRecord(publicKey, endRecord(end.record), end.signature)) {
    problems.add('signature', null, end.line, `the end record (line ${end.line}) has an invalid signature: it was edited or forged`);
    return null;
  }
  return end.record;
}

function checkHeader(parsed: ParsedSegment, end: ExportEnd | null, problems: ProblemList): void {
  const header = parsed.header;
  if (!header) {
    problems.add('deleted', null, 1, 'line 1 is not the export header: the header line was deleted or moved');
    return;
  }
  if (header.line !== 1) problems.add('reordered', null, header.line, `the export header is at line ${header.line}, not line 1`);
  const fields = header.record;
  if (fields.format !== EXPORT_FORMAT) problems.add('edited', null, header.line, `line ${header.line} names format ${String(fields.format)}, not ${EXPORT_FORMAT}`);
  if (end && (['exportId', 'exportedAt', 'since', 'keyId'] as const).some((k) => fields[k] !== end[k])) {
    problems.add('edited', null, header.line, `the header (line ${header.line}) does not match the signed end record: it was edited`);
  }
}

/** One entry per seq: of several claiming it, the intact one that chains and sits in place; the rest were inserted. */
function pickGenuine(entries: EntryLine[], selfOk: Set<EntryLine>, firstSeq: number | null, lastSeq: number | null, problems: ProblemList): Map<number, EntryLine> {
  const bySeq = new Map<number, EntryLine[]>();
  for (const entry of entries) bySeq.set(entry.fields.seq, [...(bySeq.get(entry.fields.seq) ?? []), entry]);
  const prevHashes = new Set(entries.filter((e) => selfOk.has(e)).map((e) => e.fields.prevHash));
  const genuine = new Map<number, EntryLine>();
  for (const seq of [...bySeq.keys()].sort((a, b) => a - b)) {
    const candidates = bySeq.get(seq) ?? [];
    if (firstSeq !== null && lastSeq !== null && (seq < firstSeq || seq > lastSeq)) {
      for (const c of candidates) if (selfOk.has(c)) problems.add('inserted', seq, c.line, `line ${c.line} (seq ${seq}) was inserted: the export covers seq ${seqRange(firstSeq, lastSeq)}`);
      continue;
    }
    const before = genuine.get(seq - 1);
    const score = (c: EntryLine): number =>
      (selfOk.has(c) ? 8 : 0) + (before && c.fields.prevHash === before.hash ? 4 : 0) + (prevHashes.has(c.hash) ? 2 : 0) + (before && c.line > before.line ? 1 : 0);
    const ranked = [...candidates].sort((a, b) => score(b) - score(a) || distance(a, before) - distance(b, before));
    const chosen = ranked[0];
    if (!chosen) continue;
    genuine.set(seq, chosen);
    for (const other of ranked.slice(1)) {
      if (selfOk.has(other)) problems.add('inserted', seq, other.line, `line ${other.line} was inserted: it claims seq ${seq}, which line ${chosen.line} holds`);
    }
  }
  return genuine;
}

/** The signed end says the export holds no entries: any entry line was added. */
function reportAllInserted(entries: EntryLine[], selfOk: Set<EntryLine>, problems: ProblemList): Map<number, EntryLine> {
  for (const e of entries) if (selfOk.has(e)) problems.add('inserted', e.fields.seq, e.line, `line ${e.line} (seq ${e.fields.seq}) was inserted: the export holds no entries`);
  return new Map();
}

const distance = (entry: EntryLine, before: EntryLine | undefined): number => (before && entry.line > before.line ? entry.line - before.line : Number.MAX_SAFE_INTEGER - entry.line);

function reportMissing(parsed: ParsedSegment, genuine: Map<number, EntryLine>, selfOk: Set<EntryLine>, firstSeq: number, lastSeq: number, problems: ProblemList): void {
  const edited = parsed.entries.filter((e) => !selfOk.has(e) && genuine.get(e.fields.seq) !== e).map((e) => e.line);
  for (let seq = firstSeq; seq <= lastSeq; seq++) {
    if (genuine.has(seq)) continue;
    let to = seq;
    while (to + 1 <= lastSeq && !genuine.has(to + 1)) to++;
    const afterLine = genuine.get(seq - 1)?.line ?? parsed.header?.line ?? 0;
    const beforeLine = genuine.get(to + 1)?.line ?? parsed.end?.line ?? parsed.lastLine + 1;
    // An edited line standing where the entries belong explains the gap (its seq was edited too).
    const editedInPlace = countBetween(edited, afterLine, beforeLine);
    if (editedInPlace < to - seq + 1) {
      problems.add('deleted', seq, beforeLine, `entries ${seqRange(seq, to)} were deleted: they belong between line ${afterLine} and line ${beforeLine}`);
    }
    seq = to;
  }
}

/** How many of the ascending `lines` lie strictly between `after` and `before`. */
function countBetween(lines: readonly number[], after: number, before: number): number {
  const firstAbove = (bound: number): number => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lines[mid] ?? 0) <= bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, firstAbove(before - 1) - firstAbove(after));
}

function checkLinks(genuine: Map<number, EntryLine>, selfOk: Set<EntryLine>, firstSeq: number, lastSeq: number, end: ExportEnd | null, problems: ProblemList): void {
  const first = genuine.get(firstSeq);
  if (end && first && selfOk.has(first) && first.fields.prevHash !== end.firstPrevHash) {
    problems.add('rewritten', firstSeq, first.line, `line ${first.line} (seq ${firstSeq}) does not start the signed segment: it was replaced`);
  }
  for (let seq = firstSeq + 1; seq <= lastSeq; seq++) {
    const entry = genuine.get(seq);
    const before = genuine.get(seq - 1);
    if (!entry || !before || !selfOk.has(entry) || !selfOk.has(before)) continue;
    if (entry.fields.prevHash !== before.hash) {
      problems.add('rewritten', seq - 1, before.line, `line ${before.line} (seq ${seq - 1}) was altered and re-hashed, or line ${entry.line} (seq ${seq}) replaced: seq ${seq} does not chain to it`);
    }
  }
}

function reportReordered(parsed: ParsedSegment, genuine: Map<number, EntryLine>, problems: ProblemList): void {
  const inFileOrder = parsed.entries.filter((e) => genuine.get(e.fields.seq) === e);
  const kept = longestIncreasingRun(inFileOrder.map((e) => e.fields.seq));
  inFileOrder.forEach((entry, i) => {
    if (kept.has(i)) return;
    const before = genuine.get(entry.fields.seq - 1);
    problems.add('reordered', entry.fields.seq, entry.line, `line ${entry.line} (seq ${entry.fields.seq}) is out of order${before ? `: it belongs right after line ${before.line} (seq ${before.fields.seq})` : ''}`);
  });
  for (const cp of parsed.checkpoints) {
    if (cp.afterSeq !== cp.cp.seq) problems.add('reordered', cp.cp.seq, cp.line, `the checkpoint at line ${cp.line} (seq ${cp.cp.seq}) was moved: it belongs right after its entry`);
  }
}

function checkCheckpoints(parsed: ParsedSegment, genuine: Map<number, EntryLine>, publicKey: KeyObject, keyId: string, end: ExportEnd | null, problems: ProblemList): void {
  let lastGood: { seq: number; line: number } | null = null;
  const seen = new Set<number>();
  const listed = new Set(end?.checkpointSeqs ?? []);
  for (const { cp, line } of [...parsed.checkpoints].sort((a, b) => a.cp.seq - b.cp.seq)) {
    seen.add(cp.seq);
    if (end && !listed.has(cp.seq)) {
      problems.add('inserted', cp.seq, line, `the checkpoint at line ${line} (seq ${cp.seq}) was inserted: the signed end record does not list it`);
      continue;
    }
    if (!checkpointSigned(cp, line, publicKey, keyId, problems)) continue;
    const entry = genuine.get(cp.seq);
    if (entry && entry.hash !== cp.headHash) {
      const from = lastGood ? lastGood.seq + 1 : (end?.firstSeq ?? cp.seq);
      if (!problems.hasSeqIn(from, cp.seq)) problems.add('rewritten', from, lastGood ? lastGood.line + 1 : entry.line, `entries ${seqRange(from, cp.seq)} were rewritten: line ${entry.line} no longer matches the checkpoint signed at line ${line}`);
    } else if (entry) {
      lastGood = { seq: cp.seq, line };
    }
  }
  for (const seq of end?.checkpointSeqs ?? []) {
    if (seen.has(seq)) continue;
    const entryLine = genuine.get(seq)?.line;
    const line = entryLine === undefined ? (parsed.end?.line ?? parsed.lastLine + 1) : entryLine + 1;
    problems.add('deleted', seq, line, `the checkpoint for seq ${seq} was deleted: it belongs at line ${line}`);
  }
}

function checkpointSigned(cp: AuditCheckpoint, line: number, publicKey: KeyObject, keyId: string, problems: ProblemList): boolean {
  if (cp.keyId !== keyId) {
    problems.add('signature', cp.seq, line, `the checkpoint at line ${line} is signed by key ${cp.keyId}, not by the given public key ${keyId}: it was re-signed with another key`);
    return false;
  }
  if (!verifyCheckpoint(publicKey, cp)) {
    problems.add('signature', cp.seq, line, `the checkpoint at line ${line} has an invalid signature: it was edited or forged`);
    return false;
  }
  return true;
}

