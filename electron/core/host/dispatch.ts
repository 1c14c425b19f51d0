import { api, isMethod, type Method } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import { AppError, isAppError, type Result } from '../contract/errors.js';
import { translateSqliteError } from '../../../native/sqlite/open.js';
import type { Core } from './create-core.js';

/**
 * The single entry every shell calls. Unknown methods and invalid input are refused before any handler runs;
 * exceptions never cross this boundary: expected ones keep their code, anything else is logged as INTERNAL.
 */
export async function dispatch(core: Core, method: string, params: unknown, ctx: CallContext): Promise<Result<unknown>> {
  if (!isMethod(method)) return fail(new AppError('UNKNOWN_METHOD', `No such method: ${method}`));
  // Who is calling and may they call this? Decided once, from the permission table, before the input is read.
  let caller: CallContext;
  try {
    caller = core.admit(method, ctx);
  } catch (error) {
    const translated = translateSqliteError(error);
    if (isAppError(translated)) return fail(translated);
    core.log(`[dispatch] authorizing ${method} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    return fail(new AppError('INTERNAL', 'An unexpected error occurred; it was logged. Please report it.'));
  }
  const spec = api[method as Method];
  const input = spec.input.safeParse(params ?? {});
  if (!input.success) {
    const issues = input.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return fail(new AppError('INVALID_INPUT', `Invalid parameters for ${method}: ${summary}`, issues));
  }
  try {
    const value = await core.handle(method as Method, input.data as never, caller);
    return { ok: true, value };
  } catch (error) {
    const translated = translateSqliteError(error);
    if (isAppError(translated)) return fail(translated);
    core.log(`[dispatch] ${method} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    return fail(new AppError('INTERNAL', 'An unexpected error occurred; it was logged. Please report it.'));
  }
}

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toShape() };
}
