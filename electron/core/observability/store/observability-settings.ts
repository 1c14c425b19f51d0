import type { Db } from '../../../../native/sqlite/open.js';

/** Traces are kept this long unless an administrator says otherwise (the audit trail's own retention is separate). */
export const DEFAULT_RETENTION_DAYS = 90;

/** Small JSON settings of the observability area, one row per key, with who changed them. */
export class ObservabilitySettings {
  constructor(private readonly db: Db) {}

  get<T>(key: string, fallback: T): T {
    const row = this.db.prepare('SELECT value_json FROM observability_settings WHERE key = ?').get(key) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : fallback;
  }

  set(key: string, value: unknown, by: string): void {
    this.db.prepare(`INSERT INTO observability_settings (key, value_json, changed_by, changed_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, changed_by = excluded.changed_by, changed_at = excluded.changed_at`)
      .run(key, JSON.stringify(value), by, new Date().toISOString());
  }

  retentionDays(): number {
    return this.get('retention.days', DEFAULT_RETENTION_DAYS);
  }

  purgedAt(): string | null {
    return this.get<string | null>('retention.purgedAt', null);
  }

  markPurged(by: string): void {
    this.set('retention.purgedAt', new Date().toISOString(), by);
  }
}
