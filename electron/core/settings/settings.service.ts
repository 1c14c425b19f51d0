import type { Db } from '../../../native/sqlite/open.js';
import { Settings } from '../contract/schemas.js';

export const defaultSettings: Settings = { gpu: 'auto', threads: 'auto', parallelSequences: 4, contextSize: 4096 };

const KEY = 'inference';

/** Inference settings, one JSON row. Unknown or invalid stored values fall back to defaults instead of failing start-up. */
export class SettingsService {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return { ...defaultSettings };
    const parsed = Settings.partial().safeParse(JSON.parse(row.value));
    return { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
  }

  update(patch: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.get(), ...patch });
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    return next;
  }
}
