// The expected failures of the native layer (SQLite, llama.cpp, the egress guard). native/ sits below the core and
// imports nothing from electron/, so it has its own error class; its codes are a subset of the core's ErrorCode
// (electron/core/contract/native-compat.ts checks that at compile time) and the core treats a NativeError exactly
// like an AppError: `error instanceof AppError` and isAppError() accept it, so codes cross dispatch unchanged.

export const nativeErrorCodes = [
  'INVALID_INPUT',
  'FILE_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'MODEL_INVALID',
  'MODEL_LOAD_FAILED',
  'CONTEXT_OVERFLOW',
  'INFERENCE_FAILED',
  'CANCELLED',
  'DB_BUSY',
  'DB_NEWER_VERSION',
  'DB_MIGRATION_MODIFIED',
  'DB_CORRUPT',
  'EGRESS_BLOCKED',
] as const;

export type NativeErrorCode = (typeof nativeErrorCodes)[number];

/** What crosses a process boundary (the llama host child serialises errors as this). */
export interface NativeErrorShape {
  code: NativeErrorCode;
  message: string;
  details?: unknown;
}

/** An expected native failure with a message a user can act on; the same fields and toShape() as the core's AppError. */
export class NativeError extends Error {
  readonly code: NativeErrorCode;
  readonly details: unknown;

  constructor(code: NativeErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'NativeError';
    this.code = code;
    this.details = details;
  }

  toShape(): NativeErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isNativeError(value: unknown): value is NativeError {
  return value instanceof NativeError;
}
