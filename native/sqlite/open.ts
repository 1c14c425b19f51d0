import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { NativeError } from '../native-error.js';
import { migrate, type MigrationReport } from './migrate.js';
import { isBusyError } from './write-transaction.js';

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  vecVersion: string;
  sqliteVersion: string;
  migrations: MigrationReport;
}

/**
 * The only place a database file is opened. Every connection gets the same pragmas and sqlite-vec,
 * and the schema is migrated (or refused when it is newer than this app) before anyone uses it.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): OpenedDatabase {
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw translateSqliteError(error, file);
  }
  try {
    // WAL lets readers run beside the single writer; NORMAL sync is durable in WAL mode except on power loss mid-checkpoint.
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    sqliteVec.load(db);
    const versions = db.prepare('SELECT vec_version() AS vec, sqlite_version() AS sqlite').get() as { vec: string; sqlite: string };
    const migrations = options.readonly ? { applied: [], current: currentVersion(db) } : migrate(db);
    return { db, vecVersion: versions.vec, sqliteVersion: versions.sqlite, migrations };
  } catch (error) {
    db.close();
    throw translateSqliteError(error, file);
  }
}

function currentVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** SQLite's own errors become codes a user can act on; AppErrors pass through untouched. */
export function translateSqliteError(error: unknown, file?: string): unknown {
  if (error instanceof NativeError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  const where = file ? ` (${file})` : '';
  // Every busy variant (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE…) is the same news to a user.
  if (isBusyError(error)) {
    return new NativeError('DB_BUSY', `The database${where} is busy in another process; try again in a moment`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new NativeError('DB_CORRUPT', `The file${where} is not an Enclave database or is damaged; restore it from a backup or choose another data directory`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new NativeError('FILE_NOT_FOUND', `The database${where} cannot be opened; check that the data directory exists and is writable`);
  }
  return error;
}
