import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { NativeError } from '../native-error.js';
import { writeTransaction } from './write-transaction.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: number[];
  current: number;
}

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const fileNamePattern = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads the numbered `.sql` files that ship with this build. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: fileNamePattern.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return { version: Number(match[1]), name: match[2] ?? file, sql, checksum: sha256(sql) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migrations must be numbered 001, 002, ... without gaps; found ${migration.version} at position ${index + 1}`);
  });
  return migrations;
}

/**
 * Forward-only migrations under `PRAGMA user_version`. Each applied file's checksum is kept, so an edited
 * migration is caught instead of silently diverging schemas; a database from a newer app is refused untouched.
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): MigrationReport {
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new NativeError(
      'DB_NEWER_VERSION',
      `This database was written by a newer version of Enclave (schema ${current}; this app knows up to ${latest}). Update Enclave or choose another data directory.`,
      { schemaVersion: current, supportedVersion: latest },
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  verifyAppliedChecksums(db, migrations.slice(0, current));

  if (current === latest) return { applied: [], current: latest };
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const applied = writeTransaction(db, () => {
    // Another process opening the same data dir may have migrated since the read above: read again under the lock.
    const pending = migrations.slice(db.pragma('user_version', { simple: true }) as number);
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
    return pending.map((m) => m.version);
  });
  return { applied, current: latest };
}

function verifyAppliedChecksums(db: Database.Database, applied: Migration[]): void {
  const rows = db.prepare('SELECT version, checksum FROM schema_migrations').all() as Array<{ version: number; checksum: string }>;
  const recorded = new Map(rows.map((row) => [row.version, row.checksum]));
  for (const migration of applied) {
    const checksum = recorded.get(migration.version);
    if (checksum !== migration.checksum) {
      throw new NativeError(
        'DB_MIGRATION_MODIFIED',
        `Schema migration ${migration.version} (${migration.name}) differs from the one applied to this database; this build is inconsistent with the data. Reinstall Enclave.`,
        { version: migration.version },
      );
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
