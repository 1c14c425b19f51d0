import type { Db } from '../../../../native/sqlite/open.js';
import type { EndpointHealth } from '../../contract/gateway.api.js';

interface EndpointRow {
  id: string; name: string; base_url: string; api_key_sealed: Buffer | null; ca_pem: string | null;
  reject_unauthorized: number; timeout_ms: number; max_concurrency: number; tpm: number | null; rpm: number | null;
  context_window: number | null; last_test_json: string | null; created_by: string; created_at: string; updated_at: string;
}

/** An endpoint as stored: the API key stays sealed here; only the gateway's connection opens it, in memory. */
export interface StoredEndpoint {
  id: string;
  name: string;
  baseUrl: string;
  apiKeySealed: Buffer | null;
  caPem: string | null;
  rejectUnauthorized: boolean;
  timeoutMs: number;
  maxConcurrency: number;
  tpm: number | null;
  rpm: number | null;
  contextWindow: number | null;
  health: EndpointHealth | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const toEndpoint = (row: EndpointRow): StoredEndpoint => ({
  id: row.id, name: row.name, baseUrl: row.base_url, apiKeySealed: row.api_key_sealed, caPem: row.ca_pem,
  rejectUnauthorized: row.reject_unauthorized === 1, timeoutMs: row.timeout_ms, maxConcurrency: row.max_concurrency,
  tpm: row.tpm, rpm: row.rpm, contextWindow: row.context_window,
  health: row.last_test_json ? (JSON.parse(row.last_test_json) as EndpointHealth) : null,
  createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
});

/** SQL for the `endpoints` table; nothing else touches it. */
export class EndpointsRepo {
  constructor(private readonly db: Db) {}

  list(): StoredEndpoint[] {
    return (this.db.prepare('SELECT * FROM endpoints ORDER BY name').all() as EndpointRow[]).map(toEndpoint);
  }

  byName(name: string): StoredEndpoint | undefined {
    const row = this.db.prepare('SELECT * FROM endpoints WHERE name = ?').get(name) as EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  byId(id: string): StoredEndpoint | undefined {
    const row = this.db.prepare('SELECT * FROM endpoints WHERE id = ?').get(id) as EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  insert(endpoint: Omit<StoredEndpoint, 'health'>): void {
    this.db.prepare(`INSERT INTO endpoints (id, name, base_url, api_key_sealed, ca_pem, reject_unauthorized, timeout_ms,
      max_concurrency, tpm, rpm, context_window, created_by, created_at, updated_at)
      VALUES (@id, @name, @baseUrl, @apiKeySealed, @caPem, @rejectUnauthorized, @timeoutMs, @maxConcurrency, @tpm, @rpm,
      @contextWindow, @createdBy, @createdAt, @updatedAt)`).run({ ...endpoint, rejectUnauthorized: endpoint.rejectUnauthorized ? 1 : 0 });
  }

  /** Writes every settable column of an already-merged endpoint. */
  update(endpoint: StoredEndpoint): void {
    this.db.prepare(`UPDATE endpoints SET base_url = @baseUrl, api_key_sealed = @apiKeySealed, ca_pem = @caPem,
      reject_unauthorized = @rejectUnauthorized, timeout_ms = @timeoutMs, max_concurrency = @maxConcurrency, tpm = @tpm,
      rpm = @rpm, context_window = @contextWindow, updated_at = @updatedAt WHERE id = @id`)
      .run({
        id: endpoint.id, baseUrl: endpoint.baseUrl, apiKeySealed: endpoint.apiKeySealed, caPem: endpoint.caPem,
        rejectUnauthorized: endpoint.rejectUnauthorized ? 1 : 0, timeoutMs: endpoint.timeoutMs, maxConcurrency: endpoint.maxConcurrency,
        tpm: endpoint.tpm, rpm: endpoint.rpm, contextWindow: endpoint.contextWindow, updatedAt: endpoint.updatedAt,
      });
  }

  recordHealth(id: string, health: EndpointHealth): void {
    this.db.prepare('UPDATE endpoints SET last_test_json = ? WHERE id = ?').run(JSON.stringify(health), id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM endpoints WHERE id = ?').run(id);
  }

  /** Models of each endpoint in the library, for the list. */
  modelCounts(): Map<string, number> {
    const rows = this.db.prepare('SELECT endpoint_id, count(*) AS n FROM models WHERE endpoint_id IS NOT NULL AND removed_at IS NULL GROUP BY endpoint_id').all() as Array<{ endpoint_id: string; n: number }>;
    return new Map(rows.map((r) => [r.endpoint_id, r.n]));
  }
}
