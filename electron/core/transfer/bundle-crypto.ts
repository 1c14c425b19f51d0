import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../audit/hash-chain.js';
import { decodeFile, encodeSealed, type BundleHeader, type Envelope, type Manifest } from './bundle-format.js';
import { displayFingerprint, fingerprintOf, type TransferIdentity } from './transfer-identity.js';
import { transferError } from './transfer-errors.js';

const ALG = 'X25519-HKDF-SHA256-AES-256-GCM' as const;

/** Ed25519 over the canonical manifest: the manifest lists every object's SHA-256, so this covers all content. */
export function signManifest(identity: TransferIdentity, manifest: Manifest): string {
  return sign(null, Buffer.from(canonicalJson(manifest)), identity.signingKey).toString('base64');
}

/** The signer's key as sent, checked against its own signature (trust is decided separately, by fingerprint). */
export function verifyHeader(header: BundleHeader): { signingKey: KeyObject; fingerprint: string } {
  let signingKey: KeyObject;
  try {
    signingKey = createPublicKey(header.signer.signingKey);
  } catch {
    throw transferError('BUNDLE_INVALID', 'The bundle names no usable signing key; it was not written by Enclave');
  }
  if (signingKey.asymmetricKeyType !== 'ed25519') throw transferError('BUNDLE_INVALID', 'The bundle is not signed with an Ed25519 key');
  const fingerprint = fingerprintOf(signingKey);
  if (fingerprint !== header.manifest.source.fingerprint) {
    throw transferError('BUNDLE_TAMPERED', 'The bundle claims a source installation whose key it does not carry; it was altered', { fingerprint });
  }
  let valid = false;
  try {
    valid = verify(null, Buffer.from(canonicalJson(header.manifest)), signingKey, Buffer.from(header.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw transferError('BUNDLE_TAMPERED', `The bundle's signature does not match its manifest (signer ${displayFingerprint(fingerprint)}); it was altered after it was signed`, { fingerprint });
  return { signingKey, fingerprint };
}

/** Seals a plain bundle to one recipient: an ephemeral X25519 key, HKDF-SHA256, AES-256-GCM over the whole file. */
export function seal(plain: Buffer, recipient: { fingerprint: string; agreementKeyPem: string }): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralKey = ephemeral.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const key = sharedKey(ephemeral.privateKey, createPublicKey(recipient.agreementKeyPem), recipient.fingerprint);
  const iv = randomBytes(12);
  const unsigned = { alg: ALG, recipient: recipient.fingerprint, ephemeralKey, iv: iv.toString('base64'), length: plain.length };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(canonicalJson(unsigned)));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const envelope: Envelope = { ...unsigned, tag: cipher.getAuthTag().toString('base64') };
  return encodeSealed(envelope, ciphertext);
}

/** Opens a sealed bundle addressed to this installation; any other file is returned as it is. */
export function unsealIfNeeded(file: Buffer, identity: TransferIdentity): { plain: Buffer; sealedFor: string | null } {
  const decoded = decodeFile(file);
  if (decoded.mode === 'plain') return { plain: file, sealedFor: null };
  const { envelope, ciphertext } = decoded;
  if (envelope.recipient !== identity.fingerprint) {
    throw transferError('BUNDLE_WRONG_RECIPIENT', `The bundle is encrypted for another installation (${displayFingerprint(envelope.recipient)}); this one is ${displayFingerprint(identity.fingerprint)}`, { recipient: envelope.recipient });
  }
  let ephemeral: KeyObject;
  try {
    ephemeral = createPublicKey(envelope.ephemeralKey);
  } catch {
    throw transferError('BUNDLE_INVALID', 'The bundle envelope holds no usable key; it was altered');
  }
  const key = sharedKey(identity.agreementKey, ephemeral, envelope.recipient);
  const { tag, ...unsigned } = envelope;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(canonicalJson(unsigned)));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return { plain: Buffer.concat([decipher.update(ciphertext), decipher.final()]), sealedFor: envelope.recipient };
  } catch {
    throw transferError('BUNDLE_TAMPERED', 'The encrypted bundle does not decrypt: it was altered or damaged in transit (the objects inside cannot be named until it decrypts)');
  }
}

function sharedKey(privateKey: KeyObject, publicKey: KeyObject, recipient: string): Buffer {
  if (publicKey.asymmetricKeyType !== 'x25519') throw transferError('BUNDLE_INVALID', 'The recipient key is not an X25519 key');
  const secret = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from(recipient, 'hex'), 'enclave/transfer/bundle/v1', 32));
}
