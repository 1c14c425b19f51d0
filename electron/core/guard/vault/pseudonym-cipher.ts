import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors.js';
import type { SealedValue } from './pseudonym-vault.js';

/**
 * AES-256-GCM for pseudonymised values under a key the caller owns (the OS keychain or a 0600 key file;
 * not this module's business). Two subkeys are derived with HKDF so the key that names pseudonyms
 * (HMAC) is not the key that encrypts; the scope and pseudonym are bound as associated data, so a row
 * copied under another pseudonym fails to open instead of restoring the wrong person.
 */
export class PseudonymCipher {
  private readonly encryptionKey: Buffer;
  private readonly namingKey: Buffer;

  constructor(key: Buffer | Uint8Array) {
    if (key.length !== 32) {
      throw new AppError('VAULT_KEY_INVALID', `The pseudonym vault key must be 32 bytes (AES-256); got ${key.length}. Check the configured key file.`, { reason: 'VAULT_KEY_INVALID' });
    }
    const derive = (info: string): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
    this.encryptionKey = derive('enclave/guard/vault/encryption/v1');
    this.namingKey = derive('enclave/guard/vault/naming/v1');
  }

  /** The same value gets the same pseudonym within a scope, and an unrelated one in another scope. */
  pseudonymFor(scope: string, entityType: string, value: string): string {
    const digest = createHmac('sha256', this.namingKey).update(`${scope}\u0000${entityType}\u0000${value}`).digest('hex');
    return `<${entityType}_${digest.slice(0, 10)}>`;
  }

  seal(scope: string, pseudonym: string, value: string): SealedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(`${scope}\u0000${pseudonym}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return { iv, ciphertext, authTag: cipher.getAuthTag() };
  }

  open(scope: string, pseudonym: string, sealed: SealedValue): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.iv);
      decipher.setAAD(Buffer.from(`${scope}\u0000${pseudonym}`, 'utf8'));
      decipher.setAuthTag(sealed.authTag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError('VAULT_KEY_INVALID', `Pseudonym ${pseudonym} cannot be restored: the vault key does not match the one it was sealed with, or the entry was altered.`, { reason: 'VAULT_KEY_MISMATCH', pseudonym });
    }
  }
}
