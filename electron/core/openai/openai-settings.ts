import type { Db } from '../../../native/sqlite/open.js';
import { OpenAiSettings } from '../contract/openai.api.js';

/** Off by default: the desktop app opens no port unless someone turns the API on. */
export const defaultOpenAiSettings: OpenAiSettings = { enabled: false, port: 8745 };

const KEY = 'openai-api';

/** The desktop app's `/v1` server settings, one JSON row in the settings table (beside the inference settings). */
export class OpenAiSettingsStore {
  constructor(private readonly db: Db) {}

  get(): OpenAiSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return { ...defaultOpenAiSettings };
    const parsed = OpenAiSettings.partial().safeParse(JSON.parse(row.value));
    return { ...defaultOpenAiSettings, ...(parsed.success ? parsed.data : {}) };
  }

  update(patch: Partial<OpenAiSettings>): OpenAiSettings {
    const next = OpenAiSettings.parse({ ...this.get(), ...patch });
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    return next;
  }
}
