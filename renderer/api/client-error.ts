import type { AppErrorShape, ErrorCode } from './contract.types.js';

/** Codes the core sends, plus the two the transport itself can produce. */
export type ClientErrorCode = ErrorCode | 'UNREACHABLE' | 'BAD_RESPONSE';

export interface ClientErrorShape {
  code: ClientErrorCode;
  message: string;
  details?: unknown;
}

/** A failed call as the screens see it: a code, a message a user can act on, optional details. */
export class ClientError extends Error {
  readonly code: ClientErrorCode;
  readonly details: unknown;

  constructor(shape: ClientErrorShape | AppErrorShape) {
    super(shape.message);
    this.name = 'ClientError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

export const UNAUTHORIZED_MESSAGE = 'Sign in, or open the URL printed by `enclave serve` (it carries the access token).';

/** Anything caught in the renderer, as a ClientError (a bug in the renderer itself reads as INTERNAL). */
export function toClientError(error: unknown): ClientError {
  if (error instanceof ClientError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ClientError({ code: 'INTERNAL', message });
}

/**
 * Readable lines for an error's details: validation issues (`{ path, message }`) become "field: message",
 * unless the message already says so; anything else in details is not shown.
 */
export function detailLines(error: ClientError): string[] {
  if (!Array.isArray(error.details)) return [];
  const lines: string[] = [];
  for (const issue of error.details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { message, path } = issue as { message?: unknown; path?: unknown };
    if (typeof message !== 'string') continue;
    const where = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    const line = where === '' ? message : `${where}: ${message}`;
    if (!error.message.includes(line)) lines.push(line);
  }
  return lines;
}
