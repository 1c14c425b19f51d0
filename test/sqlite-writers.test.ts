import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { AppError } from '../electron/core/contract/errors.js';
import { openDatabase, translateSqliteError } from '../native/sqlite/open.js';
import { writeTransaction } from '../native/sqlite/write-transaction.js';
import { tempDir } from './helpers/fixtures.js';

// Issue 10.8: a deferred read-then-write after another connection's commit fails with SQLITE_BUSY_SNAPSHOT,
// which used to surface as INTERNAL; writers now take the lock first, and every busy variant is DB_BUSY.
describe('the writer discipline on a real file', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const file = path.join(temp.dir, 'w.db');

  test('SQLITE_BUSY_SNAPSHOT is DB_BUSY, and writeTransaction reads the latest data under the lock', () => {
    const a = openDatabase(file).db;
    const b = openDatabase(file).db;
    a.exec('CREATE TABLE counter (n INTEGER NOT NULL) STRICT; INSERT INTO counter VALUES (0)');
    const read = (db: typeof a): number => (db.prepare('SELECT n FROM counter').get() as { n: number }).n;

    // What better-sqlite3's default transaction does: read (snapshot taken), another process commits, then write.
    b.exec('BEGIN');
    read(b);
    a.exec('UPDATE counter SET n = n + 1');
    let busy: unknown;
    try {
      b.prepare('UPDATE counter SET n = ?').run(read(b) + 1);
    } catch (error) {
      busy = error;
    }
    b.exec('ROLLBACK');
    expect((busy as { code?: string }).code).toBe('SQLITE_BUSY_SNAPSHOT');
    const translated = translateSqliteError(busy);
    expect(translated).toBeInstanceOf(AppError);
    expect((translated as AppError).code).toBe('DB_BUSY');

    // The same read-then-write as a write transaction: no lost update.
    writeTransaction(b, () => b.prepare('UPDATE counter SET n = ?').run(read(b) + 1));
    expect(read(a)).toBe(2);
    // Nested, it joins the open transaction instead of beginning another.
    writeTransaction(a, () => writeTransaction(a, () => a.exec('UPDATE counter SET n = n + 1')));
    expect(read(b)).toBe(3);
    a.close();
    b.close();
  });
});
