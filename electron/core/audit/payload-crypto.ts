import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync, timingSafeEqual } from 'node:crypto';
import { auditError } from './audit-errors.js';
import type { PayloadKey } from './audit-keys.js';

const VERSION = 1;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
const MIN_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;

/**
 * AES-256-GCM with a fresh 96-bit IV. Layout: version (1) | key id (8) | IV (12) | tag (16) | ciphertext.
 * The header and the entry's sequence number are authenticated, so a payload cannot be moved to another entry.
 */
export function sealPayload(key: PayloadKey, seq: number, plaintext: Buffer): Buffer {
  const header = Buffer.concat([Buffer.from([VERSION]), Buffer.from(key.keyId, 'hex')]);
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(additionalData(header, seq));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

export function openPayload(key: PayloadKey, seq: number, sealed: Buffer): Buffer {
  if (sealed.length < MIN_BYTES || sealed[0] !== VERSION) {
    throw auditError('AUDIT_TAMPERED', `The payload of audit entry ${seq} is damaged; run \`enclave audit verify\``, { seq });
  }
  const header = sealed.subarray(0, HEADER_BYTES);
  const keyId = header.subarray(1).toString('hex');
  if (keyId !== key.keyId) {
    throw auditError('AUDIT_KEY_INVALID', `The payload of audit entry ${seq} was sealed with key ${keyId}, but the loaded payload key is ${key.keyId}; restore the matching key file`, { seq, keyId, loadedKeyId: key.keyId });
  }
  const iv = sealed.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = sealed.subarray(HEADER_BYTES + IV_BYTES, MIN_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
  decipher.setAAD(additionalData(header, seq));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(MIN_BYTES)), decipher.final()]);
  } catch {
    throw auditError('AUDIT_TAMPERED', `The payload of audit entry ${seq} fails authentication: it was altered or moved from another entry`, { seq });
  }
}

// IVs come from the CSPRNG in blocks: one call per 4,096 payloads instead of one each (a third of the sealing cost).
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivOffset = ivPool.length;

function freshIv(): Buffer {
  if (ivOffset >= ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivPool.fill(0, ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

function additionalData(header: Buffer, seq: number): Buffer {
  return Buffer.concat([header, Buffer.from(`:enclave-audit-payload:${seq}`)]);
}

/** A separate key for the head seal, derived so that the payload key never doubles as a MAC key. */
export function headMacKey(key: PayloadKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'enclave-audit-head-mac', 32));
}

export function headMac(macKey: Buffer, seq: number, headHash: string): string {
  return createHmac('sha256', macKey).update(`enclave-audit-head:v1:${seq}:${headHash}`).digest('hex');
}

export function headMacMatches(macKey: Buffer, seq: number, headHash: string, mac: string): boolean {
  const expected = Buffer.from(headMac(macKey, seq, headHash), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
