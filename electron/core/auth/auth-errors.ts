import { AppError, type ErrorCode } from '../contract/errors.js';

/** The auth area's failures in one place, each an error code of the contract. */
const interim = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  USER_EXISTS: 'USER_EXISTS',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_INPUT: 'INVALID_INPUT',
} as const satisfies Record<string, ErrorCode>;

export type AuthErrorCode = keyof typeof interim;

export function authError(authCode: AuthErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  const code = interim[authCode];
  // `authCode` is only spelled out where it differs from the contract code.
  const all = code === authCode ? details : { authCode, ...details };
  return new AppError(code, message, Object.keys(all).length > 0 ? all : undefined);
}

/** The precise auth code of an error or error shape (works before and after the interim codes are replaced). */
export function authCodeOf(error: unknown): AuthErrorCode | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const precise = ((error as { details?: { authCode?: unknown } }).details ?? {}).authCode;
  if (typeof precise === 'string' && precise in interim) return precise as AuthErrorCode;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code in interim ? (code as AuthErrorCode) : undefined;
}
