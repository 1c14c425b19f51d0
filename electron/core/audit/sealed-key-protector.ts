import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { auditError } from './audit-errors.js';
import { keyFileExists, keyFilePath, type KeyKind, type KeyProtector } from './audit-keys.js';

/** The desktop's protector name: the secret halves are sealed with a key only the OS keychain can unseal. */
export const OS_KEYCHAIN_PROTECTOR = 'os-keychain';

/**
 * A protector that seals secrets with AES-256-GCM under a wrapping key. The desktop app keeps that wrapping key
 * sealed by Electron's `safeStorage` (the OS keychain) and hands it to the core's process at start, so the key files
 * on disk are useless without the logged-in OS user's keychain. Layout: iv (12) | tag (16) | ciphertext.
 */
export function sealedKeyProtector(name: string, wrappingKey: Buffer): KeyProtector {
  if (wrappingKey.length !== 32) throw auditError('AUDIT_KEY_INVALID', `The ${name} wrapping key must be 32 bytes, not ${wrappingKey.length}`);
  return {
    name,
    protect(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
      const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    unprotect(sealed) {
      if (sealed.length < 28) throw new Error('sealed secret too short');
      const decipher = createDecipheriv('aes-256-gcm', wrappingKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/**
 * Re-seals key files written by `from` with `to` (the desktop adopting a data directory first used headless).
 * Each file is replaced atomically; a key sealed by any other protector is left alone and reported by the reader.
 * Returns the kinds that were re-sealed.
 */
export function resealKeys(dir: string, from: KeyProtector, to: KeyProtector): KeyKind[] {
  const resealed: KeyKind[] = [];
  for (const kind of ['signing', 'payload'] as const) {
    if (!keyFileExists(dir, kind)) continue;
    const where = keyFilePath(dir, kind);
    const file = JSON.parse(readFileSync(where, 'utf8')) as { protector?: string; secret?: string };
    if (file.protector !== from.name || typeof file.secret !== 'string') continue;
    const secret = from.unprotect(Buffer.from(file.secret, 'base64'));
    const next = { ...file, protector: to.name, secret: to.protect(secret).toString('base64') };
    writeFileSync(`${where}.tmp`, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${where}.tmp`, where);
    secret.fill(0);
    resealed.push(kind);
  }
  return resealed;
}
