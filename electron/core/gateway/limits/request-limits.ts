import { AppError } from '../../contract/errors.js';

const MINUTE = 60_000;

/**
 * Requests per minute per caller (a user or an API token), in a sliding minute. Unlike an endpoint's limits these
 * refuse instead of queueing: a caller over their own limit should slow down, not hold a place in the endpoint's queue.
 */
export class RequestLimits {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Books one request for `key`, or throws QUOTA_EXCEEDED (details.resetAt: when the oldest request leaves the minute). */
  take(key: string, perMinute: number, who: string): void {
    const now = this.now();
    const window = (this.windows.get(key) ?? []).filter((at) => at > now - MINUTE);
    if (window.length >= perMinute) {
      const resetAt = new Date(window[0]! + MINUTE).toISOString();
      this.windows.set(key, window);
      throw new AppError('QUOTA_EXCEEDED', `${who} may make ${perMinute} model requests per minute; try again after ${resetAt}`, { limit: 'requestsPerMinute', value: perMinute, resetAt });
    }
    window.push(now);
    this.windows.set(key, window);
  }
}
