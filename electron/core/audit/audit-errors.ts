import { AppError, type ErrorCode } from '../contract/errors.js';

/**
 * The audit trail's failures in one place. `auditCode` is the code proposed for contract/errors.ts; until it
 * exists there, each maps to the closest existing code.
 */
const interim = {
  AUDIT_KEY_MISSING: 'FILE_NOT_FOUND',
  AUDIT_KEY_INVALID: 'DB_CORRUPT',
  AUDIT_TAMPERED: 'DB_CORRUPT',
  AUDIT_EXPORT_INVALID: 'INVALID_INPUT',
} as const satisfies Record<string, ErrorCode>;

export type AuditErrorCode = keyof typeof interim;

export function auditError(auditCode: AuditErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(interim[auditCode], message, { auditCode, ...details });
}

export function auditCodeOf(error: unknown): AuditErrorCode | undefined {
  if (!(error instanceof AppError)) return undefined;
  const code = (error.details as { auditCode?: unknown } | undefined)?.auditCode;
  return typeof code === 'string' && code in interim ? (code as AuditErrorCode) : undefined;
}
