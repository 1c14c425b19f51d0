import type { KeyObject } from 'node:crypto';
import type { AuditCheckpoint, ChainedFields, IntegrityProblem, IntegrityReport } from './audit.types.js';
import type { AuditRepo, EntryTuple } from './audit.repo.js';
import { canonicalEntry, GENESIS_HASH, sha256Hex } from './hash-chain.js';
import { ProblemList, seqRange } from './integrity-report.js';
import { headMacMatches } from './payload-crypto.js';
import { verifyCheckpoint } from './signatures.js';

export interface ChainTrust {
  /** The key checkpoints must be signed with: the trail's own, or one an auditor supplies. */
  publicKey: KeyObject;
  keyId: string;
  /** Seals the head; without it the head record is not checked. */
  macKey: Buffer | null;
  /** The id of the signing key in the data directory, when `publicKey` was pinned from elsewhere. */
  localKeyId?: string;
}

const CHUNK = 500;
const REORDER_SEARCH = 32;
/** Past this many problems, failing entries are reported as edited without searching where they came from. */
const DIAGNOSE_LIMIT = 100;

export interface WalkOptions {
  /** Also hash every stored payload against its digest (default). Without it, only the chain is walked. */
  payloads?: boolean;
}

/** What the walk over one seq range found: the chain checks inside it, and the hashes the checkpoints need. */
export interface RangeResult {
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  lastHash: string | null;
  hashAt: Array<[number, string]>;
  problems: IntegrityProblem[];
  droppedProblems: number;
}

/** The trail as one read transaction saw it: the walk stops at `lastSeq`, so later appends do not race the head check. */
export interface ChainSnapshot {
  tail: { seq: number; hash: string } | undefined;
  head: { seq: number; hash: string; mac: string } | undefined;
  checkpoints: AuditCheckpoint[];
}

export function takeSnapshot(repo: AuditRepo): ChainSnapshot {
  return repo.db.transaction(() => ({ tail: repo.tail(), head: repo.head(), checkpoints: repo.checkpoints() }))();
}

/**
 * Walks the whole chain in seq order: each entry's hash over its own fields, its link to the entry before, its
 * payload against the payload digest; then the signed checkpoints and the sealed head.
 */
export function verifyChain(repo: AuditRepo, trust: ChainTrust, options: WalkOptions = {}): IntegrityReport {
  const snapshot = takeSnapshot(repo);
  const range = walkRange(repo, 0, snapshot.tail?.seq ?? 0, snapshot.checkpoints.map((cp) => cp.seq), options);
  return finishVerify(snapshot, [range], trust);
}

/**
 * Checks entries with `afterSeq < seq <= toSeq`. The entry just before the range (if any) is read for context,
 * so ranges walked separately (in workers) report exactly what one walk would, boundaries included.
 */
export function walkRange(repo: AuditRepo, afterSeq: number, toSeq: number, checkpointSeqs: readonly number[], options: WalkOptions = {}): RangeResult {
  const payloads = options.payloads ?? true;
  const problems = new ProblemList();
  const wanted = new Set(checkpointSeqs.filter((seq) => seq > afterSeq && seq <= toSeq));
  const hashAt: Array<[number, string]> = [];
  const context = afterSeq > 0 ? repo.before(afterSeq + 1) : undefined;
  let prevSeq = context ? context[0] : 0;
  let prevHash = context ? context[11] : GENESIS_HASH;
  let prevLink: string | null = context ? context[10] : null;
  let prevBad = context ? sha256Hex(canonicalEntry(fieldsOf(context))) !== context[11] : false;
  let count = 0;
  let firstSeq: number | null = null;
  let cursor = afterSeq;

  while (cursor < toSeq) {
    const rows = repo.chunk(cursor, Math.min(CHUNK, toSeq - cursor), payloads);
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1]?.[0] ?? toSeq;
    for (const row of rows) {
      const fields = fieldsOf(row);
      const seq = fields.seq;
      if (seq > toSeq) break;
      const hash = row[11];
      firstSeq ??= seq;
      count++;
      let bad = false;
      if (sha256Hex(canonicalEntry(fields)) !== hash) {
        bad = true;
        const writtenAs = problems.size < DIAGNOSE_LIMIT ? findWrittenSeq(fields, hash) : null;
        if (writtenAs === seq - 1 && !prevBad && prevLink === fields.prevHash) {
          problems.add('inserted', seq - 1, null, `entry ${seq - 1} was inserted: the entry written as seq ${seq - 1} was renumbered to ${seq} behind it`);
        } else if (writtenAs !== null) {
          problems.add('reordered', seq, null, `entry stored as seq ${seq} was written as seq ${writtenAs}: entries were moved, inserted or deleted before it`);
        } else {
          problems.add('edited', seq, null, `entry ${seq} was edited: its fields no longer match its hash`);
        }
      } else if (fields.prevHash !== prevHash && !prevBad) {
        bad = true;
        if (seq !== prevSeq + 1) problems.add('deleted', prevSeq + 1, null, `entries ${seqRange(prevSeq + 1, seq - 1)} were deleted: entry ${seq} follows entry ${prevSeq}`);
        else problems.add('rewritten', prevSeq, null, `entry ${seq} does not chain to entry ${prevSeq}: entry ${prevSeq} was altered and re-hashed, or entry ${seq} was put in its place`);
      } else if (seq !== prevSeq + 1 && !prevBad) {
        bad = true;
        problems.add('deleted', prevSeq + 1, null, `entries ${seqRange(prevSeq + 1, seq - 1)} are missing`);
      }
      const payload = row[9];
      if (payload !== null && (fields.payloadDigest === null || (payloads && sha256Hex(payload) !== fields.payloadDigest))) {
        bad = true;
        problems.add('edited', seq, null, `the payload of entry ${seq} was replaced: it does not match the payload digest`);
      }
      if (wanted.has(seq)) hashAt.push([seq, hash]);
      prevSeq = seq;
      prevHash = hash;
      prevLink = fields.prevHash;
      prevBad = bad;
    }
  }
  const report = problems.report({ entries: count, checkpoints: 0, firstSeq, lastSeq: null, headHash: null, keyId: null });
  return { entries: count, firstSeq, lastSeq: count > 0 ? prevSeq : null, lastHash: count > 0 ? prevHash : null, hashAt, problems: report.problems, droppedProblems: report.truncatedProblems };
}

/** Joins the ranges (in seq order), then checks the checkpoints and the head against them. */
export function finishVerify(snapshot: ChainSnapshot, ranges: readonly RangeResult[], trust: ChainTrust): IntegrityReport {
  const problems = new ProblemList();
  for (const range of ranges) problems.addAll(range.problems, range.droppedProblems);
  const hashAt = new Map(ranges.flatMap((range) => range.hashAt));
  const walked = ranges.filter((range) => range.entries > 0);
  const last = walked[walked.length - 1];
  const lastSeq = last?.lastSeq ?? 0;
  const lastHash = last?.lastHash ?? GENESIS_HASH;

  // After the walk, so that a precise problem anywhere below a checkpoint is known before its range is blamed.
  let lastGoodCheckpoint = 0;
  for (const cp of snapshot.checkpoints) {
    const hash = hashAt.get(cp.seq);
    if (hash !== undefined && checkCheckpoint(cp, hash, trust, problems, lastGoodCheckpoint)) lastGoodCheckpoint = cp.seq;
    if (cp.seq > lastSeq) problems.add('truncated', lastSeq + 1, null, `entries ${seqRange(lastSeq + 1, cp.seq)} were cut from the end: the checkpoint signed at ${cp.time} covers them`);
  }
  checkHead(snapshot.head, trust, lastSeq, lastHash, problems);
  if (trust.localKeyId !== undefined && trust.localKeyId !== trust.keyId) {
    problems.add('signature', null, null, `the signing key in this data directory (id ${trust.localKeyId}) is not the pinned public key (id ${trust.keyId}): the keys were replaced`);
  }
  const entries = ranges.reduce((sum, range) => sum + range.entries, 0);
  return problems.report({
    entries,
    checkpoints: snapshot.checkpoints.length,
    firstSeq: walked[0]?.firstSeq ?? null,
    lastSeq: entries > 0 ? lastSeq : null,
    headHash: entries > 0 ? lastHash : null,
    keyId: trust.keyId,
  });
}

export function fieldsOf(row: EntryTuple): ChainedFields {
  return { seq: row[0], time: row[1], actor: row[2], action: row[3], target: row[4], outcome: row[5], inputDigest: row[6], outputDigest: row[7], payloadDigest: row[8], prevHash: row[10] };
}

/** Returns whether the checkpoint holds; a bad one is reported. */
function checkCheckpoint(cp: AuditCheckpoint, hash: string, trust: ChainTrust, problems: ProblemList, lastGood: number): boolean {
  if (cp.keyId !== trust.keyId) {
    problems.add('signature', cp.seq, null, `the checkpoint at seq ${cp.seq} is signed by key ${cp.keyId}, not by this trail's key ${trust.keyId}: it was re-signed with another key`);
    return false;
  }
  if (!verifyCheckpoint(trust.publicKey, cp)) {
    problems.add('signature', cp.seq, null, `the checkpoint at seq ${cp.seq} has an invalid signature: it was edited or forged`);
    return false;
  }
  if (cp.headHash !== hash) {
    // A precise problem inside the range already explains the mismatch.
    if (!problems.hasSeqIn(lastGood + 1, cp.seq)) problems.add('rewritten', lastGood + 1, null, `entries ${seqRange(lastGood + 1, cp.seq)} were rewritten: entry ${cp.seq} no longer matches the checkpoint signed at ${cp.time}`);
    return false;
  }
  return true;
}

function checkHead(head: ChainSnapshot['head'], trust: ChainTrust, lastSeq: number, lastHash: string, problems: ProblemList): void {
  if (trust.macKey === null) return;
  if (!head) {
    if (lastSeq > 0) problems.add('truncated', null, null, 'the sealed head record is missing: the end of the trail cannot be confirmed');
    return;
  }
  if (!headMacMatches(trust.macKey, head.seq, head.hash, head.mac)) {
    problems.add('edited', head.seq, null, `the sealed head record (seq ${head.seq}) was altered`);
  } else if (head.seq > lastSeq) {
    problems.add('truncated', lastSeq + 1, null, `entries ${seqRange(lastSeq + 1, head.seq)} were cut from the end: the trail was sealed at seq ${head.seq}`);
  } else if (head.seq < lastSeq) {
    problems.add('inserted', head.seq + 1, null, `entries ${seqRange(head.seq + 1, lastSeq)} were added after the trail was sealed at seq ${head.seq}`);
  } else if (head.hash !== lastHash) {
    problems.add('rewritten', lastSeq, null, `entry ${lastSeq} does not match the sealed head: the end of the trail was rewritten`);
  }
}

/** For an entry whose hash fails: the seq it was written with, when it is nearby (moved rows keep their hash). */
function findWrittenSeq(fields: ChainedFields, hash: string): number | null {
  const candidates = fields.prevHash === GENESIS_HASH ? [1] : [];
  for (let offset = 1; offset <= REORDER_SEARCH; offset++) candidates.push(fields.seq - offset, fields.seq + offset);
  for (const seq of candidates) {
    if (seq >= 1 && seq !== fields.seq && sha256Hex(canonicalEntry({ ...fields, seq })) === hash) return seq;
  }
  return null;
}
