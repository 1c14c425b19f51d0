import type { CallContext } from '../../core/contract/context.js';
import type { AppErrorShape, Result } from '../../core/contract/errors.js';
import type { CoreEvent } from '../../core/contract/events.js';
import type { CoreHandle } from '../../core/host/core-handle.js';

/** Events that may arrive for a job before its id is known; more than this and the request is not ours to buffer. */
const MAX_EARLY_EVENTS = 10_000;

export interface RelayHooks<S> {
  /** The method's own result (`{ jobId, … }`), before any of the job's text. */
  started?(value: S): void;
  /** Text the job released (`inference.tokensGenerated`): for `openai.generate`, guard-checked text only. */
  text?(delta: string): void;
  /** Aborted when the client goes away: the job is cancelled through `cancelMethod` (default `jobs.cancel`), as the caller. */
  signal?: AbortSignal;
  cancelMethod?: string;
}

/**
 * Starts a job method through dispatch (as the caller) and follows it on the core's event stream until it ends:
 * the job's result, or its error. Listening starts before the call, so no event of the job can be missed.
 */
export async function relayJob<S extends { jobId: string }, R>(core: Pick<CoreHandle, 'dispatch' | 'subscribe'>, method: string, params: unknown, ctx: CallContext, hooks: RelayHooks<S> = {}): Promise<Result<R>> {
  let jobId: string | undefined;
  const early: CoreEvent[] = [];
  let finish: (result: Result<R>) => void = () => undefined;
  const ended = new Promise<Result<R>>((resolve) => (finish = resolve));

  const onEvent = (event: CoreEvent): void => {
    const data = event.data as { jobId?: unknown };
    if (typeof data.jobId !== 'string') return;
    if (jobId === undefined) {
      if (early.length < MAX_EARLY_EVENTS) early.push(event);
      return;
    }
    if (data.jobId !== jobId) return;
    if (event.topic === 'inference.tokensGenerated') hooks.text?.(event.data.text);
    else if (event.topic === 'jobs.succeeded') finish({ ok: true, value: event.data.result as R });
    else if (event.topic === 'jobs.failed') finish({ ok: false, error: event.data.error });
    else if (event.topic === 'jobs.cancelled') finish({ ok: false, error: { code: 'CANCELLED', message: 'The request was cancelled' } });
  };
  const unsubscribe = core.subscribe(onEvent);
  try {
    const started = await core.dispatch(method, params, ctx);
    if (!started.ok) return started as { ok: false; error: AppErrorShape };
    const value = started.value as S;
    jobId = value.jobId;
    hooks.started?.(value);
    for (const event of early.splice(0)) onEvent(event);
    const cancel = (): void => void core.dispatch(hooks.cancelMethod ?? 'jobs.cancel', { jobId: value.jobId }, ctx);
    if (hooks.signal?.aborted) cancel();
    else hooks.signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await ended;
    } finally {
      hooks.signal?.removeEventListener('abort', cancel);
    }
  } finally {
    unsubscribe();
  }
}
