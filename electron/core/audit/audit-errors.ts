import { AppError, type ErrorCode } from '../contract/errors.js';

/** The audit trail's failures in one place: each is an error code of the contract. */
const interim = {
  AUDIT_KEY_MISSING: 'AUDIT_KEY_MISSING',
  AUDIT_KEY_INVALID: 'AUDIT_KEY_INVALID',
  AUDIT_TAMPERED: 'AUDIT_TAMPERED',
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
