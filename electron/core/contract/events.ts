import type { PermissionName } from './auth.api.js';
import type { AppErrorShape } from './errors.js';
import type { GenerationResult } from './schemas.js';

/** Events that flow from the core to every shell, named `area.pastTense`. */
export interface EventPayloads {
  'jobs.started': { jobId: string; kind: string };
  'jobs.progressed': { jobId: string; progress: number; message?: string };
  'jobs.succeeded': { jobId: string; result: unknown };
  'jobs.failed': { jobId: string; error: AppErrorShape };
  'jobs.cancelled': { jobId: string };
  /** Text generated since the previous event of this job (tokens are batched so IPC never dominates). */
  'inference.tokensGenerated': { jobId: string; text: string; completionTokens: number };
  'inference.completed': { jobId: string; result: GenerationResult };
  'models.changed': { modelId: string | null };
  /** One file of an ingestion: where it stands, and why it was skipped. */
  'rag.fileProgressed': {
    jobId: string;
    path: string;
    state: 'extracting' | 'embedding' | 'indexed' | 'unchanged' | 'skipped' | 'removed';
    done: number;
    total: number;
    chunks?: number;
    error?: { code: string; message: string };
  };
  'rag.collectionsChanged': { collectionId: string | null };
  /** An output was held for review, and a reviewer decided it (ids only: the text is read with review.* methods). */
  'review.queued': { reviewId: string; traceId: string };
  'review.decided': { reviewId: string; traceId: string; status: 'approved' | 'edited' | 'rejected' };
  /** An anomaly on the audit trail (bursts of blocked prompts, bulk exports, sign-in failures). */
  'audit.alerted': { rule: string; description: string; key: string; count: number; windowMs: number; firstSeq: number; lastSeq: number };
}

export type Topic = keyof EventPayloads;

/**
 * Who may receive an event, set by the core: a job's events go to the user who started it only (they carry prompts,
 * answers and file paths); alerts go to holders of a permission. Absent: every signed-in caller (ids only).
 * Shells deliver an event only where `visibleTo` (core/events/event-audience.ts) allows, and strip this field.
 */
export interface EventAudience {
  user?: string;
  permission?: PermissionName;
}

/** A discriminated union, so `event.topic === 'x'` narrows `event.data`. */
export type CoreEvent<T extends Topic = Topic> = { [K in T]: { topic: K; data: EventPayloads[K]; audience?: EventAudience } }[T];
