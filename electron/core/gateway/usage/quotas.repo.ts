import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../../native/sqlite/open.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import type { Quota, QuotaDefinition } from '../../contract/usage.api.js';

interface QuotaRow {
  subject: Quota['subject']; name: string; tokens_per_day: number | null; tokens_per_month: number | null;
  cost_per_day: number | null; cost_per_month: number | null; max_request_tokens: number | null;
  requests_per_minute: number | null; updated_at: string; updated_by: string;
}

const toQuota = (r: QuotaRow): Quota => ({
  subject: r.subject, name: r.name, tokensPerDay: r.tokens_per_day, tokensPerMonth: r.tokens_per_month,
  costPerDay: r.cost_per_day, costPerMonth: r.cost_per_month, maxRequestTokens: r.max_request_tokens,
  requestsPerMinute: r.requests_per_minute, updatedAt: r.updated_at, updatedBy: r.updated_by,
});

export class QuotasRepo {
  private byKey: Statement<unknown[]> | undefined;

  constructor(private readonly db: Db) {}

  list(): Quota[] {
    return (this.db.prepare('SELECT * FROM gateway_quotas ORDER BY subject, name').all() as QuotaRow[]).map(toQuota);
  }

  /** The quotas that apply to a caller: their user's, each of their groups', their API token's. */
  applying(subjects: Array<{ subject: Quota['subject']; name: string }>): Quota[] {
    if (subjects.length === 0) return [];
    const query = (this.byKey ??= this.db.prepare('SELECT * FROM gateway_quotas WHERE subject = ? AND name = ?'));
    return subjects.map((s) => query.get(s.subject, s.name) as QuotaRow | undefined).filter((r): r is QuotaRow => r !== undefined).map(toQuota);
  }

  set(q: QuotaDefinition, by: string): Quota {
    const now = new Date().toISOString();
    writeTransaction(this.db, () => {
      this.db
        .prepare(`INSERT INTO gateway_quotas (subject, name, tokens_per_day, tokens_per_month, cost_per_day, cost_per_month, max_request_tokens, requests_per_minute, updated_at, updated_by)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (subject, name) DO UPDATE SET tokens_per_day = excluded.tokens_per_day, tokens_per_month = excluded.tokens_per_month,
                  cost_per_day = excluded.cost_per_day, cost_per_month = excluded.cost_per_month, max_request_tokens = excluded.max_request_tokens,
                  requests_per_minute = excluded.requests_per_minute, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
        .run(q.subject, q.name, q.tokensPerDay, q.tokensPerMonth, q.costPerDay, q.costPerMonth, q.maxRequestTokens, q.requestsPerMinute, now, by);
    });
    return this.applying([{ subject: q.subject, name: q.name }])[0]!;
  }

  remove(subject: Quota['subject'], name: string): boolean {
    return writeTransaction(this.db, () => this.db.prepare('DELETE FROM gateway_quotas WHERE subject = ? AND name = ?').run(subject, name).changes > 0);
  }
}
