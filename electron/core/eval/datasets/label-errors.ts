import { AppError, type ErrorCode } from '../../contract/errors.js';

/**
 * Labeling refusals: a label names a case the base version does not have (DATASET_CASE_NOT_FOUND), or the labels
 * were made on a version that is no longer the latest, because another labeler saved since (DATASET_VERSION_STALE).
 * `details.reason` repeats the code for clients written before the codes existed.
 */
export type LabelErrorCode = Extract<ErrorCode, 'DATASET_CASE_NOT_FOUND' | 'DATASET_VERSION_STALE'>;

export function labelError(reason: LabelErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(reason, message, { reason, ...details });
}
