import type { CallContext } from '../contract/context.js';
import type { Result } from '../contract/errors.js';
import type { CoreEvent } from '../contract/events.js';
import { createCore, type CoreInfo, type CoreOptions } from './create-core.js';
import { dispatch } from './dispatch.js';

/** What a shell holds: the core in this thread (CLI, tests) or in a worker thread (server, Electron). */
export interface CoreHandle {
  readonly info: CoreInfo;
  dispatch(method: string, params: unknown, ctx: CallContext): Promise<Result<unknown>>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
}

export function createInProcessCore(options: CoreOptions): CoreHandle {
  const core = createCore(options);
  return {
    info: core.info,
    dispatch: (method, params, ctx) => dispatch(core, method, params, ctx),
    subscribe: (listener) => core.events.subscribe(listener),
    close: () => core.close(),
  };
}
