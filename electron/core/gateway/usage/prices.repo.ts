import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../../native/sqlite/open.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import type { Price, PriceDefinition } from '../../contract/usage.api.js';

interface PriceRow { endpoint: string; model: string; per_1k_input: number; per_1k_output: number; per_compute_second: number; updated_at: string; updated_by: string }

const toPrice = (r: PriceRow): Price => ({
  endpoint: r.endpoint, model: r.model, per1kInput: r.per_1k_input, per1kOutput: r.per_1k_output,
  perComputeSecond: r.per_compute_second, updatedAt: r.updated_at, updatedBy: r.updated_by,
});

export interface Metered {
  endpoint: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  computeMs: number;
}

/**
 * The local price table: what a call costs, in whatever unit the site budgets in. Nothing is fetched from anywhere:
 * an administrator sets prices per endpoint and model (`*` matches any); the most specific row wins (endpoint and
 * model, then model on any endpoint, then any model on the endpoint, then `*`/`*`). No row: the call costs 0.
 */
export class PricesRepo {
  private byKey: Statement<unknown[]> | undefined;

  constructor(private readonly db: Db) {}

  list(): Price[] {
    return (this.db.prepare('SELECT * FROM gateway_prices ORDER BY endpoint, model').all() as PriceRow[]).map(toPrice);
  }

  set(price: PriceDefinition, by: string): Price {
    const now = new Date().toISOString();
    writeTransaction(this.db, () => {
      this.db
        .prepare(`INSERT INTO gateway_prices (endpoint, model, per_1k_input, per_1k_output, per_compute_second, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (endpoint, model) DO UPDATE SET per_1k_input = excluded.per_1k_input, per_1k_output = excluded.per_1k_output,
                  per_compute_second = excluded.per_compute_second, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
        .run(price.endpoint, price.model, price.per1kInput, price.per1kOutput, price.perComputeSecond, now, by);
    });
    return this.find(price.endpoint, price.model, true)!;
  }

  remove(endpoint: string, model: string): boolean {
    return writeTransaction(this.db, () => this.db.prepare('DELETE FROM gateway_prices WHERE endpoint = ? AND model = ?').run(endpoint, model).changes > 0);
  }

  /** The row that prices `model` on `endpoint` (exact: only that row). */
  find(endpoint: string, model: string, exact = false): Price | undefined {
    const candidates = exact ? [[endpoint, model]] : [[endpoint, model], ['*', model], [endpoint, '*'], ['*', '*']];
    const query = (this.byKey ??= this.db.prepare('SELECT * FROM gateway_prices WHERE endpoint = ? AND model = ?'));
    for (const [e, m] of candidates) {
      const row = query.get(e, m) as PriceRow | undefined;
      if (row) return toPrice(row);
    }
    return undefined;
  }

  cost(call: Metered): number {
    return costOf(this.find(call.endpoint, call.model), call);
  }
}

export function costOf(price: Pick<Price, 'per1kInput' | 'per1kOutput' | 'perComputeSecond'> | undefined, call: Pick<Metered, 'tokensIn' | 'tokensOut' | 'computeMs'>): number {
  if (!price) return 0;
  const cost = (call.tokensIn / 1000) * price.per1kInput + (call.tokensOut / 1000) * price.per1kOutput + (call.computeMs / 1000) * price.perComputeSecond;
  return Math.round(cost * 1e6) / 1e6;
}
