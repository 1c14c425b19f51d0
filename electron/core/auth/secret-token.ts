import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets: 256 random bits behind a prefix that says what they are (`ens_` session, `ent_` API token), so a
 * leaked one is recognisable in logs and secret scanners. Only their SHA-256 is stored: they are too random to guess,
 * so a slow hash would add nothing but latency to every call.
 */
export const SESSION_PREFIX = 'ens_';
export const API_TOKEN_PREFIX = 'ent_';

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A short public identifier (for listings, revocation and audit entries); never enough to use the secret. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(9).toString('base64url')}`;
}
