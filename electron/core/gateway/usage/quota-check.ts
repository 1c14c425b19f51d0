import { AppError } from '../../contract/errors.js';
import type { Quota } from '../../contract/usage.api.js';
import type { Subject } from './usage.repo.js';

/** Periods are calendar days and months in UTC: a quota frees at the next midnight or first of the month (UTC). */
export function periodStart(period: 'day' | 'month', now: Date): Date {
  return period === 'day' ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function periodEnd(period: 'day' | 'month', now: Date): Date {
  return period === 'day' ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export interface QuotaRequest {
  /** Prompt tokens (counted or estimated) */
  promptTokens: number;
  /** The most the request may generate. */
  maxTokens: number;
}

const describe = (q: Pick<Quota, 'subject' | 'name'>) => (q.subject === 'token' ? `API token ${q.name}` : q.subject === 'group' ? `group ${q.name}` : `user ${q.name}`);

/**
 * Refuses a request up front (QUOTA_EXCEEDED, details.resetAt) when any quota that applies to the caller is spent:
 * the period's tokens or cost already reached the limit, or the tokens this request will surely use (its prompt) would
 * pass it; or one request's prompt plus maxTokens exceeds the per-request limit.
 */
export function checkQuotas(quotas: readonly Quota[], request: QuotaRequest, spent: (subject: Subject, since: string) => { tokens: number; cost: number }, now = new Date()): void {
  for (const q of quotas) {
    const who = describe(q);
    if (q.maxRequestTokens !== null && request.promptTokens + request.maxTokens > q.maxRequestTokens) {
      throw new AppError('QUOTA_EXCEEDED', `One request of ${who} may use at most ${q.maxRequestTokens} tokens (prompt plus maxTokens); this one asks for ${request.promptTokens + request.maxTokens}: lower maxTokens or shorten the prompt`,
        { subject: q.subject, name: q.name, limit: 'maxRequestTokens', value: q.maxRequestTokens, resetAt: null });
    }
    for (const period of ['day', 'month'] as const) {
      const tokenLimit = period === 'day' ? q.tokensPerDay : q.tokensPerMonth;
      const costLimit = period === 'day' ? q.costPerDay : q.costPerMonth;
      if (tokenLimit === null && costLimit === null) continue;
      const used = spent({ subject: q.subject, name: q.name }, periodStart(period, now).toISOString());
      const resetAt = periodEnd(period, now).toISOString();
      if (tokenLimit !== null && (used.tokens >= tokenLimit || used.tokens + request.promptTokens > tokenLimit)) {
        throw new AppError('QUOTA_EXCEEDED', `The ${who} has used ${used.tokens} of ${tokenLimit} tokens this ${period}; the quota resets at ${resetAt}`,
          { subject: q.subject, name: q.name, limit: period === 'day' ? 'tokensPerDay' : 'tokensPerMonth', value: tokenLimit, used: used.tokens, resetAt });
      }
      if (costLimit !== null && used.cost >= costLimit) {
        throw new AppError('QUOTA_EXCEEDED', `The ${who} has spent ${used.cost} of ${costLimit} this ${period}; the quota resets at ${resetAt}`,
          { subject: q.subject, name: q.name, limit: period === 'day' ? 'costPerDay' : 'costPerMonth', value: costLimit, used: used.cost, resetAt });
      }
    }
  }
}
