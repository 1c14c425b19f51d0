import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../../native/sqlite/open.js';
import { WriteBehind } from '../../services/write-behind.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import type { UsageDimension, UsageRow, UsageSummary } from '../../contract/usage.api.js';

/** One model call as metered: who, what, how much. */
export interface UsageRecord {
  at?: string;
  kind: 'generate' | 'embed';
  user: string;
  groups: readonly string[];
  tokenId: string | null;
  model: string;
  endpoint: string;
  route: string | null;
  prompt: string | null;
  tokensIn: number;
  tokensOut: number;
  computeMs: number;
  cost: number;
  costIfLargest: number | null;
  cache: 'hit' | 'semantic' | 'miss' | 'bypass';
  outcome: 'ok' | 'failed';
}

export type Subject = { subject: 'user' | 'group' | 'token'; name: string };

const dimensionColumn: Record<Exclude<UsageDimension, 'group'>, string> = {
  user: 'u.user_name',
  token: "COALESCE(u.token_id, '(no token)')",
  model: 'u.model',
  endpoint: 'u.endpoint',
  prompt: "COALESCE(u.prompt, '(no prompt)')",
  route: "COALESCE(u.route, '(no route)')",
};

const aggregates = `COUNT(*) AS requests, COALESCE(SUM(u.tokens_in), 0) AS tokensIn, COALESCE(SUM(u.tokens_out), 0) AS tokensOut,
  COALESCE(SUM(u.compute_ms), 0) AS computeMs, COALESCE(SUM(u.cost), 0) AS cost,
  COALESCE(SUM(u.cache IN ('hit', 'semantic')), 0) AS cacheHits, COALESCE(SUM(u.outcome = 'failed'), 0) AS failures`;

/**
 * Usage rows: written once per call, read for quotas (what a subject spent since a time) and for the Usage screen.
 * Rows are queued and written together after the current tick (one transaction for a burst of calls), so the write
 * is off each request's path; every read flushes first, so quotas and summaries never miss a finished call.
 */
export class UsageRepo {
  private readonly queue = new WriteBehind<UsageRecord & { at: string }>((rows) =>
    writeTransaction(this.db, () => {
      for (const r of rows) {
        const { lastInsertRowid } = this.insert.run(r.at, r.kind, r.user, JSON.stringify(r.groups), r.tokenId, r.model, r.endpoint, r.route, r.prompt,
          r.tokensIn, r.tokensOut, r.computeMs, r.cost, r.costIfLargest, r.cache, r.outcome);
        for (const name of new Set(r.groups)) this.insertGroup.run(lastInsertRowid, name);
      }
    }),
  );
  private readonly insert: Statement<unknown[]>;
  private readonly insertGroup: Statement<unknown[]>;
  private readonly spentBy: Record<Subject['subject'], Statement<unknown[]>>;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO gateway_usage (at, kind, user_name, groups_json, token_id, model, endpoint, route, prompt, tokens_in, tokens_out, compute_ms, cost, cost_if_largest, cache, outcome)
                              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertGroup = db.prepare('INSERT OR IGNORE INTO gateway_usage_groups (usage_id, group_name) VALUES (?, ?)');
    const spent = (where: string) => db.prepare(`SELECT COALESCE(SUM(u.tokens_in + u.tokens_out), 0) AS tokens, COALESCE(SUM(u.cost), 0) AS cost FROM gateway_usage u WHERE ${where} AND u.at >= ?`);
    this.spentBy = { user: spent('u.user_name = ?'), token: spent('u.token_id = ?'), group: spent('u.id IN (SELECT usage_id FROM gateway_usage_groups WHERE group_name = ?)') };
  }

  record(r: UsageRecord): void {
    this.queue.push({ ...r, at: r.at ?? new Date().toISOString() });
  }

  /** Writes the queued rows now (before reads, and when the core closes). */
  flush(): void {
    this.queue.flush();
  }

  /** Tokens and cost a user, group or API token spent since `since` (ISO): what quotas compare with. */
  spent(subject: Subject, since: string): { tokens: number; cost: number } {
    this.flush();
    return this.spentBy[subject.subject].get(subject.name, since) as { tokens: number; cost: number };
  }

  /** `onlyUser`: a caller without usage.read sees their own calls only. */
  summary(since: string, by: UsageDimension, onlyUser?: string): Omit<UsageSummary, 'since' | 'by'> {
    this.flush();
    const own = onlyUser === undefined ? '' : 'AND u.user_name = ?';
    const params = onlyUser === undefined ? [since] : [since, onlyUser];
    const rows = (by === 'group'
      ? this.db.prepare(`SELECT g.group_name AS key, ${aggregates} FROM gateway_usage u JOIN gateway_usage_groups g ON g.usage_id = u.id WHERE u.at >= ? ${own} GROUP BY g.group_name ORDER BY cost DESC, requests DESC`).all(...params)
      : this.db.prepare(`SELECT ${dimensionColumn[by]} AS key, ${aggregates} FROM gateway_usage u WHERE u.at >= ? ${own} GROUP BY key ORDER BY cost DESC, requests DESC`).all(...params)) as UsageRow[];
    const totals = this.db.prepare(`SELECT ${aggregates} FROM gateway_usage u WHERE u.at >= ? ${own}`).get(...params) as Omit<UsageRow, 'key'>;
    const cache = this.db
      .prepare(`SELECT COALESCE(SUM(u.cache != 'bypass'), 0) AS lookups, COALESCE(SUM(u.cache = 'hit'), 0) AS hits, COALESCE(SUM(u.cache = 'semantic'), 0) AS semanticHits
                FROM gateway_usage u WHERE u.kind = 'generate' AND u.at >= ? ${own}`)
      .get(...params) as { lookups: number; hits: number; semanticHits: number };
    const shares = this.db
      .prepare(`SELECT u.route AS route, u.model AS target, COUNT(*) AS requests, COALESCE(SUM(u.cost), 0) AS cost, COALESCE(SUM(COALESCE(u.cost_if_largest, u.cost)), 0) AS costIfLargest
                FROM gateway_usage u WHERE u.route IS NOT NULL AND u.outcome = 'ok' AND u.at >= ? ${own} GROUP BY u.route, u.model ORDER BY u.route, requests DESC`)
      .all(...params) as Array<{ route: string; target: string; requests: number; cost: number; costIfLargest: number }>;
    const routes = new Map<string, UsageSummary['routes'][number]>();
    for (const s of shares) {
      const route = routes.get(s.route) ?? { route: s.route, requests: 0, targets: [], cost: 0, costIfLargest: 0, saving: 0 };
      route.requests += s.requests;
      route.cost += s.cost;
      route.costIfLargest += s.costIfLargest;
      route.targets.push({ route: s.route, target: s.target, requests: s.requests, share: 0, cost: round(s.cost) });
      routes.set(s.route, route);
    }
    for (const route of routes.values()) {
      for (const t of route.targets) t.share = round(t.requests / route.requests);
      route.cost = round(route.cost);
      route.costIfLargest = round(route.costIfLargest);
      route.saving = round(route.costIfLargest - route.cost);
    }
    const hitsAll = cache.hits + cache.semanticHits;
    return {
      rows: rows.map((r) => ({ ...r, cost: round(r.cost) })),
      totals: { ...totals, cost: round(totals.cost) },
      cache: { ...cache, hitRate: cache.lookups === 0 ? 0 : round(hitsAll / cache.lookups) },
      routes: [...routes.values()],
    };
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
