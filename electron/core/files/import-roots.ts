import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../native/sqlite/open.js';
import { AppError } from '../contract/errors.js';
import { isInside } from './path-inside.js';

const KEY = 'files.importRoots';

/**
 * The folders an administrator allows server-side paths in (one settings row). Stored as real paths, so a root
 * given through a symlink is compared with what callers' paths really resolve to.
 */
export class ImportRoots {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {}

  /** null: none configured. */
  get(): string[] | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return null;
    const parsed = JSON.parse(row.value) as unknown;
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : null;
  }

  set(roots: string[] | null): string[] | null {
    if (roots === null) {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
      return null;
    }
    const real = [...new Set(roots.map((root) => this.checkedRoot(root)))].sort();
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(real));
    return real;
  }

  private checkedRoot(root: string): string {
    if (!path.isAbsolute(root)) throw new AppError('INVALID_INPUT', `An import root must be an absolute folder path; got "${root}"`);
    let real: string;
    try {
      real = realpathSync(root);
    } catch {
      throw new AppError('FILE_NOT_FOUND', `No folder at ${root}; create it first, then allow it as an import root`);
    }
    if (!statSync(real).isDirectory()) throw new AppError('INVALID_INPUT', `${root} is not a folder; import roots are folders`);
    // A root inside the data directory would hand out the database and the keys.
    if (isInside(real, realDataDir(this.dataDir))) throw new AppError('PATH_NOT_ALLOWED', `${root} is inside the data directory; it cannot be an import root`);
    return real;
  }
}

export function realDataDir(dataDir: string): string {
  try {
    return realpathSync(dataDir);
  } catch {
    return path.resolve(dataDir);
  }
}
