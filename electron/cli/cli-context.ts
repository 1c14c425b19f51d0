import { localContext, type CallContext } from '../core/contract/context.js';
import { AppError, type Result } from '../core/contract/errors.js';
import type { CoreEvent } from '../core/contract/events.js';
import type { CoreHandle } from '../core/host/core-handle.js';
import type { Output } from './output.js';

/** What every command gets: the core, the output mode, and helpers that turn Results into values or errors. */
export class CliContext {
  ctx: CallContext = localContext('cli', process.env.USER ?? 'local');

  /** `--user` and `--groups` decide document access until accounts exist. */
  actAs(user: string | undefined, groups: string | undefined): void {
    if (user) this.ctx = { ...this.ctx, user };
    if (groups !== undefined) this.ctx = { ...this.ctx, groups: groups.split(',').map((g) => g.trim()).filter(Boolean) };
  }

  constructor(readonly core: CoreHandle, readonly out: Output) {}

  async call<T>(method: string, params: unknown): Promise<T> {
    return unwrap<T>(await this.core.dispatch(method, params, this.ctx));
  }

  /** Starts a job method and waits for its result; Ctrl+C cancels the job instead of killing the process. */
  async runJob<T>(method: string, params: unknown, onEvent?: (event: CoreEvent) => void): Promise<T> {
    const seen: CoreEvent[] = [];
    let jobId: string | undefined;
    const unsubscribe = this.core.subscribe((event) => {
      if (!onEvent) return;
      if (jobId === undefined) seen.push(event);
      else if ((event.data as { jobId?: string }).jobId === jobId) onEvent(event);
    });
    try {
      ({ jobId } = await this.call<{ jobId: string }>(method, params));
      for (const event of seen) if ((event.data as { jobId?: string }).jobId === jobId) onEvent?.(event);
      const cancel = (): void => void this.call('jobs.cancel', { jobId });
      process.once('SIGINT', cancel);
      try {
        return await this.call<T>('jobs.wait', { jobId });
      } finally {
        process.off('SIGINT', cancel);
      }
    } finally {
      unsubscribe();
    }
  }
}

export function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
  return result.value as T;
}
