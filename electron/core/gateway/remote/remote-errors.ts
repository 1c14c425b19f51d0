import { AppError } from '../../contract/errors.js';

/**
 * The typed failures of a remote endpoint, translated once at the edge (style §5) from HTTP statuses and socket
 * errors. Messages name the endpoint and say what to do; they never carry the API key or the request body.
 */
export function unreachable(endpoint: string, cause: string): AppError {
  return new AppError('ENDPOINT_UNREACHABLE', `Endpoint "${endpoint}" cannot be reached (${cause}); check that the server runs and its URL (\`enclave endpoints test ${endpoint}\`)`, { endpoint, cause });
}

export function timedOut(endpoint: string, timeoutMs: number): AppError {
  return new AppError('ENDPOINT_TIMEOUT', `Endpoint "${endpoint}" sent nothing for ${timeoutMs} ms; it may be overloaded. Try again, or raise its timeout (\`enclave endpoints update ${endpoint} --timeout-ms N\`)`, { endpoint, timeoutMs });
}

export function badResponse(endpoint: string, what: string, status?: number): AppError {
  return new AppError('ENDPOINT_BAD_RESPONSE', `Endpoint "${endpoint}" answered with ${what}; it may not be OpenAI-compatible or may not serve this model`, { endpoint, ...(status ? { status } : {}) });
}

/** Retry-After is seconds or an HTTP date; absent or unreadable → undefined (the caller picks its own backoff). */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An HTTP error status → the typed error; the body's own message (OpenAI's `error.message`) is kept, cut short. */
export function fromStatus(endpoint: string, status: number, body: string, headers: Record<string, string | string[] | undefined>): AppError {
  const detail = upstreamMessage(body);
  if (status === 401 || status === 403) {
    return new AppError('ENDPOINT_AUTH_FAILED', `Endpoint "${endpoint}" refused the API key (HTTP ${status}); enter the key again with \`enclave endpoints update ${endpoint} --api-key-stdin\``, { endpoint, status });
  }
  if (status === 429) {
    const retry = retryAfterMs(headers['retry-after']);
    return new AppError('ENDPOINT_RATE_LIMITED', `Endpoint "${endpoint}" is rate limiting requests${retry !== undefined ? `; retry in ${Math.ceil(retry / 1000)} s` : ''}`, { endpoint, status, ...(retry !== undefined ? { retryAfterMs: retry } : {}) });
  }
  if (status === 503 && headers['retry-after'] !== undefined) {
    // A server still loading its model (llama-server answers 503 + Retry-After) asks for the same patience.
    const retry = retryAfterMs(headers['retry-after']);
    return new AppError('ENDPOINT_RATE_LIMITED', `Endpoint "${endpoint}" is busy (HTTP 503)${retry !== undefined ? `; retry in ${Math.ceil(retry / 1000)} s` : ''}`, { endpoint, status, ...(retry !== undefined ? { retryAfterMs: retry } : {}) });
  }
  if (status === 408 || status === 504) return timedOut(endpoint, 0);
  if (status === 502 || status === 503) return unreachable(endpoint, `HTTP ${status}${detail ? `: ${detail}` : ''}`);
  return badResponse(endpoint, `HTTP ${status}${detail ? ` (${detail})` : ''}`, status);
}

function upstreamMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.trim().slice(0, 300);
}
