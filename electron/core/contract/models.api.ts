import { z } from 'zod';
import { JobStarted, Model, ModelRef, ModelRole } from './schemas.js';

/** Why a model is approved or rejected: required to reject, kept in the model's history and the audit trail. */
const Reason = z.string().trim().min(1, 'Give a reason').max(2000);

/** Something that refers to a model: removing it would break this, rejecting or retiring it stops this working. */
export const ModelDependant = z.object({
  kind: z.enum(['collection-embedding', 'collection-answer', 'prompt-version', 'protected-label', 'eval-run']),
  /** A name a person recognises: `collection "handbook"`, `support-bot@1.2.0`, `support-bot@production`. */
  label: z.string(),
  id: z.string(),
});
export type ModelDependant = z.infer<typeof ModelDependant>;

export const ModelEvent = z.object({
  action: z.enum(['imported', 'approved', 'rejected', 'retired', 'reinstated', 'removed', 'restored']),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type ModelEvent = z.infer<typeof ModelEvent>;

/** The model library: import, discovery, the approval workflow and retirement. */
export const modelsApi = {
  'models.list': {
    input: z.object({
      role: ModelRole.optional(),
      /** Removed models are never listed; retired ones are unless this is false. */
      includeRetired: z.boolean().default(true),
    }).default({ includeRetired: true }),
    output: z.array(Model),
  },
  'models.get': {
    input: z.object({ ref: ModelRef }),
    /** The stored model and its GGUF metadata (token tables left out). */
    output: Model.extend({ metadata: z.record(z.string(), z.unknown()) }),
  },
  'models.import': {
    input: z.object({
      path: z.string().trim().min(1, 'Give the path of a .gguf file'),
      name: z.string().trim().min(1).max(200).optional(),
      role: ModelRole.optional(),
      /** Approve in the same step (needs models.approve): an administrator working alone need not come back. */
      approve: z.boolean().optional(),
      reason: Reason.optional(),
    }),
    output: JobStarted,
    job: Model,
  },
  'models.scan': {
    input: z.object({}).default({}),
    output: JobStarted,
    job: z.object({ folder: z.string(), added: z.array(Model), skipped: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })) }),
  },
  'models.update': {
    input: z.object({
      ref: ModelRef,
      name: z.string().trim().min(1).max(200).optional(),
      role: ModelRole.optional(),
    }),
    output: Model,
  },
  'models.approve': {
    input: z.object({ ref: ModelRef, reason: Reason.optional() }),
    output: Model,
  },
  'models.reject': {
    input: z.object({
      ref: ModelRef,
      reason: Reason,
      /** Needed when collections or protected prompt labels depend on the model: they stop working. */
      confirm: z.boolean().default(false),
    }),
    output: Model,
  },
  'models.retire': {
    input: z.object({ ref: ModelRef, reason: Reason.optional(), confirm: z.boolean().default(false) }),
    output: Model,
  },
  'models.reinstate': {
    input: z.object({ ref: ModelRef, reason: Reason.optional() }),
    output: Model,
  },
  'models.usage': {
    input: z.object({ ref: ModelRef }),
    output: z.object({ dependants: z.array(ModelDependant) }),
  },
  'models.history': {
    input: z.object({ ref: ModelRef }),
    output: z.array(ModelEvent),
  },
  'models.remove': {
    input: z.object({ ref: ModelRef }),
    output: z.object({ removed: z.string() }),
  },
} as const;

export type ModelsMethod = keyof typeof modelsApi;
