import type { z } from 'zod';
import type { CallContext } from '../contract/context.js';

type Spec = { input: z.ZodType; output: z.ZodType };

/**
 * The handlers of one area's API object: the same shape as `HandlersFor<keyof typeof xApi>` once the area is merged
 * into contract/api.ts, but checkable before that (the registry and eval areas land beside the merge).
 */
export type AreaHandlers<A extends Record<string, Spec>> = {
  [M in keyof A]: (input: z.output<A[M]['input']>, ctx: CallContext) => Promise<z.output<A[M]['output']>> | z.output<A[M]['output']>;
};
