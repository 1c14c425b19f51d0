import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/contract/errors.js';

/** The part of Electron's `safeStorage` used here (an interface, so this module runs and is tested in plain Node). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded key and no real protection. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type AuditKeysOption = { protector: 'file' } | { protector: 'os-keychain'; wrappingKey: string };

export function wrapKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'desktop-wrap.key');
}

/**
 * How the desktop app seals the audit keys. With a usable OS keychain: a 256-bit wrapping key, stored only as
 * `safeStorage` ciphertext, unsealed here in the main process and handed to the core in memory. Without one the app
 * refuses to start rather than fall back silently; `--audit-key-file` chooses the headless 0600 key file on purpose.
 */
export function desktopAuditKeys(dataDir: string, safeStorage: SafeStorageLike, options: { keyFile?: boolean } = {}): AuditKeysOption {
  if (options.keyFile) return { protector: 'file' };
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    throw new AppError(
      'AUDIT_KEY_INVALID',
      `No OS keychain is available to protect the audit keys${backend ? ` (safeStorage backend: ${backend})` : ''}; unlock or install a keyring (GNOME Keyring, KWallet), or start Enclave with --audit-key-file to keep them in a key file only this user can read`,
    );
  }
  const file = wrapKeyPath(dataDir);
  let sealed: Buffer | undefined;
  try {
    sealed = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!sealed) {
    const key = randomBytes(32);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    return { protector: 'os-keychain', wrappingKey: key.toString('base64') };
  }
  let wrappingKey: string;
  try {
    wrappingKey = safeStorage.decryptString(sealed);
  } catch {
    throw new AppError('AUDIT_KEY_INVALID', `The OS keychain cannot unseal ${file}: it was sealed for another user or machine; open this data directory as the user who created it, or restore its keychain`, { file });
  }
  if (Buffer.from(wrappingKey, 'base64').length !== 32) throw new AppError('AUDIT_KEY_INVALID', `${file} does not hold a 256-bit wrapping key; restore it from a backup`, { file });
  return { protector: 'os-keychain', wrappingKey };
}
