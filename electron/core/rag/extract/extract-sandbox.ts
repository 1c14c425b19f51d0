// Extraction under a per-file budget. Each file is parsed in a child process with a heap limit, on a clock that
// runs only while the child works; a file that exceeds either is stopped (SIGKILL ends even a parser spinning in a
// tight loop) and reported FILE_TOO_COMPLEX, and the next file gets a fresh child.
// The caller's event loop never runs a parser, so it stays free to answer signals and cancellation.
import { AppError, errorCodes, type AppErrorShape, type ErrorCode } from '../../contract/errors.js';
import { defaultExtractBudget, formatDuration, type ExtractBudget } from './extract-budget.js';
import { corrupt, ExtractError, extractErrorCodes, throwIfCancelled, type ExtractErrorCode } from './extract-error.js';
import { ExtractionStream } from './extract.js';
import type { ExtractedSection, ExtractedSummary, ExtractOptions } from './extract.types.js';
import type { ExtractReply, ExtractRequest } from './extract-host.protocol.js';
import { ExtractHostPool, type ExtractHost, type HostExit } from './extract-host-pool.js';

export class ExtractSandbox {
  private readonly pool: ExtractHostPool;

  constructor(readonly budget: ExtractBudget = defaultExtractBudget) {
    this.pool = new ExtractHostPool(budget.heapMb);
  }

  /** Like `extractDocumentStream`, but bounded: the same sections and summary, or a typed error. */
  extract(path: string, options: ExtractOptions = {}): ExtractionStream {
    return new ExtractionStream(() => this.run(path, options));
  }

  /** Stops every host (idle, spare, and one extracting a file, which then fails); the core calls it when it closes. */
  close(): void {
    this.pool.close();
  }

  /** The process ids of the extraction hosts still running. */
  livePids(): number[] {
    return this.pool.livePids();
  }

  /** A ready host; a cancel while one starts (seconds, on a busy machine) answers at once. */
  private acquire(signal: AbortSignal | undefined, name: string): Promise<ExtractHost> {
    const starting = this.pool.acquire();
    if (!signal) return starting;
    return new Promise((resolve, reject) => {
      let cancelled = false;
      const onAbort = (): void => {
        cancelled = true;
        reject(new AppError('CANCELLED', `Extraction of \`${name}\` was cancelled`));
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      starting.then(
        (host) => {
          signal.removeEventListener('abort', onAbort);
          // Nobody waits for it any more, but it started cleanly: the next file may use it.
          if (cancelled) this.pool.release(host);
          else resolve(host);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private async *run(path: string, options: ExtractOptions): AsyncGenerator<ExtractedSection, ExtractedSummary> {
    const name = baseName(path);
    throwIfCancelled(options.signal, name);
    const host = await this.acquire(options.signal, name);
    const session = new BudgetedSession(host, this.budget, name, options.signal);
    let reusable = false;
    try {
      session.send(options.limits ? { type: 'extract', path, limits: options.limits } : { type: 'extract', path });
      for (;;) {
        const reply = await session.reply();
        if (reply.type === 'sections') {
          yield* reply.sections;
          session.send({ type: 'more' });
        } else if (reply.type === 'done') {
          reusable = true;
          return reply.summary;
        } else if (reply.type === 'failed') {
          reusable = true;
          throw rebuild(reply);
        }
      }
    } finally {
      session.dispose();
      if (reusable) this.pool.release(host);
      else this.pool.discard(host);
    }
  }
}

/**
 * One file's conversation with a host. The clock runs from each request until its reply, so time the caller
 * spends chunking and embedding a batch is not charged to the file.
 */
class BudgetedSession {
  private spentMs = 0;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private pending: { resolve(reply: ExtractReply): void; reject(error: Error): void } | undefined;
  private readonly inbox: ExtractReply[] = [];
  private failure: Error | undefined;
  private readonly stopListening: Array<() => void>;

  constructor(
    private readonly host: ExtractHost,
    private readonly budget: ExtractBudget,
    private readonly name: string,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.stopListening = [host.onMessage(this.onMessage), host.onExit(this.onExit)];
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener('abort', this.onAbort);
  }

  send(request: ExtractRequest): void {
    if (this.failure) return;
    this.startClock();
    this.host.send(request);
  }

  reply(): Promise<ExtractReply> {
    if (this.failure) return Promise.reject(this.failure);
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
  }

  dispose(): void {
    this.stopClock();
    for (const stop of this.stopListening) stop();
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  private readonly onMessage = (reply: ExtractReply): void => {
    if (reply.type === 'paused') return this.stopClock();
    if (reply.type === 'resumed') return this.startClock();
    this.stopClock();
    const pending = this.pending;
    this.pending = undefined;
    if (pending) pending.resolve(reply);
    else this.inbox.push(reply);
  };

  private readonly onTimeout = (): void => {
    this.fail(new ExtractError('FILE_TOO_COMPLEX', `\`${this.name}\` took longer than ${formatDuration(this.budget.timeoutMs)} to extract; it was skipped. Simplify or split it, or raise ENCLAVE_EXTRACT_TIMEOUT_MS`, { budget: 'time', timeoutMs: this.budget.timeoutMs }));
  };

  private readonly onExit = (exit: HostExit): void => {
    if (exit.outOfMemory) {
      this.fail(new ExtractError('FILE_TOO_COMPLEX', `\`${this.name}\` needed more than ${this.budget.heapMb} MiB of memory to extract; it was skipped. Simplify or split it, or raise ENCLAVE_EXTRACT_HEAP_MB`, { budget: 'memory', heapMb: this.budget.heapMb }));
    } else {
      // A parser that brought its process down (a stray exception, a native abort) still means this file could not be read.
      this.fail(corrupt(this.name, 'a document', new Error(`the extraction stopped unexpectedly (exit code ${exit.code}, signal ${exit.signal})`)));
    }
  };

  private readonly onAbort = (): void => {
    this.fail(new AppError('CANCELLED', `Extraction of \`${this.name}\` was cancelled`));
  };

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.stopClock();
    // SIGKILL interrupts even a parser stuck in a synchronous loop; the host is never reused.
    this.host.kill();
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  private startClock(): void {
    if (this.failure || this.timer !== undefined) return;
    this.startedAt = performance.now();
    this.timer = setTimeout(this.onTimeout, Math.max(0, this.budget.timeoutMs - this.spentMs));
  }

  private stopClock(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.spentMs += performance.now() - this.startedAt;
  }
}

/** The host's error as the caller's: extraction failures stay ExtractErrors (their code reaches the report). */
function rebuild(reply: Extract<ExtractReply, { type: 'failed' }>): Error {
  const { error } = reply;
  if (reply.internal) {
    const bug = new Error(error.message);
    if (reply.stack) bug.stack = reply.stack;
    return bug;
  }
  const extractCode = (error.details as { extractCode?: string } | undefined)?.extractCode;
  if (isExtractCode(extractCode)) return new ExtractError(extractCode, error.message, withoutExtractCode(error));
  return new AppError(isErrorCode(error.code) ? error.code : 'INTERNAL', error.message, error.details);
}

function withoutExtractCode(error: AppErrorShape): Record<string, unknown> | undefined {
  if (!error.details || typeof error.details !== 'object') return undefined;
  const { extractCode: _, ...rest } = error.details as Record<string, unknown>;
  return rest;
}

function isExtractCode(code: string | undefined): code is ExtractErrorCode {
  return (extractErrorCodes as readonly string[]).includes(code ?? '');
}

function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as readonly string[]).includes(code);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
