import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'enclave_session';
/** The printed first-run setup token, traded from the URL for a cookie; only `auth.setup` reads it. */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from the session cookie or an `Authorization: Bearer` header (scripts). */
export function presentedToken(request: IncomingMessage): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? cookieValue(request, SESSION_COOKIE);
}

export function cookieValue(request: IncomingMessage, cookie: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie && value.length > 0 && value.join('=') !== '') return value.join('=');
  }
  return undefined;
}

/**
 * DNS rebinding defence: a page on another site that resolves its name to 127.0.0.1 still sends its own Host,
 * so only the loopback names of this very port are served.
 */
export function allowedHost(request: IncomingMessage, boundHost: string, port: number): boolean {
  const host = request.headers.host;
  if (!host) return false;
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${boundHost}:${port}`]);
  return allowed.has(host.toLowerCase());
}

/**
 * Browsers send Origin on cross-site requests; anything but our own origin is refused (no CORS at all). Our own
 * origin is exactly `http://` + the Host we answered (already checked by allowedHost): `https://` on the same host
 * and port is another origin, and so are `null`, userinfo, paths or a missing port.
 */
export function allowedOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && origin.toLowerCase() === `http://${host}`;
}
