import { AppError, type ErrorCode } from '../contract/errors.js';

/**
 * The registry's failures in one place. Each key is the code the contract should carry; until errors.ts has it,
 * the closest existing code is sent and the precise one travels in `details.reason`.
 */
const interim = {
  PROMPT_NOT_FOUND: 'PROMPT_NOT_FOUND',
  PROMPT_EXISTS: 'PROMPT_EXISTS',
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  LABEL_PROTECTED: 'LABEL_PROTECTED',
  GATE_REQUIRED: 'GATE_REQUIRED',
  AB_TEST_NOT_FOUND: 'AB_TEST_NOT_FOUND',
} as const satisfies Record<string, ErrorCode>;

export type PromptErrorCode = keyof typeof interim;

export function promptError(reason: PromptErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(interim[reason], message, { reason, ...details });
}

/** The precise reason of a registry error (tests and shells that want it before errors.ts has the codes). */
export function promptReasonOf(error: unknown): PromptErrorCode | undefined {
  const reason = (error as { details?: { reason?: unknown } } | null)?.details?.reason;
  return typeof reason === 'string' && reason in interim ? (reason as PromptErrorCode) : undefined;
}
