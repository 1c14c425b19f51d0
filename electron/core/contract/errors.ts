// Error codes every shell understands. Each shell maps a code once (HTTP status, CLI exit code, UI message).
import { NativeError } from '../../../native/native-error.js';

export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'FILE_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'MODEL_INVALID',
  'MODEL_MODIFIED',
  'MODEL_ALREADY_EXISTS',
  'MODEL_LOAD_FAILED',
  'MODEL_WRONG_ROLE',
  'MODEL_NOT_APPROVED',
  'MODEL_IN_USE',
  'MODEL_RETIRED',
  'CONTEXT_OVERFLOW',
  'INFERENCE_FAILED',
  'JOB_NOT_FOUND',
  'CANCELLED',
  'DB_BUSY',
  'DB_NEWER_VERSION',
  'DB_MIGRATION_MODIFIED',
  'DB_CORRUPT',
  'COLLECTION_NOT_FOUND',
  'COLLECTION_EXISTS',
  'DOCUMENT_NOT_FOUND',
  'UNSUPPORTED_TYPE',
  'FILE_ENCRYPTED',
  'FILE_CORRUPT',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_UNREADABLE',
  'ZIP_BOMB',
  'FILE_TOO_COMPLEX',
  'PATH_NOT_ALLOWED',
  'VAULT_KEY_INVALID',
  'AUDIT_KEY_MISSING',
  'AUDIT_KEY_INVALID',
  'AUDIT_TAMPERED',
  'EGRESS_BLOCKED',
  'ENDPOINT_NOT_FOUND',
  'ENDPOINT_EXISTS',
  'ENDPOINT_UNREACHABLE',
  'ENDPOINT_AUTH_FAILED',
  'ENDPOINT_TIMEOUT',
  'ENDPOINT_RATE_LIMITED',
  'ENDPOINT_BAD_RESPONSE',
  'TOO_MANY_ATTEMPTS',
  /** A quota or request limit (per user, group or API token) would be exceeded; details.resetAt says when it frees. */
  'QUOTA_EXCEEDED',
  'ROUTE_NOT_FOUND',
  'USER_EXISTS',
  'PROMPT_NOT_FOUND',
  'PROMPT_EXISTS',
  'TEMPLATE_INVALID',
  'LABEL_PROTECTED',
  'GATE_REQUIRED',
  'AB_TEST_NOT_FOUND',
  'DATASET_NOT_FOUND',
  'DATASET_INVALID',
  'DATASET_CASE_NOT_FOUND',
  'DATASET_VERSION_STALE',
  'SUITE_INVALID',
  'EVAL_RUN_NOT_FOUND',
  'EVAL_RUN_ACTIVE',
  'JUDGE_OUTPUT_INVALID',
  // Transfers (issue 15): bundles and the trust store.
  'BUNDLE_INVALID',
  'BUNDLE_TRUNCATED',
  'BUNDLE_TAMPERED',
  'BUNDLE_SIGNER_UNTRUSTED',
  'BUNDLE_WRONG_RECIPIENT',
  'TRUST_NOT_FOUND',
  'TRUST_EXISTS',
  'SYNC_REMOTE_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An expected failure with a message a user can act on. Anything else that is thrown is a bug (INTERNAL). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /**
   * native/ cannot import the core, so it throws NativeError (same fields, codes a subset of ErrorCode, checked in
   * native-compat.ts). `x instanceof AppError` accepts it, so every check and translation above native treats both alike.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === AppError && value instanceof NativeError;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
