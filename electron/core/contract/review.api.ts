import { z } from 'zod';
import { GuardVerdictInfo } from './schemas.js';
import { Citation, Withheld } from './rag.api.js';

// Humans in the loop (issue 14): outputs a policy holds until a reviewer approves, edits or rejects them.

export const reviewPolicies = ['always', 'unsupported', 'never'] as const;
export const ReviewPolicy = z.enum(reviewPolicies);
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

export const reviewStatuses = ['pending', 'approved', 'edited', 'rejected'] as const;
export const ReviewStatus = z.enum(reviewStatuses);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ReviewItem = z.object({
  id: z.string(),
  kind: z.literal('rag.answer'),
  traceId: z.string(),
  collectionId: z.string().nullable(),
  collection: z.string().nullable(),
  requester: z.string(),
  /** Why the output was held: each policy that asked for a person. */
  reasons: z.array(z.string()),
  status: ReviewStatus,
  createdAt: z.string(),
  /** Seconds since the output was held (until it was decided, for decided items). */
  ageSeconds: z.number(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewPassage = z.object({ n: z.number(), chunkId: z.number(), score: z.number(), source: z.string().nullable(), text: z.string().nullable() });

export const ReviewDetail = ReviewItem.extend({
  question: z.string(),
  /** What the model generated and the requester has not seen; empty when withheld from this reviewer. */
  heldOutput: z.string(),
  releasedText: z.string().nullable(),
  passages: z.array(ReviewPassage),
  citations: z.array(Citation),
  /** The passage numbers the held answer cites (its citations are not released with it). */
  cited: z.array(z.number()),
  unsupported: z.array(z.object({ sentence: z.string(), reason: z.string() })),
  support: z.object({ sentences: z.number(), supported: z.number() }).nullable(),
  verdicts: z.array(GuardVerdictInfo),
  /** Present when the reviewer may not read every passage the answer was built from: no content is shown. */
  withheld: Withheld.optional(),
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;

export const ReviewResult = z.object({
  reviewId: z.string(),
  traceId: z.string(),
  status: ReviewStatus,
  /** The released text (as generated, or as the reviewer edited it); null while pending or when rejected. */
  text: z.string().nullable(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ReviewResult = z.infer<typeof ReviewResult>;

const reviewId = z.string().trim().min(1, 'Name a review item');

export const reviewApi = {
  'review.list': {
    input: z.object({ status: z.enum(['pending', 'decided', 'all']).default('pending'), limit: z.number().int().min(1).max(1000).default(200) }).default({ status: 'pending', limit: 200 }),
    output: z.array(ReviewItem),
  },
  'review.show': { input: z.object({ reviewId }), output: ReviewDetail },
  /** Approve as generated, edit (the released text is the reviewer's; a reason is required) or reject (reason required). */
  'review.decide': {
    input: z.object({
      reviewId,
      decision: z.enum(['approve', 'edit', 'reject']),
      text: z.string().trim().min(1).max(100_000).optional(),
      reason: z.string().trim().min(1).max(2000).optional(),
    }),
    output: ReviewItem,
  },
  /** What the requester receives: the released text once decided. */
  'review.result': { input: z.object({ reviewId }), output: ReviewResult },
  /** A registry prompt's review policy (applies to RAG answers framed by that prompt, any version). */
  'review.policies.set': { input: z.object({ prompt: z.string().trim().min(1).max(200), policy: ReviewPolicy }), output: z.object({ prompt: z.string(), policy: ReviewPolicy }) },
  'review.policies.list': { input: z.object({}).default({}), output: z.array(z.object({ prompt: z.string(), policy: ReviewPolicy, updatedBy: z.string(), updatedAt: z.string() })) },
} as const;

export type ReviewMethod = keyof typeof reviewApi;
