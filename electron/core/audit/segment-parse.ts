import { auditOutcomes, type AuditCheckpoint, type AuditOutcome, type ChainedFields } from './audit.types.js';
import type { ExportEnd } from './audit-export.js';
import { isHash } from './hash-chain.js';
import type { ProblemList } from './integrity-report.js';
import { duplicateKey, unexpectedKeys } from './strict-json.js';

export interface EntryLine {
  line: number;
  fields: ChainedFields;
  hash: string;
}

export interface CheckpointLine {
  line: number;
  cp: AuditCheckpoint;
  /** The seq of the entry on the line just above, or null when that line is not an entry. */
  afterSeq: number | null;
}

export interface ParsedSegment {
  header: { line: number; record: Record<string, unknown> } | null;
  entries: EntryLine[];
  checkpoints: CheckpointLine[];
  end: { line: number; record: ExportEnd; signature: unknown } | null;
  /** The line of an end record too damaged to read, if any. */
  endLine: number | null;
  lastLine: number;
}

type Json = Record<string, unknown>;

/** Reads the lines of an export; lines that cannot be records at all are reported here and skipped. */
export function parseSegment(text: string, problems: ProblemList): ParsedSegment {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parsed: ParsedSegment = { header: null, entries: [], checkpoints: [], end: null, endLine: null, lastLine: lines.length };
  let previousEntrySeq: number | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const afterSeq = previousEntrySeq;
    previousEntrySeq = null;
    if (raw.trim() === '') return problems.add('inserted', null, line, `line ${line} is blank: a line was inserted or emptied`);
    let record: Json;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      record = value as Json;
    } catch {
      return problems.add('malformed', null, line, `line ${line} is not a JSON record: it was edited or cut off`);
    }
    if (parsed.end || parsed.endLine !== null) problems.add('inserted', null, line, `line ${line} comes after the end record: it was appended`);
    const loose = looseness(record, raw);
    if (loose) {
      const seq = record.type === 'entry' && isSeq(record.seq) ? record.seq : null;
      return problems.add('edited', seq, line, `line ${line}${seq === null ? '' : ` (entry ${seq})`} ${loose}: it was edited`);
    }
    switch (record.type) {
      case 'header':
        if (parsed.header) problems.add('inserted', null, line, `line ${line} is a second header: it was inserted`);
        else parsed.header = { line, record };
        return;
      case 'entry': {
        const fields = entryFields(record);
        if (!fields) return problems.add('edited', null, line, `line ${line} is not a well-formed entry: it was edited`);
        parsed.entries.push({ line, fields, hash: record.hash as string });
        previousEntrySeq = fields.seq;
        return;
      }
      case 'checkpoint': {
        const cp = checkpointFields(record);
        if (!cp) return problems.add('edited', null, line, `line ${line} is not a well-formed checkpoint: it was edited`);
        parsed.checkpoints.push({ line, cp, afterSeq });
        return;
      }
      case 'end': {
        if (parsed.end || parsed.endLine !== null) return problems.add('inserted', null, line, `line ${line} is a second end record: it was inserted`);
        const end = endFields(record);
        if (!end) {
          parsed.endLine = line;
          return problems.add('edited', null, line, `the end record at line ${line} is not well-formed: it was edited`);
        }
        parsed.end = { line, record: end, signature: record.signature };
        return;
      }
      default:
        problems.add('malformed', null, line, `line ${line} is not an audit export record: it was edited or inserted`);
    }
  });
  return parsed;
}

/** The fields each record may carry: exactly those its hash or signature covers (and its type). */
const ALLOWED_KEYS: Record<string, ReadonlySet<string>> = {
  entry: new Set(['type', 'seq', 'time', 'actor', 'action', 'target', 'outcome', 'inputDigest', 'outputDigest', 'payloadDigest', 'prevHash', 'hash']),
  checkpoint: new Set(['type', 'seq', 'headHash', 'time', 'keyId', 'signature']),
  end: new Set(['type', 'format', 'v', 'exportId', 'exportedAt', 'since', 'keyId', 'firstSeq', 'firstPrevHash', 'lastSeq', 'headHash', 'entries', 'checkpointSeqs', 'signature']),
};

/** Why a record says more than its hash vouches for (a key named twice, a field outside the hash); or null. */
function looseness(record: Json, raw: string): string | null {
  const twice = duplicateKey(raw);
  if (twice !== undefined) return `names the key "${twice}" twice`;
  const allowed = ALLOWED_KEYS[record.type as string];
  const extra = allowed ? unexpectedKeys(record, allowed) : [];
  return extra.length > 0 ? `carries fields outside its hash or signature (${extra.map((k) => `"${k}"`).join(', ')})` : null;
}

const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
const isText = (v: unknown): v is string => typeof v === 'string';
const isDigest = (v: unknown): v is string | null => v === null || isHash(v);

function entryFields(r: Json): ChainedFields | null {
  const ok = isSeq(r.seq) && isText(r.time) && isText(r.actor) && isText(r.action) && isText(r.target) &&
    auditOutcomes.includes(r.outcome as AuditOutcome) && isDigest(r.inputDigest) && isDigest(r.outputDigest) &&
    isDigest(r.payloadDigest) && isHash(r.prevHash) && isHash(r.hash);
  if (!ok) return null;
  return {
    seq: r.seq as number,
    time: r.time as string,
    actor: r.actor as string,
    action: r.action as string,
    target: r.target as string,
    outcome: r.outcome as AuditOutcome,
    inputDigest: r.inputDigest as string | null,
    outputDigest: r.outputDigest as string | null,
    payloadDigest: r.payloadDigest as string | null,
    prevHash: r.prevHash as string,
  };
}

function checkpointFields(r: Json): AuditCheckpoint | null {
  if (!isSeq(r.seq) || !isHash(r.headHash) || !isText(r.time) || !isText(r.keyId) || !isText(r.signature)) return null;
  return { seq: r.seq, headHash: r.headHash, time: r.time, keyId: r.keyId, signature: r.signature };
}

function endFields(r: Json): ExportEnd | null {
  const seqOrNull = (v: unknown): boolean => v === null || isSeq(v);
  const ok = isText(r.exportId) && isText(r.exportedAt) && (r.since === null || isText(r.since)) && isText(r.keyId) &&
    seqOrNull(r.firstSeq) && seqOrNull(r.lastSeq) && isDigest(r.firstPrevHash) && isDigest(r.headHash) &&
    typeof r.entries === 'number' && Number.isSafeInteger(r.entries) && Array.isArray(r.checkpointSeqs) && r.checkpointSeqs.every(isSeq);
  if (!ok) return null;
  return {
    exportId: r.exportId as string,
    exportedAt: r.exportedAt as string,
    since: r.since as string | null,
    keyId: r.keyId as string,
    firstSeq: r.firstSeq as number | null,
    firstPrevHash: r.firstPrevHash as string | null,
    lastSeq: r.lastSeq as number | null,
    headHash: r.headHash as string | null,
    entries: r.entries as number,
    checkpointSeqs: r.checkpointSeqs as number[],
  };
}
