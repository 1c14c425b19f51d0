import { sign, verify, type KeyObject } from 'node:crypto';
import type { AuditCheckpoint } from './audit.types.js';
import type { SigningKey } from './audit-keys.js';
import { canonicalJson } from './hash-chain.js';

/** Ed25519 over canonical JSON; `type` separates what is signed, so one kind of record cannot pass for another. */
export function signRecord(key: SigningKey, record: Record<string, unknown>): string {
  return sign(null, Buffer.from(canonicalJson(record)), key.privateKey).toString('base64');
}

export function verifyRecord(publicKey: KeyObject, record: Record<string, unknown>, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  try {
    return verify(null, Buffer.from(canonicalJson(record)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function checkpointRecord(cp: Omit<AuditCheckpoint, 'signature'>): Record<string, unknown> {
  return { type: 'enclave-audit-checkpoint', v: 1, seq: cp.seq, headHash: cp.headHash, time: cp.time, keyId: cp.keyId };
}

export function signCheckpoint(key: SigningKey, seq: number, headHash: string, time: string): AuditCheckpoint {
  const unsigned = { seq, headHash, time, keyId: key.keyId };
  return { ...unsigned, signature: signRecord(key, checkpointRecord(unsigned)) };
}

export function verifyCheckpoint(publicKey: KeyObject, cp: AuditCheckpoint): boolean {
  return verifyRecord(publicKey, checkpointRecord(cp), cp.signature);
}
