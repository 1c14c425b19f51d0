import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallContext } from '../contract/context.js';

/**
 * The caller of the method whose work is running, carried through every await and into the jobs the method starts.
 * Deep layers (the gateway's quotas and usage, traces) attribute work to a user, their groups and their API token
 * without every area threading a context through each call. Work outside any call (startup, schedules) has none.
 */
const scope = new AsyncLocalStorage<CallContext>();

export const callerScope = {
  run<T>(ctx: CallContext, work: () => T): T {
    return scope.run(ctx, work);
  },
  /** The caller, or undefined for the core's own work (folder watches, schedules). */
  current(): CallContext | undefined {
    return scope.getStore();
  },
};
