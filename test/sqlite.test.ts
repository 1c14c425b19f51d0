import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { loadMigrations, migrate } from '../native/sqlite/migrate.js';
import { openDatabase } from '../native/sqlite/open.js';
import { tempDir } from './helpers/fixtures.js';

describe('SQLite layer on real files', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const file = (name: string): string => path.join(temp.dir, name);

  test('opens with WAL, foreign keys, a busy timeout and sqlite-vec', () => {
    const { db, vecVersion, migrations } = openDatabase(file('a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(vecVersion).toMatch(/^v\d+\.\d+\.\d+/);
    expect(migrations.current).toBe(loadMigrations().length);
    db.close();
  });

  test('migrations applied twice are a no-op', () => {
    const first = openDatabase(file('b.db'));
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    first.db.close();
    const second = openDatabase(file('b.db'));
    expect(second.migrations.applied).toEqual([]);
    const rows = second.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
    expect(rows.n).toBe(loadMigrations().length);
    second.db.close();
  });

  test('a database from a newer version is refused and left untouched', () => {
    const { db } = openDatabase(file('c.db'));
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file('c.db'))).toThrowError(expect.objectContaining({ code: 'DB_NEWER_VERSION' }));
    const raw = new Database(file('c.db'));
    expect(raw.pragma('user_version', { simple: true })).toBe(999);
    raw.close();
  });

  test('an edited migration is caught by its checksum', () => {
    const { db } = openDatabase(file('d.db'));
    db.prepare("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1").run();
    db.close();
    expect(() => openDatabase(file('d.db'))).toThrowError(expect.objectContaining({ code: 'DB_MIGRATION_MODIFIED' }));
  });

  test('a failing migration rolls back completely', () => {
    const raw = new Database(file('e.db'));
    const broken = [...loadMigrations(), { version: loadMigrations().length + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM missing_table;', checksum: 'c' }];
    expect(() => migrate(raw, broken)).toThrow();
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('half', 'models')").get()).toEqual({ n: 0 });
    raw.close();
  });

  test('a file that is not a database gives DB_CORRUPT', () => {
    writeFileSync(file('junk.db'), Buffer.alloc(4096, 7));
    expect(() => openDatabase(file('junk.db'))).toThrowError(expect.objectContaining({ code: 'DB_CORRUPT' }));
  });

  test('sqlite-vec answers a nearest-neighbour query', () => {
    const { db } = openDatabase(file('f.db'));
    db.exec('CREATE VIRTUAL TABLE v USING vec0(embedding float[4])');
    const insert = db.prepare('INSERT INTO v (rowid, embedding) VALUES (?, ?)');
    insert.run(1n, new Float32Array([1, 0, 0, 0]));
    insert.run(2n, new Float32Array([0, 1, 0, 0]));
    insert.run(3n, new Float32Array([0.9, 0.1, 0, 0]));
    const hits = db.prepare('SELECT rowid, distance FROM v WHERE embedding MATCH ? ORDER BY distance LIMIT 2').all(new Float32Array([1, 0, 0, 0])) as Array<{ rowid: number }>;
    expect(hits.map((h) => h.rowid)).toEqual([1, 3]);
    db.close();
  });

  test('tables are STRICT', () => {
    const { db } = openDatabase(file('g.db'));
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; strict: number }>;
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', x'00ff')").run()).toThrow(/cannot store BLOB value in TEXT column/);
    db.close();
  });
});
