import type { z } from 'zod';
import { api, isMethod, type Method } from '../contract/api.js';
import { strictInput } from '../contract/strict-input.js';
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
  // Strict at every level: a key the method does not know is refused by name, never dropped (issue 9).
  const input = strictInput(spec.input).safeParse(params ?? {});
  if (!input.success) {
    const issues = input.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issueMessage(issue, method) }));
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

/** Unknown keys get a message that says what to do; zod's own wording is kept for everything else. */
function issueMessage(issue: z.core.$ZodIssue, method: string): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const keys = issue.keys.map((key) => `"${key}"`).join(', ');
  return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${keys}: ${method} does not take ${issue.keys.length === 1 ? 'it' : 'them'}; remove ${issue.keys.length === 1 ? 'it' : 'them'} or check the spelling`;
}

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toShape() };
}
