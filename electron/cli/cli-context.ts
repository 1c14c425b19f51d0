import type { CallContext } from '../core/contract/context.js';
import { cliCallContext } from './commands/login.command.js';
import { AppError, type Result } from '../core/contract/errors.js';
import type { CoreEvent } from '../core/contract/events.js';
import type { CoreHandle } from '../core/host/core-handle.js';
import type { Output } from './output.js';

/** What every command gets: the core, the output mode, and helpers that turn Results into values or errors. */
export class CliContext {
  /** The `enclave login` session when there is one, else the OS account (the administrator on first run). */
  ctx: CallContext;

  constructor(readonly core: CoreHandle, readonly out: Output) {
    this.ctx = cliCallContext(core.info.dataDir);
  }

  /** `--user` and `--groups` let an administrator act with another user's document access (to check access lists). */
  async actAs(user: string | undefined, groups: string | undefined): Promise<void> {
    if (!user && groups === undefined) return;
    const me = unwrap<{ user: { name: string; roles: string[]; groups: string[] }; permissions: string[] }>(await this.core.dispatch('auth.me', {}, this.ctx));
    if (!me.permissions.includes('users.manage')) {
      throw new AppError('FORBIDDEN', '--user and --groups are for administrators; sign in as that user instead: `enclave login --user NAME`');
    }
    this.ctx = { shell: 'cli', user: user ?? me.user.name, groups: groups === undefined ? me.user.groups : groups.split(',').map((g) => g.trim()).filter(Boolean), roles: me.user.roles, source: 'local' };
  }

  async call<T>(method: string, params: unknown): Promise<T> {
    return unwrap<T>(await this.core.dispatch(method, params, this.ctx));
  }

  /** Starts a job method and waits for its result; Ctrl+C or SIGTERM cancels the job instead of killing the process. */
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
      const stop = stopOnSignals(() => void this.call('jobs.cancel', { jobId }));
      try {
        return await this.call<T>('jobs.wait', { jobId });
      } finally {
        stop();
      }
    } finally {
      unsubscribe();
    }
  }
}

/** How long a cancelled job may take to wind down before the process exits anyway. */
const CANCEL_GRACE_MS = 5_000;

/**
 * SIGINT/SIGTERM during a job: cancel it (finished work is kept, the job returns CANCELLED and the command exits),
 * say so at once, and exit regardless after a grace period; a second signal exits immediately.
 */
function stopOnSignals(cancel: () => void): () => void {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    const exitCode = 128 + (signal === 'SIGINT' ? 2 : 15);
    if (received) process.exit(exitCode);
    received = signal;
    process.stderr.write(`enclave: ${signal} received; stopping the job (work finished so far is kept; run the same command again to resume)\n`);
    cancel();
    setTimeout(() => process.exit(exitCode), CANCEL_GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
  return result.value as T;
}
