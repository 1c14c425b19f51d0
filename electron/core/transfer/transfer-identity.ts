import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import os from 'node:os';
import { transferError } from './transfer-errors.js';

/**
 * This installation's transfer identity: an Ed25519 key that signs bundles and an X25519 key that bundles sent to
 * us are sealed to. Both are DERIVED (HKDF) from the audit payload key rather than stored in new key files, so they
 * are sealed exactly as the audit keys are (0600 file headless, the OS keychain on the desktop), are backed up with
 * them, and need no second secret. They are separate from the audit checkpoint key: a bundle signature can never be
 * passed off as an audit checkpoint or the other way round, and sharing the public half does not tie bundles to the
 * audit trail's key id.
 */
export interface TransferIdentity {
  /** SHA-256 of the signing key's SubjectPublicKeyInfo, hex: the installation id peers trust. */
  fingerprint: string;
  name: string;
  signingKey: KeyObject;
  signingPublicPem: string;
  agreementKey: KeyObject;
  agreementPublicPem: string;
}

/** PKCS#8 prefixes for a raw 32-byte seed (RFC 8410): Ed25519 and X25519. */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function deriveTransferIdentity(derive: (purpose: string) => Buffer, name = os.hostname()): TransferIdentity {
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, derive('transfer/ed25519/v1')]), format: 'der', type: 'pkcs8' });
  const agreementKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8, derive('transfer/x25519/v1')]), format: 'der', type: 'pkcs8' });
  const signingPublic = createPublicKey(signingKey);
  return {
    fingerprint: fingerprintOf(signingPublic),
    name,
    signingKey,
    signingPublicPem: signingPublic.export({ type: 'spki', format: 'pem' }).toString(),
    agreementKey,
    agreementPublicPem: createPublicKey(agreementKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Groups of four for reading aloud over the phone: `3f9a 0c12 …`. */
export function displayFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

/** The public key file `enclave trust self` writes and `enclave trust add` reads. */
export interface TransferKeyFile {
  format: 'enclave-transfer-key';
  v: 1;
  name: string;
  fingerprint: string;
  signingKey: string;
  agreementKey: string;
}

export function keyFileOf(identity: TransferIdentity): TransferKeyFile {
  return { format: 'enclave-transfer-key', v: 1, name: identity.name, fingerprint: identity.fingerprint, signingKey: identity.signingPublicPem, agreementKey: identity.agreementPublicPem };
}

/** Parses a key file; the fingerprint is recomputed from the key, never taken from the file. */
export function parseKeyFile(text: string): { fingerprint: string; signingKey: KeyObject; signingPem: string; agreementPem: string; name: string } {
  let file: Partial<TransferKeyFile>;
  try {
    file = JSON.parse(text) as Partial<TransferKeyFile>;
  } catch {
    throw transferError('INVALID_INPUT', 'The key file is not an Enclave transfer key; write one with `enclave trust self --out KEY` on the other installation');
  }
  if (file.format !== 'enclave-transfer-key' || file.v !== 1 || typeof file.signingKey !== 'string' || typeof file.agreementKey !== 'string') {
    throw transferError('INVALID_INPUT', 'The key file is not an Enclave transfer key; write one with `enclave trust self --out KEY` on the other installation');
  }
  let signingKey: KeyObject;
  let agreementKey: KeyObject;
  try {
    signingKey = createPublicKey(file.signingKey);
    agreementKey = createPublicKey(file.agreementKey);
  } catch {
    throw transferError('INVALID_INPUT', 'The key file holds no usable public keys; write it again with `enclave trust self --out KEY`');
  }
  if (signingKey.asymmetricKeyType !== 'ed25519' || agreementKey.asymmetricKeyType !== 'x25519') {
    throw transferError('INVALID_INPUT', 'The key file must hold an Ed25519 signing key and an X25519 agreement key');
  }
  const fingerprint = fingerprintOf(signingKey);
  if (file.fingerprint !== undefined && file.fingerprint !== fingerprint) {
    throw transferError('INVALID_INPUT', `The key file was altered: its fingerprint does not match its key (${displayFingerprint(fingerprint)})`);
  }
  return { fingerprint, signingKey, signingPem: file.signingKey, agreementPem: file.agreementKey, name: typeof file.name === 'string' ? file.name : '' };
}
