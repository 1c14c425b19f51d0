import { createHash } from 'node:crypto';
import type { AuditData, ChainedFields } from './audit.types.js';

/** The `prevHash` of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Bumped if the chained fields ever change; part of every entry hash. */
export const CHAIN_VERSION = 1;

/**
 * Canonical JSON (RFC 8785 for the values we use): object keys sorted, no whitespace, strings and numbers as
 * ECMAScript writes them, `undefined` members left out. Anyone can recompute a hash from an exported line.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot represent a ${typeof value}`);
}

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * The bytes an entry hash covers: `canonicalJson({ ...fields, v: 1 })`, written out by hand in sorted key
 * order because verification runs it hundreds of thousands of times a second.
 */
export function canonicalEntry(f: ChainedFields): string {
  return `{"action":${text(f.action)},"actor":${text(f.actor)},"inputDigest":${text(f.inputDigest)},"outcome":${text(f.outcome)},"outputDigest":${text(f.outputDigest)},"payloadDigest":${text(f.payloadDigest)},"prevHash":${text(f.prevHash)},"seq":${f.seq},"target":${text(f.target)},"time":${text(f.time)},"v":${CHAIN_VERSION}}`;
}

export function entryHash(fields: ChainedFields): string {
  return sha256Hex(canonicalEntry(fields));
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of text as UTF-8, of bytes as given, of anything else as canonical JSON. */
export function digestOf(data: AuditData): string {
  if (typeof data === 'string' || data instanceof Uint8Array) return sha256Hex(data);
  return sha256Hex(canonicalJson(data));
}

export const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
