import type { Db } from '../../../../native/sqlite/open.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import { RouteDefinition, type Route } from '../../contract/usage.api.js';

interface RouteRow { name: string; definition: string; created_at: string; updated_at: string; updated_by: string }

const toRoute = (row: RouteRow): Route => ({
  ...RouteDefinition.parse(JSON.parse(row.definition)),
  createdAt: row.created_at, updatedAt: row.updated_at, updatedBy: row.updated_by,
});

/** Routes (virtual models) by name. Reads are cached in memory: every generation asks whether its model is a route. */
export class RoutesRepo {
  private cache: Map<string, Route> | null = null;

  constructor(private readonly db: Db) {}

  list(): Route[] {
    return [...this.all().values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): Route | undefined {
    return this.all().get(name.toLowerCase());
  }

  set(definition: RouteDefinition, by: string): Route {
    const now = new Date().toISOString();
    writeTransaction(this.db, () => {
      this.db
        .prepare(`INSERT INTO gateway_routes (name, definition, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                  ON CONFLICT (name) DO UPDATE SET name = excluded.name, definition = excluded.definition, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
        .run(definition.name, JSON.stringify(definition), now, now, by);
    });
    this.cache = null;
    return this.get(definition.name)!;
  }

  remove(name: string): boolean {
    const removed = writeTransaction(this.db, () => this.db.prepare('DELETE FROM gateway_routes WHERE name = ?').run(name).changes > 0);
    this.cache = null;
    return removed;
  }

  /** Another process (a CLI call) may have changed routes: the in-memory copy lives for a second at most. */
  private all(): Map<string, Route> {
    if (!this.cache || Date.now() - this.loadedAt > 1000) {
      const rows = this.db.prepare('SELECT * FROM gateway_routes').all() as RouteRow[];
      this.cache = new Map(rows.map((row) => [row.name.toLowerCase(), toRoute(row)]));
      this.loadedAt = Date.now();
    }
    return this.cache;
  }

  private loadedAt = 0;
}
