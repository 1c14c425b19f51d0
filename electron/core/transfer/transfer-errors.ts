import { AppError, type ErrorCode } from '../contract/errors.js';

/** Every expected transfer failure: a code a shell maps once and a message that says what to do. */
export function transferError(code: ErrorCode, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(code, message, details);
}
