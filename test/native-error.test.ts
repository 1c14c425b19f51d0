import { describe, expect, test } from 'vitest';
import { AppError, errorCodes, isAppError } from '../electron/core/contract/errors.js';
import { NativeError, nativeErrorCodes } from '../native/native-error.js';

describe('NativeError crosses into the core as an AppError', () => {
  test('instanceof AppError and isAppError accept it, with the same code, message, details and shape', () => {
    const error = new NativeError('DB_BUSY', 'The database is busy', { file: 'x.db' });
    expect(error instanceof AppError).toBe(true);
    expect(isAppError(error)).toBe(true);
    expect(error.toShape()).toEqual({ code: 'DB_BUSY', message: 'The database is busy', details: { file: 'x.db' } });
    expect(new NativeError('CANCELLED', 'stopped').toShape()).toEqual({ code: 'CANCELLED', message: 'stopped' });
  });

  test('the widening goes one way only, and plain errors stay bugs', () => {
    class QuotaError extends AppError {}
    expect(new AppError('INTERNAL', 'x') instanceof NativeError).toBe(false);
    expect(new NativeError('DB_BUSY', 'x') instanceof QuotaError).toBe(false);
    expect(new QuotaError('INTERNAL', 'x') instanceof AppError).toBe(true);
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError({ code: 'DB_BUSY', message: 'look-alike' })).toBe(false);
  });

  test('every native code is a code the shells understand (also checked at compile time)', () => {
    for (const code of nativeErrorCodes) expect(errorCodes).toContain(code);
  });
});
