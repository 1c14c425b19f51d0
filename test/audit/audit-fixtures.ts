import path from 'node:path';
import { openDatabase, type Db } from '../../native/sqlite/open.js';
import { AuditService, type AuditServiceOptions } from '../../electron/core/audit/audit.service.js';
import type { AuditAppend } from '../../electron/core/audit/audit.types.js';
import { tempDir } from '../helpers/fixtures.js';

export interface Trail {
  dataDir: string;
  dbFile: string;
  db: Db;
  audit: AuditService;
  clock: { now: Date };
  /** Opens another service on the same files (a second process, or after tampering). */
  reopen(options?: Partial<AuditServiceOptions>): AuditService;
  cleanup(): void;
}

export const T0 = new Date('2025-03-01T09:00:00.000Z');

/** A real data directory with a real SQLite file; the clock only moves when a test moves it. */
export function makeTrail(options: Partial<AuditServiceOptions> = {}): Trail {
  const temp = tempDir('enclave-audit-');
  const dbFile = path.join(temp.dir, 'enclave.db');
  const { db } = openDatabase(dbFile);
  const clock = { now: new Date(T0) };
  const base = { db, dataDir: temp.dir, checkpointEvery: 10, now: () => new Date(clock.now), ...options };
  const audit = AuditService.open(base);
  const trail: Trail = {
    dataDir: temp.dir,
    dbFile,
    db,
    audit,
    clock,
    reopen: (more = {}) => AuditService.open({ ...base, ...more }),
    cleanup: () => {
      if (trail.db.open) trail.db.close();
      temp.cleanup();
    },
  };
  return trail;
}

/** `count` varied entries, one second apart; every third carries a payload. */
export function sampleEntries(count: number, start = 1): AuditAppend[] {
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    return {
      actor: n % 2 === 0 ? 'alice' : 'bob',
      action: n % 5 === 0 ? 'models.import' : 'inference.generate',
      target: `model:m${n % 3}`,
      input: `prompt ${n}`,
      output: { text: `answer ${n}` },
      payload: n % 3 === 0 ? { prompt: `secret prompt ${n}`, tokens: n } : undefined,
      time: new Date(T0.getTime() + n * 1000),
    };
  });
}
