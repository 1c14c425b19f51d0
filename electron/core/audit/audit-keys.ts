import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditError } from './audit-errors.js';

/**
 * Wraps the secret halves of the audit keys before they touch the disk. Headless: the identity, with the file
 * kept at 0600. The desktop app: AES-256-GCM under a wrapping key the OS keychain seals (sealed-key-protector.ts;
 * the core runs in a utility process, which cannot reach `safeStorage`, so the main process unseals it).
 */
export interface KeyProtector {
  /** Recorded in the key file: a key sealed by one protector is never read by another. */
  readonly name: string;
  protect(secret: Buffer): Buffer;
  unprotect(sealed: Buffer): Buffer;
}

export const fileKeyProtector: KeyProtector = {
  name: 'file',
  protect: (secret) => Buffer.from(secret),
  unprotect: (sealed) => Buffer.from(sealed),
};

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export interface PayloadKey {
  keyId: string;
  key: Buffer;
}

export type KeyKind = 'signing' | 'payload';

interface KeyFile {
  format: 'enclave-audit-key';
  v: 1;
  kind: KeyKind;
  protector: string;
  keyId: string;
  /** base64 of the protected secret: PKCS#8 DER for signing, 32 raw bytes for payload. */
  secret: string;
  publicKey?: string;
}

export function auditKeyDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

export function keyFilePath(dir: string, kind: KeyKind): string {
  return path.join(dir, `audit-${kind}.key`);
}

/** First 16 hex digits of SHA-256 over the SubjectPublicKeyInfo: the same id on every machine that has the PEM. */
export function signingKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Names a symmetric key without revealing anything about it. */
export function payloadKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('enclave-audit-payload-key-id').digest('hex').slice(0, 16);
}

export function parsePublicKeyPem(pem: string, source = 'the public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw auditError('AUDIT_KEY_INVALID', `${source} is not a PEM public key; export it again with \`enclave audit public-key --out KEY\``);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw auditError('AUDIT_KEY_INVALID', `${source} is a ${key.asymmetricKeyType ?? 'unknown'} key; the audit trail is signed with Ed25519`);
  return key;
}

export function keyFileExists(dir: string, kind: KeyKind): boolean {
  return existsSync(keyFilePath(dir, kind));
}

/** Creates the key of this kind; when another process won the race, its key stays and this one is dropped. */
export function createKey(dir: string, kind: KeyKind, protector: KeyProtector): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let file: KeyFile;
  if (kind === 'signing') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    file = keyFile(kind, protector, signingKeyId(publicKey), privateKey.export({ type: 'pkcs8', format: 'der' }));
    file.publicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  } else {
    const key = randomBytes(32);
    file = keyFile(kind, protector, payloadKeyId(key), key);
  }
  try {
    writeFileSync(keyFilePath(dir, kind), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function keyFile(kind: KeyKind, protector: KeyProtector, keyId: string, secret: Buffer): KeyFile {
  return { format: 'enclave-audit-key', v: 1, kind, protector: protector.name, keyId, secret: protector.protect(secret).toString('base64') };
}

export function readSigningKey(dir: string, protector: KeyProtector): SigningKey {
  const { file, secret, where } = readKeyFile(dir, 'signing', protector);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
  } catch {
    throw auditError('AUDIT_KEY_INVALID', `${where} does not hold a usable signing key; restore it from a backup`, { file: where });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw auditError('AUDIT_KEY_INVALID', `${where} is not an Ed25519 key`, { file: where });
  const publicKey = createPublicKey(privateKey);
  if (signingKeyId(publicKey) !== file.keyId) throw auditError('AUDIT_KEY_INVALID', `${where} was altered: its key does not match its key id`, { file: where });
  return { keyId: file.keyId, privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function readPayloadKey(dir: string, protector: KeyProtector): PayloadKey {
  const { file, secret, where } = readKeyFile(dir, 'payload', protector);
  if (secret.length !== 32 || payloadKeyId(secret) !== file.keyId) {
    throw auditError('AUDIT_KEY_INVALID', `${where} was altered: it does not hold the 256-bit key its id names`, { file: where });
  }
  return { keyId: file.keyId, key: secret };
}

function readKeyFile(dir: string, kind: KeyKind, protector: KeyProtector): { file: KeyFile; secret: Buffer; where: string } {
  const where = keyFilePath(dir, kind);
  let raw: string;
  try {
    raw = readFileSync(where, 'utf8');
  } catch {
    throw auditError('AUDIT_KEY_MISSING', `The audit ${kind} key ${where} is missing; restore it from a backup (a new key cannot read or extend this audit trail)`, { file: where, kind });
  }
  // Only the file protector relies on permissions; a key readable by others is refused, not used.
  if (protector === fileKeyProtector && process.platform !== 'win32' && (statSync(where).mode & 0o077) !== 0) {
    throw auditError('AUDIT_KEY_INVALID', `The audit key ${where} is readable by other users; run \`chmod 600 ${where}\``, { file: where, kind });
  }
  let file: KeyFile;
  try {
    file = JSON.parse(raw) as KeyFile;
  } catch {
    throw auditError('AUDIT_KEY_INVALID', `${where} is not an Enclave audit key file; restore it from a backup`, { file: where, kind });
  }
  if (file.format !== 'enclave-audit-key' || file.v !== 1 || file.kind !== kind || typeof file.secret !== 'string' || typeof file.keyId !== 'string') {
    throw auditError('AUDIT_KEY_INVALID', `${where} is not an Enclave audit ${kind} key file; restore it from a backup`, { file: where, kind });
  }
  if (file.protector !== protector.name) {
    throw auditError('AUDIT_KEY_INVALID', `${where} is protected by "${file.protector}", but this shell uses "${protector.name}"; open the data directory with the app that created it`, { file: where, kind });
  }
  let secret: Buffer;
  try {
    secret = protector.unprotect(Buffer.from(file.secret, 'base64'));
  } catch {
    throw auditError('AUDIT_KEY_INVALID', `${where} cannot be unsealed by ${protector.name}; it belongs to another user or machine`, { file: where, kind });
  }
  return { file, secret, where };
}
