import * as nodeCrypto from 'node:crypto';
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

/**
 * The bytes an entry hash covers: `canonicalJson({ ...fields, v: 1 })`. Written as one JSON.stringify of an object
 * literal whose keys are in sorted order (JS keeps insertion order), because verification runs it hundreds of
 * thousands of times a second; a test holds it equal to `canonicalJson`.
 */
export function canonicalEntry(f: ChainedFields): string {
  return JSON.stringify({
    action: f.action,
    actor: f.actor,
    inputDigest: f.inputDigest,
    outcome: f.outcome,
    outputDigest: f.outputDigest,
    payloadDigest: f.payloadDigest,
    prevHash: f.prevHash,
    seq: f.seq,
    target: f.target,
    time: f.time,
    v: CHAIN_VERSION,
  });
}

export function entryHash(fields: ChainedFields): string {
  return sha256Hex(canonicalEntry(fields));
}

// `crypto.hash` (Node ≥ 20.12) is about twice as fast as createHash for short inputs; verification is mostly this.
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;

export function sha256Hex(data: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', data, 'hex') : nodeCrypto.createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of text as UTF-8, of bytes as given, of anything else as canonical JSON. */
export function digestOf(data: AuditData): string {
  if (typeof data === 'string' || data instanceof Uint8Array) return sha256Hex(data);
  return sha256Hex(canonicalJson(data));
}

export const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
