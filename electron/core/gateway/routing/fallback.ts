import { AppError, isAppError } from '../../contract/errors.js';
import type { GatewayAttempt } from '../../contract/schemas.js';
import type { BreakerRegistry } from './circuit-breaker.js';

/** A model to try and the endpoint that serves it (`local` for this machine). */
export interface Target {
  model: string;
  endpoint: string;
  /** The circuit breaker's key when it is not the endpoint (local models each have their own: one bad file is not the machine). */
  breaker?: string;
}

export interface ChainOptions {
  /**
   * Per attempt: a target that has not started answering by then (the attempt calls `answering()` at its first
   * token) is aborted and counts as ENDPOINT_TIMEOUT. Once it streams, a long answer is not cut off.
   */
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  breakers: BreakerRegistry;
  /** The caller's cancel: it stops the chain at once (no retry, no fallback). */
  signal: AbortSignal;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface ChainResult<T> {
  value: T;
  target: Target;
  attempts: GatewayAttempt[];
}

const BACKOFF_CAP_MS = 10_000;
const RETRY_AFTER_CAP_MS = 60_000;

/** Worth trying again on the same endpoint: the endpoint was unreachable, slow, throttled or failed on its side (5xx). */
export function isRetryable(error: unknown): boolean {
  if (!isAppError(error)) return false;
  if (error.code === 'ENDPOINT_UNREACHABLE' || error.code === 'ENDPOINT_TIMEOUT' || error.code === 'ENDPOINT_RATE_LIMITED') return true;
  return error.code === 'ENDPOINT_BAD_RESPONSE' && statusOf(error) >= 500;
}

/**
 * Worth trying the next target: the target itself failed (retryable errors, a bad or refused endpoint, a model that
 * would not load or run). The caller's own errors (invalid input, cancel, approval, quota) end the chain: another
 * model would refuse them too, and governance refusals must not be routed around.
 */
export function isTargetFailure(error: unknown): boolean {
  if (isRetryable(error)) return true;
  if (!isAppError(error)) return true;
  return ['ENDPOINT_BAD_RESPONSE', 'ENDPOINT_AUTH_FAILED', 'ENDPOINT_NOT_FOUND', 'INFERENCE_FAILED', 'MODEL_LOAD_FAILED', 'MODEL_NOT_FOUND', 'EGRESS_BLOCKED'].includes(error.code);
}

/** The delay before retry `n` (0-based): what a rate-limited endpoint asked for, else exponential backoff. */
export function retryDelay(error: unknown, n: number, backoffMs: number): number {
  const asked = isAppError(error) ? retryAfterMs(error) : undefined;
  if (asked !== undefined) return Math.min(asked, RETRY_AFTER_CAP_MS);
  return Math.min(backoffMs * 2 ** n, BACKOFF_CAP_MS);
}

/**
 * Tries each target in order: retryable errors are retried on the same target with backoff, a target failure moves
 * on to the next target, anything else ends the chain. Every attempt (skips by an open breaker included) is recorded.
 * When every target failed, the last error is thrown with the attempts in its details.
 */
export async function runChain<T>(targets: Target[], attempt: (target: Target, signal: AbortSignal, answering: () => void) => Promise<T>, options: ChainOptions): Promise<ChainResult<T>> {
  const attempts: GatewayAttempt[] = [];
  const sleep = options.sleep ?? abortableSleep;
  let last: unknown = new AppError('ENDPOINT_UNREACHABLE', 'No model to try: the route has no targets');
  for (const target of targets) {
    const breaker = options.breakers.for(target.breaker ?? target.endpoint);
    for (let retry = 0; retry <= options.retries; retry++) {
      if (options.signal.aborted) throw new AppError('CANCELLED', 'The generation was cancelled', { attempts });
      if (!breaker.admit()) {
        attempts.push({ model: target.model, endpoint: target.endpoint, code: 'CIRCUIT_OPEN', ms: 0, retry });
        last = new AppError('ENDPOINT_UNREACHABLE', `Endpoint "${target.endpoint}" is cooling down after repeated failures; it is tried again from ${breaker.retryAt()}`, { endpoint: target.endpoint, retryAt: breaker.retryAt() });
        break;
      }
      const started = performance.now();
      try {
        const value = await withTimeout((signal, answering) => attempt(target, signal, answering), options.timeoutMs, options.signal, target);
        breaker.succeeded();
        attempts.push({ model: target.model, endpoint: target.endpoint, code: null, ms: elapsed(started), retry });
        return { value, target, attempts };
      } catch (error) {
        const code = isAppError(error) ? error.code : 'INTERNAL';
        attempts.push({ model: target.model, endpoint: target.endpoint, code, ms: elapsed(started), retry });
        last = error;
        if (options.signal.aborted) throw new AppError('CANCELLED', 'The generation was cancelled', { attempts });
        if (!isTargetFailure(error)) throw attachAttempts(error, attempts);
        breaker.failed();
        if (!isRetryable(error) || retry === options.retries) break;
        await sleep(retryDelay(error, retry, options.backoffMs), options.signal).catch(() => undefined);
      }
    }
  }
  throw attachAttempts(last, attempts);
}

async function withTimeout<T>(work: (signal: AbortSignal, answering: () => void) => Promise<T>, timeoutMs: number, outer: AbortSignal, target: Target): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort(outer.reason);
  outer.addEventListener('abort', cancel, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected before the abort, so the race settles as a timeout and not as the attempt's own abort error.
      reject(new AppError('ENDPOINT_TIMEOUT', `"${target.model}" on ${target.endpoint} did not start answering within ${timeoutMs} ms`, { endpoint: target.endpoint, timeoutMs }));
      controller.abort(new Error('timeout'));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal, () => clearTimeout(timer)), timeout]);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', cancel);
  }
}

function attachAttempts(error: unknown, attempts: GatewayAttempt[]): unknown {
  if (!isAppError(error)) return error;
  const details = error.details && typeof error.details === 'object' ? error.details : {};
  return new AppError(error.code, error.message, { ...details, attempts });
}

function statusOf(error: AppError): number {
  const status = (error.details as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : 0;
}

function retryAfterMs(error: AppError): number | undefined {
  const d = error.details as { retryAfterMs?: unknown; retryAfterSeconds?: unknown } | undefined;
  if (typeof d?.retryAfterMs === 'number') return d.retryAfterMs;
  if (typeof d?.retryAfterSeconds === 'number') return d.retryAfterSeconds * 1000;
  return undefined;
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(new Error('aborted'));
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}
