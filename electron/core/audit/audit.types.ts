import { auditOutcomes } from '../contract/audit.api.js';

export { auditOutcomes };
/** How an audited action ended. Guardrails record `blocked`, authorization `denied`. */
export type AuditOutcome = (typeof auditOutcomes)[number];

/** What is digested for `input` / `output`: text as UTF-8, bytes as they are, anything else as canonical JSON. */
export type AuditData = string | Uint8Array | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

/** What a caller hands to `AuditService.append`. */
export interface AuditAppend {
  /** Who did it: a user name, `system`, or `token:<id>`. */
  actor: string;
  /** `area.verb`, like the contract's method names: `inference.generate`, `auth.signIn`, `models.remove`. */
  action: string;
  /** What it was done to: `model:<id>`, `user:<name>`, `collection:<id>`; empty when nothing in particular. */
  target?: string;
  outcome?: AuditOutcome;
  /** Only a SHA-256 digest of these is kept. */
  input?: AuditData;
  output?: AuditData;
  /** Any JSON value; stored encrypted (AES-256-GCM) and dropped by retention. */
  payload?: unknown;
  /** Defaults to now; tests and imports may set it. */
  time?: Date;
}

/** The fields the hash chain covers, in the shape they are stored and exported. */
export interface ChainedFields {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  inputDigest: string | null;
  outputDigest: string | null;
  payloadDigest: string | null;
  prevHash: string;
}

export interface AuditEntry extends ChainedFields {
  hash: string;
  /** False when the entry had no payload or retention purged it. */
  hasPayload: boolean;
}

export interface AuditCheckpoint {
  seq: number;
  headHash: string;
  time: string;
  keyId: string;
  signature: string;
}

export type ProblemKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'rewritten' | 'truncated' | 'signature' | 'malformed';

export interface IntegrityProblem {
  kind: ProblemKind;
  /** The entry's sequence number, where one is known. */
  seq: number | null;
  /** 1-based line in an exported file; null for the database. */
  line: number | null;
  reason: string;
}

export interface IntegrityReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headHash: string | null;
  keyId: string | null;
  /** In order of position; capped, see `truncatedProblems`. */
  problems: IntegrityProblem[];
  truncatedProblems: number;
}
