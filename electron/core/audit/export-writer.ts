import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AuditCheckpoint } from './audit.types.js';
import type { AuditRepo } from './audit.repo.js';
import type { AuditKeys } from './audit-key-registry.js';
import { cefLine, checkpointLine, endLine, entryLine, headerLine, type ExportEnd, type ExportMeta } from './audit-export.js';
import { fieldsOf } from './chain-verify.js';

export type ExportFormat = 'jsonl' | 'cef';

export interface ExportOptions {
  out: string;
  format: ExportFormat;
  /** Entries from the first one at or after this time to the end: a contiguous, verifiable segment. */
  since?: Date | null;
}

export interface ExportSummary {
  path: string;
  format: ExportFormat;
  exportId: string;
  entries: number;
  checkpoints: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headHash: string | null;
  bytes: number;
}

const CHUNK = 1_000;
const FLUSH_BYTES = 1 << 20;

/** Streams entries to a temporary file beside `out` and renames it into place, so no half export is left. */
export function writeExport(repo: AuditRepo, keys: AuditKeys, options: ExportOptions, now: Date, version: string): ExportSummary {
  const since = options.since ? options.since.toISOString() : null;
  const tail = repo.tail();
  const firstSeq = tail === undefined ? null : since === null ? (repo.chunk(0, 1)[0]?.[0] ?? null) : repo.firstSeqSince(since);
  const lastSeq = firstSeq === null ? null : (tail?.seq ?? null);
  const meta: ExportMeta = { exportId: randomUUID(), exportedAt: now.toISOString(), since, keyId: keys.signing.keyId };
  const checkpoints = firstSeq === null || lastSeq === null ? [] : repo.checkpoints(firstSeq, lastSeq);
  const bySeq = new Map<number, AuditCheckpoint>(checkpoints.map((cp) => [cp.seq, cp]));

  mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  const temp = `${options.out}.${process.pid}.partial`;
  const fd = openSync(temp, 'w', 0o600);
  let pending: string[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  const write = (line: string): void => {
    pending.push(line);
    pendingBytes += line.length + 1;
    if (pendingBytes >= FLUSH_BYTES) flush();
  };
  const flush = (): void => {
    if (pending.length === 0) return;
    bytes += writeAll(fd, Buffer.from(`${pending.join('\n')}\n`));
    pending = [];
    pendingBytes = 0;
  };

  let entries = 0;
  let firstPrevHash: string | null = null;
  let headHash: string | null = null;
  try {
    if (options.format === 'jsonl') write(headerLine(meta));
    if (firstSeq !== null && lastSeq !== null) {
      for (let after = firstSeq - 1; after < lastSeq; ) {
        const rows = repo.chunk(after, Math.min(CHUNK, lastSeq - after));
        if (rows.length === 0) break;
        for (const row of rows) {
          const fields = fieldsOf(row);
          firstPrevHash ??= fields.prevHash;
          headHash = row[11];
          entries++;
          if (options.format === 'cef') {
            write(cefLine({ ...fields, hash: row[11] }, version));
            continue;
          }
          write(entryLine(fields, row[11]));
          const cp = bySeq.get(fields.seq);
          if (cp) write(checkpointLine(cp));
        }
        after = rows[rows.length - 1]?.[0] ?? lastSeq;
      }
    }
    if (options.format === 'jsonl') {
      const end: ExportEnd = { ...meta, firstSeq, firstPrevHash, lastSeq, headHash, entries, checkpointSeqs: checkpoints.map((cp) => cp.seq) };
      write(endLine(end, keys.signing));
    }
    flush();
    closeSync(fd);
    renameSync(temp, options.out);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
  return { path: path.resolve(options.out), format: options.format, exportId: meta.exportId, entries, checkpoints: checkpoints.length, firstSeq, lastSeq, headHash, bytes };
}

function writeAll(fd: number, data: Buffer): number {
  for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
  return data.length;
}
