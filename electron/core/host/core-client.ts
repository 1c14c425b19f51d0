import type { CallContext } from '../contract/context.js';
import { localContext } from '../contract/context.js';
import type { AppErrorShape } from '../contract/errors.js';
import type { CoreHandle } from './core-handle.js';

/** Typed helpers over a CoreHandle for scripts, benchmarks and tests: values on success, errors thrown, jobs awaited. */
export function coreClient(core: CoreHandle, defaultCtx: CallContext = localContext('test')) {
  const call = async <T>(method: string, params: unknown, ctx = defaultCtx): Promise<T> => {
    const result = await core.dispatch(method, params, ctx);
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), result.error);
    return result.value as T;
  };
  const failure = async (method: string, params: unknown, ctx = defaultCtx): Promise<AppErrorShape> => {
    const result = await core.dispatch(method, params, ctx);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error;
  };
  const job = async <T>(method: string, params: unknown, ctx = defaultCtx): Promise<T> => {
    const { jobId } = await call<{ jobId: string }>(method, params, ctx);
    return call<T>('jobs.wait', { jobId }, ctx);
  };
  const jobFailure = async (method: string, params: unknown, ctx = defaultCtx): Promise<AppErrorShape> => {
    const { jobId } = await call<{ jobId: string }>(method, params, ctx);
    return failure('jobs.wait', { jobId }, ctx);
  };
  return { call, failure, job, jobFailure };
}

/** A caller with the analyst role (not admin), for access tests. */
export const as = (user: string, groups: string[] = []): CallContext => ({ ...localContext('test', user), groups, roles: ['analyst'] });
