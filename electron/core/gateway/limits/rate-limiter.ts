import { AppError } from '../../contract/errors.js';

/** An endpoint's limits as its administrator registered them; null: unlimited. */
export interface EndpointLimits {
  concurrency: number | null;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
}

export interface QueueOptions {
  /** Requests waiting at most; one more is refused at once (ENDPOINT_RATE_LIMITED) rather than queued without bound. */
  maxQueued: number;
  /** How long a queued request waits before it is refused. */
  maxWaitMs: number;
  now?: () => number;
}

export interface Permit {
  /** Ends the request: frees its concurrency slot and books its real token count in the minute window. */
  release(tokensUsed?: number): void;
}

interface Waiter {
  tokens: number;
  grant: (permit: Permit) => void;
  refuse: (error: unknown) => void;
}

const MINUTE = 60_000;

/**
 * One endpoint's admission: at most `concurrency` requests at once, `requestsPerMinute` and `tokensPerMinute` in any
 * sliding minute. A request that cannot start waits in a FIFO queue (bounded in length and time); a cancel takes it
 * out of the queue. Token use is booked up front from the estimate and corrected on release.
 */
export class EndpointLimiter {
  private inFlight = 0;
  private readonly window: Array<{ at: number; tokens: number }> = [];
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly name: string, private limits: EndpointLimits, private readonly options: QueueOptions = { maxQueued: 256, maxWaitMs: 120_000 }) {
    this.now = options.now ?? Date.now;
  }

  setLimits(limits: EndpointLimits): void {
    this.limits = limits;
    this.pump();
  }

  get queued(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.inFlight;
  }

  acquire(tokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'The request was cancelled while waiting for its endpoint'));
    if (this.queue.length === 0 && this.canStart(tokens)) return Promise.resolve(this.start(tokens));
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.reject(new AppError('ENDPOINT_RATE_LIMITED', `"${this.name}" has ${this.queue.length} requests waiting already; try again shortly`, { endpoint: this.name, retryAfterMs: 1000 }));
    }
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        tokens,
        grant: (permit) => {
          cleanup();
          resolve(permit);
        },
        refuse: (error) => {
          cleanup();
          reject(error);
        },
      };
      const leave = (error: unknown) => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        waiter.refuse(error);
        this.pump();
      };
      const onAbort = () => leave(new AppError('CANCELLED', 'The request was cancelled while waiting for its endpoint'));
      const deadline = setTimeout(() => leave(new AppError('ENDPOINT_RATE_LIMITED', `"${this.name}" is at its limits and this request waited ${Math.round(this.options.maxWaitMs / 1000)} s; try again later`, { endpoint: this.name, retryAfterMs: 5000 })), this.options.maxWaitMs);
      const cleanup = () => {
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private canStart(tokens: number): boolean {
    this.expire();
    const { concurrency, requestsPerMinute, tokensPerMinute } = this.limits;
    if (concurrency !== null && this.inFlight >= concurrency) return false;
    if (requestsPerMinute !== null && this.window.length >= requestsPerMinute) return false;
    if (tokensPerMinute !== null) {
      const used = this.window.reduce((sum, e) => sum + e.tokens, 0);
      // A request larger than the whole budget still runs, alone in its minute, rather than never.
      if (used + tokens > tokensPerMinute && this.window.length > 0) return false;
    }
    return true;
  }

  private start(tokens: number): Permit {
    this.inFlight++;
    const entry = { at: this.now(), tokens };
    this.window.push(entry);
    let released = false;
    return {
      release: (tokensUsed) => {
        if (released) return;
        released = true;
        this.inFlight--;
        if (tokensUsed !== undefined) entry.tokens = tokensUsed;
        this.pump();
      },
    };
  }

  /** Starts queued requests in order while the head fits; otherwise wakes when the oldest window entry expires. */
  private pump(): void {
    while (this.queue.length > 0 && this.canStart(this.queue[0]!.tokens)) {
      const waiter = this.queue.shift()!;
      waiter.grant(this.start(waiter.tokens));
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length > 0 && this.window.length > 0 && (this.limits.concurrency === null || this.inFlight < this.limits.concurrency)) {
      const wait = Math.max(1, this.window[0]!.at + MINUTE - this.now());
      this.timer = setTimeout(() => this.pump(), wait);
      this.timer.unref?.();
    }
  }

  private expire(): void {
    const cutoff = this.now() - MINUTE;
    while (this.window.length > 0 && this.window[0]!.at <= cutoff) this.window.shift();
  }
}

/** Each endpoint's limiter, created on first use with the limits `limitsOf` reads (the endpoint's registration). */
export class LimiterRegistry {
  private readonly limiters = new Map<string, EndpointLimiter>();

  constructor(private readonly limitsOf: (endpoint: string) => EndpointLimits, private readonly options?: QueueOptions) {}

  for(endpoint: string): EndpointLimiter {
    let limiter = this.limiters.get(endpoint);
    if (!limiter) this.limiters.set(endpoint, (limiter = new EndpointLimiter(endpoint, this.limitsOf(endpoint), this.options)));
    else limiter.setLimits(this.limitsOf(endpoint));
    return limiter;
  }
}
