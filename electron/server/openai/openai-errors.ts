import type { AppErrorShape, ErrorCode } from '../../core/contract/errors.js';
import { httpStatusFor } from '../http-status.js';

/** An error as OpenAI clients read it: `{ error: { message, type, code, param } }`, its status and headers. */
export interface OpenAiErrorReply {
  status: number;
  body: { error: { message: string; type: string; code: string | null; param: string | null } };
  headers: Record<string, string>;
}

/**
 * Enclave's codes in OpenAI's terms. Clients branch on the status (the SDK's AuthenticationError, RateLimitError…)
 * and sometimes on `code`: `model_not_found` and `invalid_api_key` are OpenAI's own; the rest is Enclave's code in
 * lower case, so a script can tell MODEL_NOT_APPROVED from FORBIDDEN.
 */
export function openAiError(error: AppErrorShape | { code: string; message: string; details?: unknown }, param: string | null = null): OpenAiErrorReply {
  const status = statusFor(error.code);
  const code = error.code === 'MODEL_NOT_FOUND' ? 'model_not_found' : error.code === 'UNAUTHORIZED' ? 'invalid_api_key' : error.code.toLowerCase();
  const headers: Record<string, string> = {};
  const retryAfter = retryAfterSeconds(error.details);
  if (status === 429 || status === 503) headers['Retry-After'] = String(retryAfter ?? 1);
  return { status, body: { error: { message: error.message, type: typeFor(status, error.code), code, param: param ?? paramOf(error.details) } }, headers };
}

function statusFor(code: string): number {
  switch (code) {
    case 'QUOTA_EXCEEDED':
    case 'ENDPOINT_RATE_LIMITED':
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'ENDPOINT_UNREACHABLE':
    case 'ENDPOINT_AUTH_FAILED':
    case 'ENDPOINT_BAD_RESPONSE':
    case 'INFERENCE_FAILED':
    case 'MODEL_LOAD_FAILED':
      return 502;
    case 'ENDPOINT_TIMEOUT':
      return 504;
    // A request a client can fix by naming another model, as OpenAI answers for a model one may not use.
    case 'MODEL_RETIRED':
    case 'MODEL_WRONG_ROLE':
      return 400;
    case 'CANCELLED':
      return 499;
    // The input guardrails refused the request (Azure OpenAI answers its content filter the same way).
    case 'content_filter':
      return 400;
    default:
      return httpStatusFor(code as ErrorCode);
  }
}

function typeFor(status: number, code: string): string {
  if (code === 'QUOTA_EXCEEDED') return 'insufficient_quota';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** Seconds until a retry may succeed, from whichever form the core gave it (seconds, milliseconds, a reset time). */
export function retryAfterSeconds(details: unknown, now = Date.now()): number | undefined {
  const d = (details ?? {}) as { retryAfterSeconds?: unknown; retryAfterMs?: unknown; resetAt?: unknown };
  if (typeof d.retryAfterSeconds === 'number') return Math.max(1, Math.ceil(d.retryAfterSeconds));
  if (typeof d.retryAfterMs === 'number') return Math.max(1, Math.ceil(d.retryAfterMs / 1000));
  if (typeof d.resetAt === 'string' && Number.isFinite(Date.parse(d.resetAt))) return Math.max(1, Math.ceil((Date.parse(d.resetAt) - now) / 1000));
  return undefined;
}

/** Validation issues name the parameter (in the core's terms: `maxTokens`, `messages.0.content`). */
function paramOf(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const path = (details[0] as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && path !== '' ? path : null;
}
