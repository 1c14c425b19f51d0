import type { AuditCheckpoint, AuditOutcome, ChainedFields } from './audit.types.js';
import type { SigningKey } from './audit-keys.js';
import { signRecord } from './signatures.js';

/**
 * The JSONL export, one JSON object a line:
 *   1. `header`: format, exportId, exportedAt, since, keyId;
 *   2. one `entry` per audit entry, in seq order: the chained fields and `hash`;
 *   3. a `checkpoint` line right after each entry the trail signed a checkpoint for;
 *   4. `end`: the header's fields again, firstSeq, firstPrevHash, lastSeq, headHash, the number of entries and
 *      the checkpoint seqs, signed with Ed25519 when exported. Without it the file is truncated.
 * Payloads are never exported; their digests are.
 */
export const EXPORT_FORMAT = 'enclave-audit-jsonl';

export interface ExportMeta {
  exportId: string;
  exportedAt: string;
  since: string | null;
  keyId: string;
}

export interface ExportEnd extends ExportMeta {
  firstSeq: number | null;
  firstPrevHash: string | null;
  lastSeq: number | null;
  headHash: string | null;
  entries: number;
  checkpointSeqs: number[];
}

export function headerLine(meta: ExportMeta): string {
  return JSON.stringify({ type: 'header', format: EXPORT_FORMAT, v: 1, ...meta });
}

export function entryLine(fields: ChainedFields, hash: string): string {
  return JSON.stringify({ type: 'entry', ...fields, hash });
}

export function checkpointLine(cp: AuditCheckpoint): string {
  return JSON.stringify({ type: 'checkpoint', ...cp });
}

/** The signed part of the end line; segment-verify rebuilds exactly this from the fields it reads. */
export function endRecord(end: ExportEnd): Record<string, unknown> {
  return {
    type: 'end',
    format: EXPORT_FORMAT,
    v: 1,
    exportId: end.exportId,
    exportedAt: end.exportedAt,
    since: end.since,
    keyId: end.keyId,
    firstSeq: end.firstSeq,
    firstPrevHash: end.firstPrevHash,
    lastSeq: end.lastSeq,
    headHash: end.headHash,
    entries: end.entries,
    checkpointSeqs: end.checkpointSeqs,
  };
}

export function endLine(end: ExportEnd, key: SigningKey): string {
  const record = endRecord(end);
  return JSON.stringify({ ...record, signature: signRecord(key, record) });
}

/** ArcSight CEF, one line per entry, for SIEMs; integrity is checked on the JSONL export, not on this. */
export function cefLine(entry: ChainedFields & { hash: string }, version: string): string {
  const custom: Array<[string, string, string | null]> = [
    ['cs1', 'target', entry.target],
    ['cs2', 'entryHash', entry.hash],
    ['cs3', 'prevHash', entry.prevHash],
    ['cs4', 'inputSha256', entry.inputDigest],
    ['cs5', 'outputSha256', entry.outputDigest],
    ['cs6', 'payloadSha256', entry.payloadDigest],
  ];
  const extension: Array<[string, string | number]> = [
    ['rt', Date.parse(entry.time)],
    ['suser', entry.actor],
    ['act', entry.action],
    ['outcome', entry.outcome],
    ['externalId', entry.seq],
    ...custom.filter(([, , value]) => value !== null && value !== '').flatMap(([key, label, value]): Array<[string, string]> => [[`${key}Label`, label], [key, value ?? '']]),
  ];
  const header = [entry.action, entry.action, String(cefSeverity(entry.action, entry.outcome))].map(cefHeader);
  const pairs = extension.map(([key, value]) => `${key}=${cefValue(String(value))}`);
  return `CEF:0|Enclave|Enclave|${cefHeader(version)}|${header.join('|')}|${pairs.join(' ')}`;
}

export function cefSeverity(action: string, outcome: AuditOutcome): number {
  if (action === 'audit.alert') return 8;
  if (outcome === 'blocked' || outcome === 'denied') return 6;
  if (outcome === 'failure') return 5;
  return 3;
}

const cefHeader = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]/g, ' ');
const cefValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
