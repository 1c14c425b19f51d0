import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors.js';

/** The purpose the vault's key is derived for (audit.deriveKey): a new version would be a new purpose. */
export const ENDPOINT_KEY_PURPOSE = 'gateway/endpoint-keys/v1';

/**
 * Seals endpoint API keys before they reach the database: AES-256-GCM under a key derived from the audit payload
 * key, which is itself sealed on disk (a 0600 key file, or the OS keychain on the desktop). The endpoint's id is the
 * associated data, so a sealed key copied onto another endpoint's row does not open. Layout: iv (12) | tag (16) | ct.
 */
export class EndpointKeyVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the endpoint key vault needs a 256-bit key');
  }

  seal(endpointId: string, apiKey: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(endpointId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(apiKey, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
  }

  open(endpointId: string, endpointName: string, sealed: Buffer): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(endpointId, 'utf8'));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError('ENDPOINT_AUTH_FAILED', `The API key of endpoint "${endpointName}" cannot be unsealed (the data directory's audit keys changed); enter it again with \`enclave endpoints update ${endpointName} --api-key-stdin\``, { endpoint: endpointName });
    }
  }
}
