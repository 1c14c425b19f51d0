import { AppError } from '../../contract/errors.js';

/** Why one file could not be extracted (each is also an error code of the contract). */
export type ExtractErrorCode =
  | 'UNSUPPORTED_TYPE'
  | 'FILE_ENCRYPTED'
  | 'FILE_CORRUPT'
  | 'FILE_EMPTY'
  | 'FILE_TOO_LARGE'
  | 'ZIP_BOMB'
  | 'FILE_UNREADABLE'
  | 'FILE_TOO_COMPLEX';

export const extractErrorCodes: readonly ExtractErrorCode[] = [
  'UNSUPPORTED_TYPE',
  'FILE_ENCRYPTED',
  'FILE_CORRUPT',
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'ZIP_BOMB',
  'FILE_UNREADABLE',
  'FILE_TOO_COMPLEX',
];

/** One file's expected extraction failure, with a message the user can act on. */
export class ExtractError extends AppError {
  readonly extractCode: ExtractErrorCode;

  constructor(extractCode: ExtractErrorCode, message: string, details?: Record<string, unknown>) {
    super(extractCode, message, { extractCode, ...details });
    this.name = 'ExtractError';
    this.extractCode = extractCode;
  }
}

export function isExtractError(value: unknown): value is ExtractError {
  return value instanceof ExtractError;
}

/** The extract code of an error, or undefined when it is not an extraction failure. */
export function extractCodeOf(error: unknown): ExtractErrorCode | undefined {
  return isExtractError(error) ? error.extractCode : undefined;
}

export function throwIfCancelled(signal: AbortSignal | undefined, name: string): void {
  if (signal?.aborted) throw new AppError('CANCELLED', `Extraction of \`${name}\` was cancelled`);
}

/** A parser's failure on a file we recognised: the file is damaged, not our code. */
export function corrupt(name: string, what: string, cause: unknown): ExtractError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ExtractError(
    'FILE_CORRUPT',
    `\`${name}\` looks like ${what} but could not be read (${reason.slice(0, 200)}); open and re-save it, or export it again, then import it again`,
  );
}
