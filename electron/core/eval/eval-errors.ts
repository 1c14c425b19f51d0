import { AppError, type ErrorCode } from '../contract/errors.js';

/**
 * Evaluation failures in one place. Each key is the code the contract should carry; until errors.ts has it, the
 * closest existing code is sent and the precise one travels in `details.reason`.
 */
const interim = {
  DATASET_NOT_FOUND: 'DATASET_NOT_FOUND',
  DATASET_INVALID: 'DATASET_INVALID',
  SUITE_INVALID: 'SUITE_INVALID',
  EVAL_RUN_NOT_FOUND: 'EVAL_RUN_NOT_FOUND',
  EVAL_RUN_ACTIVE: 'EVAL_RUN_ACTIVE',
  JUDGE_OUTPUT_INVALID: 'JUDGE_OUTPUT_INVALID',
} as const satisfies Record<string, ErrorCode>;

export type EvalErrorCode = keyof typeof interim;

export function evalError(reason: EvalErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(interim[reason], message, { reason, ...details });
}

export function evalReasonOf(error: unknown): EvalErrorCode | undefined {
  const reason = (error as { details?: { reason?: unknown } } | null)?.details?.reason;
  return typeof reason === 'string' && reason in interim ? (reason as EvalErrorCode) : undefined;
}
