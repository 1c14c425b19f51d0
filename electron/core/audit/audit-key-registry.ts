import { auditError } from './audit-errors.js';
import type { AuditRepo } from './audit.repo.js';
import { createKey, keyFileExists, keyFilePath, readPayloadKey, readSigningKey, type KeyKind, type KeyProtector, type PayloadKey, type SigningKey } from './audit-keys.js';
import { headMacKey } from './payload-crypto.js';

export interface AuditKeys {
  signing: SigningKey;
  payload: PayloadKey;
  macKey: Buffer;
}

/**
 * Loads the trail's keys, creating them only for a trail that has never been written. A trail with entries, or
 * with keys on record, whose key file is gone or different stops here with an error: a fresh key would quietly
 * orphan the encrypted payloads and sign checkpoints no one can match.
 */
export function resolveAuditKeys(repo: AuditRepo, dir: string, protector: KeyProtector, now: Date): AuditKeys {
  const registered = repo.registeredKeys();
  const fresh = registered.size === 0 && !repo.hasState();
  for (const kind of ['signing', 'payload'] as const) {
    if (keyFileExists(dir, kind)) continue;
    if (!fresh) {
      throw auditError('AUDIT_KEY_MISSING', `The audit ${kind} key ${keyFilePath(dir, kind)} is missing, but this audit trail was written with it; restore the key file from a backup (a new key cannot read or extend this trail)`, { kind, file: keyFilePath(dir, kind), keyId: registered.get(kind)?.keyId ?? null });
    }
    createKey(dir, kind, protector);
  }
  const signing = readSigningKey(dir, protector);
  const payload = readPayloadKey(dir, protector);
  checkRegistered(repo, dir, 'signing', signing.keyId, signing.publicKeyPem, now);
  checkRegistered(repo, dir, 'payload', payload.keyId, null, now);
  return { signing, payload, macKey: headMacKey(payload) };
}

function checkRegistered(repo: AuditRepo, dir: string, kind: KeyKind, keyId: string, publicKey: string | null, now: Date): void {
  const expected = repo.registeredKeys().get(kind);
  if (!expected) {
    repo.registerKey(kind, keyId, publicKey, now.toISOString());
    return;
  }
  if (expected.keyId !== keyId) {
    throw auditError('AUDIT_KEY_INVALID', `The audit ${kind} key ${keyFilePath(dir, kind)} (id ${keyId}) is not the one this trail was written with (id ${expected.keyId}); restore the original key file`, { kind, keyId, expectedKeyId: expected.keyId });
  }
}
