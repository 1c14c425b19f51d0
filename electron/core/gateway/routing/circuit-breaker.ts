/**
 * One breaker per endpoint: after `failureThreshold` consecutive failures the endpoint cools down (open: requests
 * skip it at once instead of waiting for its timeout). After `cooldownMs` one request may probe it (half-open); a
 * success closes the breaker, a failure opens it for another cooldown. `probe` (a health check) can close it too.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a request may go to the endpoint now; in half-open only one probe at a time. */
  admit(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  failed(): void {
    this.probing = false;
    this.failures++;
    if (this.openedAt !== null || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }

  /** When the endpoint may be tried again (ISO), for messages; null while closed. */
  retryAt(): string | null {
    return this.openedAt === null ? null : new Date(this.openedAt + this.options.cooldownMs).toISOString();
  }

  /** A health check's verdict: healthy closes the breaker, unhealthy keeps it open for another cooldown. */
  async probe(check: () => Promise<boolean>): Promise<BreakerState> {
    if (this.openedAt === null) return 'closed';
    if (await check().catch(() => false)) this.succeeded();
    else this.openedAt = this.now();
    return this.state;
  }
}

/** The breakers of all endpoints, created on first use. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: BreakerOptions = { failureThreshold: 3, cooldownMs: 30_000 }) {}

  for(endpoint: string): CircuitBreaker {
    let breaker = this.breakers.get(endpoint);
    if (!breaker) this.breakers.set(endpoint, (breaker = new CircuitBreaker(this.options)));
    return breaker;
  }

  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([name, b]) => [name, b.state]));
  }
}
