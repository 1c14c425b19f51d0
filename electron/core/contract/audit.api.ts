import { z } from 'zod';

// The audit trail's methods (issue 4). Merged into `api` by contract/api.ts.

export const auditOutcomes = ['success', 'failure', 'denied', 'blocked'] as const;
export const AuditOutcome = z.enum(auditOutcomes);

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

/** A date (`2025-01-31`) or date-time (`2025-01-31T12:00:00Z`), normalised to an ISO UTC timestamp. */
export const AuditDate = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Give a date like 2025-01-31 or 2025-01-31T12:00:00Z')
  .transform((value) => new Date(value).toISOString());

export const AuditEntry = z.object({
  seq: z.number().int(),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: AuditOutcome,
  inputDigest: Hash.nullable(),
  outputDigest: Hash.nullable(),
  payloadDigest: Hash.nullable(),
  prevHash: Hash,
  hash: Hash,
  /** False when the entry had no payload or retention purged it. */
  hasPayload: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const IntegrityProblem = z.object({
  kind: z.enum(['edited', 'deleted', 'inserted', 'reordered', 'rewritten', 'truncated', 'signature', 'malformed']),
  seq: z.number().int().nullable(),
  /** 1-based line of an exported file; null for the database. */
  line: z.number().int().nullable(),
  reason: z.string(),
});

export const IntegrityReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  checkpoints: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  headHash: Hash.nullable(),
  keyId: z.string().nullable(),
  problems: z.array(IntegrityProblem),
  /** Problems beyond the reported ones. */
  truncatedProblems: z.number().int(),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

export const auditApi = {
  'audit.list': {
    input: z
      .object({
        actor: z.string().min(1).optional(),
        action: z.string().min(1).optional(),
        outcome: AuditOutcome.optional(),
        since: AuditDate.optional(),
        until: AuditDate.optional(),
        /** Pages backwards: pass the previous page's `nextBeforeSeq`. */
        beforeSeq: z.number().int().min(1).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .default({ limit: 100 }),
    output: z.object({ entries: z.array(AuditEntry), nextBeforeSeq: z.number().int().nullable() }),
  },
  'audit.get': {
    input: z.object({ seq: z.number().int().min(1) }),
    /** `payload` is decrypted; null when there was none or retention purged it (`purged`). */
    output: AuditEntry.extend({ payload: z.unknown(), purged: z.boolean() }),
  },
  'audit.verify': {
    input: z
      .object({
        /** PEM of the trail's public key held elsewhere; by default the key in this data directory. */
        publicKey: z.string().min(1).optional(),
        /** Also hash every stored payload against its digest; false walks only the chain (faster). */
        payloads: z.boolean().default(true),
      })
      .default({ payloads: true }),
    output: IntegrityReport,
  },
  'audit.export': {
    input: z.object({
      format: z.enum(['jsonl', 'cef']).default('jsonl'),
      since: AuditDate.optional(),
      /** A plain file name, written to the `exports` folder of the data directory; by default one is made up. */
      fileName: z
        .string()
        .regex(/^[\w][\w.-]{0,127}$/, 'Give a plain file name (letters, digits, . _ -), not a path')
        .optional(),
      /** Also send the written file's text back, so a browser can save it where its user is (up to 64 MiB). */
      withContent: z.boolean().default(false),
    }),
    output: z.object({
      /** The file's text, when `withContent` asked for it. */
      content: z.string().optional(),
      path: z.string(),
      format: z.enum(['jsonl', 'cef']),
      exportId: z.string(),
      entries: z.number().int(),
      checkpoints: z.number().int(),
      firstSeq: z.number().int().nullable(),
      lastSeq: z.number().int().nullable(),
      headHash: Hash.nullable(),
      bytes: z.number().int(),
    }),
  },
  /**
   * Checks an exported JSONL segment sent as text (an upload), as `enclave audit verify --file` does: hashes, links,
   * order, signed checkpoints and end record. Without `publicKey`, against this installation's own key.
   */
  'audit.verifyExport': {
    input: z.object({ content: z.string().min(1, 'Choose an exported audit file (.jsonl)').max(200_000_000), publicKey: z.string().min(1).optional() }),
    output: IntegrityReport,
  },
  /** Drops the payloads of entries older than `days`; digests and the signed chain stay verifiable. Audited. */
  'audit.purge': {
    input: z.object({ days: z.number().int('Retention is a whole number of days').min(0, 'Retention cannot be negative').max(36_500) }),
    output: z.object({ purged: z.number(), before: z.string() }),
  },
  'audit.publicKey': {
    input: z.object({}).default({}),
    output: z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), pem: z.string() }),
  },
} as const;

export type AuditMethod = keyof typeof auditApi;
