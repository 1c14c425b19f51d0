import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/contract/errors.js';
import { decodeFile, encodePlain, type BundleHeader, type Manifest } from '../../electron/core/transfer/bundle-format.js';
import { seal, signManifest, unsealIfNeeded, verifyHeader } from '../../electron/core/transfer/bundle-crypto.js';
import { encodeObject } from '../../electron/core/transfer/objects/transfer-object.js';
import { batches } from '../../electron/core/transfer/sync-client.js';
import { deriveTransferIdentity, parseKeyFile, keyFileOf } from '../../electron/core/transfer/transfer-identity.js';

/** A fresh identity, derived the way the core derives it (from a secret through HKDF-like purposes). */
function identity(name: string) {
  const seeds = new Map<string, Buffer>();
  return deriveTransferIdentity((purpose) => seeds.get(purpose) ?? seeds.set(purpose, randomBytes(32)).get(purpose)!, name);
}

function bundle(signer = identity('a'), recipient: string | null = null): { file: Buffer; header: BundleHeader } {
  const objects = [encodeObject({ key: 'prompt:x', kind: 'prompt', data: { name: 'x' } }), encodeObject({ key: 'prompt:x@1.0.0', kind: 'prompt-version', data: { prompt: 'x', user: 'hello' } })];
  const manifest: Manifest = {
    type: 'enclave-transfer-bundle', v: 1, bundleId: 'b1', createdAt: '2026-12-07T00:00:00.000Z', source: { fingerprint: signer.fingerprint, name: signer.name }, recipient,
    objects: objects.map((o) => ({ key: o.key, kind: o.kind, sha256: o.sha256, size: o.bytes.length })),
  };
  const header = { manifest, signature: signManifest(signer, manifest), signer: { signingKey: signer.signingPublicPem, agreementKey: signer.agreementPublicPem } };
  return { file: encodePlain(header, objects.map((o) => o.bytes)), header };
}

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('bundle container and signatures', () => {
  test('round trip: the objects come back in manifest order, the signature verifies', () => {
    const { file } = bundle();
    const decoded = decodeFile(file);
    if (decoded.mode !== 'plain') throw new Error('expected a plain bundle');
    expect(decoded.objects.map((o) => o.entry.key)).toEqual(['prompt:x', 'prompt:x@1.0.0']);
    expect(verifyHeader(decoded.header).fingerprint).toBe(decoded.header.manifest.source.fingerprint);
  });

  test('not a bundle, cut inside the header, cut inside an object, bytes appended', () => {
    const { file } = bundle();
    expect(codeOf(() => decodeFile(Buffer.from('PK\u0003\u0004 a zip file')))).toBe('BUNDLE_INVALID');
    expect(codeOf(() => decodeFile(file.subarray(0, 12)))).toBe('BUNDLE_TRUNCATED');
    expect(codeOf(() => decodeFile(file.subarray(0, 40)))).toBe('BUNDLE_TRUNCATED');
    let details: unknown;
    try {
      decodeFile(file.subarray(0, file.length - 3));
    } catch (error) {
      details = (error as AppError).details;
    }
    expect(details).toMatchObject({ object: 'prompt:x@1.0.0', missing: ['prompt:x@1.0.0'] });
    expect(codeOf(() => decodeFile(Buffer.concat([file, Buffer.from('x')])))).toBe('BUNDLE_INVALID');
  });

  test('a changed manifest or a foreign key fails the signature', () => {
    const { header } = bundle();
    const renamed = { ...header, manifest: { ...header.manifest, bundleId: 'b2' } };
    expect(codeOf(() => verifyHeader(renamed))).toBe('BUNDLE_TAMPERED');
    const mallory = identity('mallory');
    const swapped = { ...header, signer: { signingKey: mallory.signingPublicPem, agreementKey: mallory.agreementPublicPem } };
    expect(codeOf(() => verifyHeader(swapped))).toBe('BUNDLE_TAMPERED');
  });

  test('sealed for one recipient: only it opens it; a flipped or missing byte is refused', () => {
    const b = identity('b');
    const { file } = bundle(identity('a'), b.fingerprint);
    const sealed = seal(file, { fingerprint: b.fingerprint, agreementKeyPem: b.agreementPublicPem });
    expect(unsealIfNeeded(sealed, b).plain.equals(file)).toBe(true);
    expect(codeOf(() => unsealIfNeeded(sealed, identity('c')))).toBe('BUNDLE_WRONG_RECIPIENT');
    const flipped = Buffer.from(sealed);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 5) ^ 1, flipped.length - 5);
    expect(codeOf(() => unsealIfNeeded(flipped, b))).toBe('BUNDLE_TAMPERED');
    expect(codeOf(() => unsealIfNeeded(sealed.subarray(0, sealed.length - 1), b))).toBe('BUNDLE_TRUNCATED');
  });

  test('key files: the fingerprint is recomputed from the key, an edited one is refused', () => {
    const a = identity('a');
    const file = keyFileOf(a);
    expect(parseKeyFile(JSON.stringify(file)).fingerprint).toBe(a.fingerprint);
    expect(codeOf(() => parseKeyFile(JSON.stringify({ ...file, fingerprint: identity('b').fingerprint })))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseKeyFile(JSON.stringify({ ...file, signingKey: identity('b').agreementPublicPem })))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseKeyFile('not json'))).toBe('INVALID_INPUT');
  });
});

describe('sync batches', () => {
  test('dependencies first, cut at the size limit, an oversized object alone', () => {
    const item = (key: string, size: number) => ({ key, sha256: 'x', size });
    const planned = batches([item('run:r1#results/00000', 6), item('run:r1', 2), item('prompt:p@1.0.0', 3), item('dataset:d@1', 4), item('prompt:p', 1), item('dataset:d', 1), item('prompt:p#labels', 1), item('model:abc', 20)], 10);
    expect(planned.map((b) => b.map((i) => i.key))).toEqual([
      ['prompt:p', 'prompt:p@1.0.0', 'prompt:p#labels', 'dataset:d', 'dataset:d@1'],
      ['run:r1', 'run:r1#results/00000'],
      ['model:abc'],
    ]);
  });
});
