import { z } from 'zod';
import { JobStarted } from './schemas.js';

// Signed bundles, the trust store and sync between installations (issue 15). Merged into `api` by contract/api.ts.

const names = z.array(z.string().trim().min(1).max(300)).max(10_000);
/** Bundles travel as base64 in RPC calls (the headless server still caps a request at 16 MB). */
const bundleContent = z.string().min(1).max(1024 * 1024 * 1024);
const TrustName = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'A trusted installation name is 1–64 letters, digits, . _ or -');

export const TransferSelection = z.object({
  /** Everything: every prompt, dataset, finished eval run and model manifest. */
  all: z.boolean().optional(),
  prompts: names.optional(),
  datasets: names.optional(),
  /** Run ids or names; a run brings the dataset version and prompt versions it evaluated. */
  runs: names.optional(),
  /** Model names or SHA-256 values: manifests with approval history; weights are not included. */
  models: names.optional(),
  /** Only these object keys (what sync sends). */
  keys: z.array(z.string().min(1).max(1000)).max(10_000_000).optional(),
});

export const objectStatuses = ['new', 'exists', 'conflict', 'corrupt'] as const;
export const BundleObject = z.object({
  key: z.string(),
  kind: z.string(),
  sha256: z.string(),
  size: z.number(),
  status: z.enum(objectStatuses),
  reason: z.string().nullable(),
});
export const BundlePreview = z.object({
  bundleId: z.string(),
  createdAt: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  encrypted: z.boolean(),
  /** `trustedAs` null: the signer is not in the trust store (import is refused; compare `display` out of band). */
  source: z.object({ fingerprint: z.string(), display: z.string(), name: z.string(), trustedAs: z.string().nullable() }),
  objects: z.array(BundleObject),
  counts: z.object({ new: z.number(), exists: z.number(), conflict: z.number(), corrupt: z.number() }),
});
export type BundlePreview = z.infer<typeof BundlePreview>;

export const TrustEntry = z.object({ name: z.string(), fingerprint: z.string(), display: z.string(), syncUrl: z.string().nullable(), addedBy: z.string(), addedAt: z.string() });
export type TrustEntry = z.infer<typeof TrustEntry>;

const bundleSource = z
  .object({ path: z.string().min(1).optional(), content: bundleContent.optional() })
  .refine((v) => (v.path === undefined) !== (v.content === undefined), { message: 'Give either the path of a bundle file or its content (base64)', path: ['path'] });

export const transferApi = {
  /** A job: 100k eval results take seconds to collect, hash and sign. */
  'transfer.export': {
    input: TransferSelection.extend({
      /** A trusted installation's name: the bundle is encrypted so that only it can read it. */
      recipient: TrustName.optional(),
      /** A server-side file to write (files.serverPaths); without it the bundle comes back as base64 `content`. */
      path: z.string().min(1).optional(),
    }),
    output: JobStarted,
    job: z.object({
      bundleId: z.string(),
      objects: z.number(),
      bytes: z.number(),
      counts: z.record(z.string(), z.number()),
      encryptedFor: z.string().nullable(),
      path: z.string().nullable(),
      content: z.string().nullable(),
    }),
  },
  'transfer.inspect': { input: bundleSource, output: BundlePreview },
  /** A job: verifies every object, then merges in one transaction. */
  'transfer.import': {
    input: z
      .object({ path: z.string().min(1).optional(), content: bundleContent.optional(), dryRun: z.boolean().default(false) })
      .refine((v) => (v.path === undefined) !== (v.content === undefined), { message: 'Give either the path of a bundle file or its content (base64)', path: ['path'] }),
    output: JobStarted,
    job: BundlePreview.extend({ dryRun: z.boolean(), merged: z.number() }),
  },
  /** Every exportable object's key, SHA-256 and size: what sync compares. */
  'transfer.inventory': {
    input: z.object({}).default({}),
    output: z.object({ fingerprint: z.string(), objects: z.array(z.object({ key: z.string(), sha256: z.string(), size: z.number() })) }),
  },
  'transfer.provenance': {
    input: z.object({ prefix: z.string().max(1000).optional(), limit: z.number().int().min(1).max(10_000).default(500) }),
    output: z.array(z.object({ key: z.string(), kind: z.string(), sha256: z.string(), sourceFingerprint: z.string(), sourceName: z.string(), bundleId: z.string(), importedBy: z.string(), importedAt: z.string() })),
  },
  /** This installation's public transfer key (`enclave trust self`): give the key file to the other side. */
  'transfer.trust.self': {
    input: z.object({}).default({}),
    output: z.object({ name: z.string(), fingerprint: z.string(), display: z.string(), keyFile: z.string() }),
  },
  'transfer.trust.list': { input: z.object({}).default({}), output: z.array(TrustEntry) },
  'transfer.trust.add': {
    input: z.object({
      name: TrustName,
      /** The other installation's key file (its `enclave trust self` output), as text. */
      keyFile: z.string().min(1).max(64 * 1024),
      /** Its headless server, when sync should reach it on another host. */
      syncUrl: z.string().url().optional(),
      /** The fingerprint read out over another channel: the key is refused if it differs. */
      expectFingerprint: z.string().max(200).optional(),
    }),
    output: TrustEntry,
  },
  'transfer.trust.remove': { input: z.object({ name: TrustName }), output: z.object({ removed: z.boolean() }) },
  /** A job: inventories are compared and bundles move batch by batch (progress per batch; jobs.cancel stops between batches). */
  'transfer.sync': {
    input: z.object({
      direction: z.enum(['push', 'pull']),
      /** The other Enclave server (`enclave serve`), e.g. http://127.0.0.1:8787. */
      remote: z.string().url(),
      /** An API token of an account on the other server (never stored or audited). */
      token: z.string().min(1).max(4096),
    }),
    output: JobStarted,
    job: z.object({
      direction: z.enum(['push', 'pull']),
      remote: z.string(),
      remoteFingerprint: z.string(),
      missing: z.number(),
      bundles: z.number(),
      merged: z.number(),
      conflicts: z.array(z.object({ key: z.string(), reason: z.string().nullable() })),
    }),
  },
} as const;
