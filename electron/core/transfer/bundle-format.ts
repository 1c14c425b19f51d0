import { z } from 'zod';
import { transferError } from './transfer-errors.js';

/**
 * The bundle file: our own length-prefixed container rather than a zip or tar. fflate is only a dev dependency and
 * yauzl only reads, so a zip would need a new runtime dependency; and a zip's central directory sits at the END of
 * the file, so a truncated one fails with an opaque "no central directory" instead of naming what is missing. Here
 * the signed header comes first and lists every object with its size and SHA-256 in file order, so a reader knows
 * exactly which object a cut or a flipped byte hit.
 *
 *   "ENCLBNDL" | u8 version (1) | u8 mode (0 plain, 1 sealed) | u32BE length | JSON | body
 *   plain:  JSON = header (manifest, signature, signer);  body = the objects' bytes, back to back, in manifest order
 *   sealed: JSON = envelope (recipient, ephemeral key, iv, tag, length); body = AES-256-GCM of a whole plain bundle
 */
export const MAGIC = Buffer.from('ENCLBNDL', 'latin1');
const FORMAT_VERSION = 1;
const PREFIX = MAGIC.length + 2 + 4;
/** A header or envelope larger than this is not one we wrote (100k objects' entries fit in a few MB). */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

export const objectKinds = ['prompt', 'prompt-version', 'prompt-labels', 'dataset', 'dataset-version', 'eval-run', 'eval-results', 'model'] as const;
export type ObjectKind = (typeof objectKinds)[number];

export const ManifestEntry = z.object({ key: z.string().min(1).max(1000), kind: z.enum(objectKinds), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) });
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({
  type: z.literal('enclave-transfer-bundle'),
  v: z.literal(1),
  bundleId: z.string().min(1).max(100),
  createdAt: z.string(),
  source: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(200) }),
  /** Set when the bundle was sealed for one installation; inside the signature, so it cannot be re-addressed. */
  recipient: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  objects: z.array(ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export const BundleHeader = z.object({
  manifest: Manifest,
  signature: z.string(),
  /** The signer's public keys as it sent them: checked against the trust store by fingerprint, never trusted as sent. */
  signer: z.object({ signingKey: z.string(), agreementKey: z.string() }),
});
export type BundleHeader = z.infer<typeof BundleHeader>;

export const Envelope = z.object({
  alg: z.literal('X25519-HKDF-SHA256-AES-256-GCM'),
  recipient: z.string().regex(/^[0-9a-f]{64}$/),
  ephemeralKey: z.string(),
  iv: z.string(),
  tag: z.string(),
  length: z.number().int().min(0),
});
export type Envelope = z.infer<typeof Envelope>;

export type DecodedFile = { mode: 'plain'; header: BundleHeader; objects: Array<{ entry: ManifestEntry; bytes: Buffer }> } | { mode: 'sealed'; envelope: Envelope; ciphertext: Buffer };

export function encodePlain(header: BundleHeader, objects: readonly Buffer[]): Buffer {
  return Buffer.concat([prefix(0, Buffer.from(JSON.stringify(header), 'utf8')), ...objects]);
}

export function encodeSealed(envelope: Envelope, ciphertext: Buffer): Buffer {
  return Buffer.concat([prefix(1, Buffer.from(JSON.stringify(envelope), 'utf8')), ciphertext]);
}

function prefix(mode: number, json: Buffer): Buffer {
  const head = Buffer.alloc(PREFIX);
  MAGIC.copy(head, 0);
  head.writeUInt8(FORMAT_VERSION, MAGIC.length);
  head.writeUInt8(mode, MAGIC.length + 1);
  head.writeUInt32BE(json.length, MAGIC.length + 2);
  return Buffer.concat([head, json]);
}

/** Splits a file into its parts; a short file names the object it ends in. Hashes are checked by the caller. */
export function decodeFile(file: Buffer): DecodedFile {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw transferError('BUNDLE_INVALID', 'This file is not an Enclave bundle (write one with `enclave bundle export`)');
  }
  if (file.length < PREFIX) throw transferError('BUNDLE_TRUNCATED', 'The bundle is truncated: it ends inside its header; copy it again from the source', { missing: 'header' });
  const version = file.readUInt8(MAGIC.length);
  if (version !== FORMAT_VERSION) throw transferError('BUNDLE_INVALID', `The bundle has format version ${version}; this Enclave reads version ${FORMAT_VERSION}. Update Enclave.`);
  const mode = file.readUInt8(MAGIC.length + 1);
  const jsonLength = file.readUInt32BE(MAGIC.length + 2);
  if (jsonLength > MAX_JSON_BYTES) throw transferError('BUNDLE_INVALID', 'The bundle header is implausibly large; it was not written by Enclave');
  if (file.length < PREFIX + jsonLength) throw transferError('BUNDLE_TRUNCATED', 'The bundle is truncated: it ends inside its header; copy it again from the source', { missing: 'header' });
  const json = parseJson(file.subarray(PREFIX, PREFIX + jsonLength));
  const body = file.subarray(PREFIX + jsonLength);
  if (mode === 1) {
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) throw transferError('BUNDLE_INVALID', 'The bundle envelope is malformed; it was not written by Enclave or was altered');
    if (body.length < envelope.data.length) throw transferError('BUNDLE_TRUNCATED', `The encrypted bundle is truncated: ${envelope.data.length - body.length} of ${envelope.data.length} bytes are missing; copy it again from the source`, { missing: 'ciphertext' });
    if (body.length > envelope.data.length) throw transferError('BUNDLE_INVALID', 'The encrypted bundle has bytes after its end; it was altered');
    return { mode: 'sealed', envelope: envelope.data, ciphertext: body };
  }
  if (mode !== 0) throw transferError('BUNDLE_INVALID', `Unknown bundle mode ${mode}`);
  const header = BundleHeader.safeParse(json);
  if (!header.success) throw transferError('BUNDLE_INVALID', 'The bundle header is malformed; it was not written by Enclave or was altered');
  return { mode: 'plain', header: header.data, objects: splitObjects(header.data.manifest.objects, body) };
}

function splitObjects(entries: readonly ManifestEntry[], body: Buffer): Array<{ entry: ManifestEntry; bytes: Buffer }> {
  const objects: Array<{ entry: ManifestEntry; bytes: Buffer }> = [];
  let offset = 0;
  for (const entry of entries) {
    if (offset + entry.size > body.length) {
      const missing = entries.slice(objects.length).map((e) => e.key);
      throw transferError('BUNDLE_TRUNCATED', `The bundle is truncated: it ends inside ${entry.key}${missing.length > 1 ? ` (and ${missing.length - 1} later objects are missing)` : ''}; copy it again from the source`, { object: entry.key, missing });
    }
    objects.push({ entry, bytes: body.subarray(offset, offset + entry.size) });
    offset += entry.size;
  }
  if (offset !== body.length) throw transferError('BUNDLE_INVALID', `The bundle has ${body.length - offset} bytes after its last object; it was altered`);
  return objects;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw transferError('BUNDLE_INVALID', 'The bundle header is not valid JSON; the file was altered or is not an Enclave bundle');
  }
}
