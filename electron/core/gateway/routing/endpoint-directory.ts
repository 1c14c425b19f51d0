import type { Db } from '../../../../native/sqlite/open.js';
import type { StoredModel } from '../../models/models.repo.js';
import type { EndpointLimits } from '../limits/rate-limiter.js';

export interface EndpointInfo {
  /** `local` for this machine, else the registered endpoint's name (what prices, breakers and limits are keyed by). */
  name: string;
  limits: EndpointLimits;
  /** The endpoint's own request timeout; null: none (a local model runs as long as its generation takes). */
  timeoutMs: number | null;
}

const LOCAL: EndpointInfo = { name: 'local', limits: { concurrency: null, requestsPerMinute: null, tokensPerMinute: null }, timeoutMs: null };

interface EndpointRow { name: string; timeout_ms: number; max_concurrency: number; tpm: number | null; rpm: number | null }

/**
 * Which endpoint serves a model, with the limits its administrator registered (the `endpoints` table of the remote
 * endpoints area). Read at most once a second per endpoint: a limit changed in another process applies soon after.
 */
export class EndpointDirectory {
  private readonly cache = new Map<string, { info: EndpointInfo; at: number }>();

  constructor(private readonly db: Db) {}

  of(model: Pick<StoredModel, 'remote'>): EndpointInfo {
    const endpointId = model.remote?.endpointId;
    if (!endpointId) return LOCAL;
    const cached = this.cache.get(endpointId);
    if (cached && Date.now() - cached.at < 1000) return cached.info;
    const row = this.db.prepare('SELECT name, timeout_ms, max_concurrency, tpm, rpm FROM endpoints WHERE id = ?').get(endpointId) as EndpointRow | undefined;
    const info: EndpointInfo = row
      ? { name: row.name, timeoutMs: row.timeout_ms, limits: { concurrency: row.max_concurrency, requestsPerMinute: row.rpm, tokensPerMinute: row.tpm } }
      : { ...LOCAL, name: `endpoint:${endpointId}` };
    this.cache.set(endpointId, { info, at: Date.now() });
    return info;
  }

  /** The limits of an endpoint by name (the limiters are keyed by name). */
  limitsByName(name: string): EndpointLimits {
    for (const { info } of this.cache.values()) if (info.name === name) return info.limits;
    return LOCAL.limits;
  }
}
