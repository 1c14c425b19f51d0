import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fileKeyProtector, keyFilePath, readSigningKey } from '../../electron/core/audit/audit-keys.js';
import { localContext } from '../../electron/core/contract/context.js';
import { isAppError } from '../../electron/core/contract/errors.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import type { CoreOptions } from '../../electron/core/host/create-core.js';
import { desktopAuditKeys, wrapKeyPath, type SafeStorageLike } from '../../electron/main/desktop-keychain.js';
import { tempDir } from '../helpers/fixtures.js';

/**
 * Electron's safeStorage cannot run here (no Electron binary on these machines), so this stands in for one user's
 * OS keychain: AES-256-GCM under a secret only that "user" holds, like the keychain's own key.
 */
function keychainOf(user: string, backend = 'gnome_libsecret'): SafeStorageLike {
  const key = createHash('sha256').update(`keychain of ${user}`).digest();
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const owner = localContext('test');

async function withCore<T>(options: CoreOptions, work: (api: ReturnType<typeof coreClient>) => Promise<T>): Promise<T> {
  const core = createInProcessCore(options);
  try {
    return await work(coreClient(core, owner));
  } finally {
    await core.close();
  }
}

function startFailure(options: CoreOptions): { code: string; message: string } {
  try {
    createInProcessCore(options);
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the core started');
}

describe('desktop audit keys sealed by the OS keychain (safeStorage)', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  test('a new data directory: the wrapping key exists only as keychain ciphertext, the audit keys only sealed by it', async () => {
    const dataDir = path.join(temp.dir, 'desktop');
    const auditKeys = desktopAuditKeys(dataDir, keychainOf('ada'));
    expect(auditKeys.protector).toBe('os-keychain');
    const sealedWrap = readFileSync(wrapKeyPath(dataDir));
    expect(sealedWrap.includes(Buffer.from((auditKeys as { wrappingKey: string }).wrappingKey))).toBe(false);
    expect(statSync(wrapKeyPath(dataDir)).mode & 0o077).toBe(0);
    // The same user gets the same wrapping key back.
    expect(desktopAuditKeys(dataDir, keychainOf('ada'))).toEqual(auditKeys);

    await withCore({ dataDir, modelsDir: temp.dir, auditKeys }, async (api) => {
      await api.call('models.list', {});
      expect(await api.call('audit.verify', {})).toMatchObject({ ok: true });
    });
    const keyFile = JSON.parse(readFileSync(keyFilePath(path.join(dataDir, 'keys'), 'signing'), 'utf8')) as { protector: string };
    expect(keyFile.protector).toBe('os-keychain');
    // Without the keychain the key file is useless: no silent plaintext fallback.
    expect(() => readSigningKey(path.join(dataDir, 'keys'), fileKeyProtector)).toThrow(/protected by "os-keychain"/);
    expect(startFailure({ dataDir, modelsDir: temp.dir })).toMatchObject({ code: 'AUDIT_KEY_INVALID', message: expect.stringContaining('protected by "os-keychain"') });
  });

  test('another user’s keychain cannot unseal the wrapping key; a forged wrapping key cannot unseal the audit keys', () => {
    const dataDir = path.join(temp.dir, 'desktop');
    expect(() => desktopAuditKeys(dataDir, keychainOf('mallory'))).toThrow(/cannot unseal .*another user or machine/);
    const forged = { protector: 'os-keychain' as const, wrappingKey: randomBytes(32).toString('base64') };
    expect(startFailure({ dataDir, modelsDir: temp.dir, auditKeys: forged })).toMatchObject({ code: 'AUDIT_KEY_INVALID', message: expect.stringContaining('cannot be unsealed by os-keychain') });
  });

  test('no usable keychain: the app refuses to start unless the key file is chosen on purpose', () => {
    const dataDir = path.join(temp.dir, 'no-keyring');
    expect(() => desktopAuditKeys(dataDir, keychainOf('ada', 'basic_text'))).toThrow(/No OS keychain .*basic_text.*--audit-key-file/);
    expect(desktopAuditKeys(dataDir, keychainOf('ada', 'basic_text'), { keyFile: true })).toEqual({ protector: 'file' });
  });

  test('a data directory first used headless is adopted: its keys are re-sealed and the trail still verifies', async () => {
    const dataDir = path.join(temp.dir, 'adopted');
    await withCore({ dataDir, modelsDir: temp.dir }, async (api) => {
      await api.call('settings.update', { threads: 1 });
    });
    const auditKeys = desktopAuditKeys(dataDir, keychainOf('ada'));
    await withCore({ dataDir, modelsDir: temp.dir, auditKeys }, async (api) => {
      const report = await api.call<{ ok: boolean; entries: number }>('audit.verify', { payloads: true });
      expect(report.ok).toBe(true);
      const { entries } = await api.call<{ entries: Array<{ seq: number; action: string }> }>('audit.list', { action: 'settings.update' });
      const entry = await api.call<{ payload: unknown }>('audit.get', { seq: entries[0]!.seq });
      // Payloads written under the file protector still decrypt: the keys are the same, only their seal changed.
      expect(JSON.stringify(entry.payload)).toContain('threads');
    });
    const payloadFile = JSON.parse(readFileSync(keyFilePath(path.join(dataDir, 'keys'), 'payload'), 'utf8')) as { protector: string };
    expect(payloadFile.protector).toBe('os-keychain');
  });
});
