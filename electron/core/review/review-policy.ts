import type { GuardVerdictInfo } from '../contract/schemas.js';
import type { ReviewPolicy } from '../contract/review.api.js';

/** Guard outcomes that ask for a person: an explicit "review" verdict, or a scanner set to flag (not block). */
const REVIEW_OUTCOMES = new Set(['review', 'flagged']);

/** The reason an unsupported answer gives (the requester's message names it). */
export const UNSUPPORTED_REASON = 'Too few of its sentences are supported by the passages they cite';

const strictness: Record<ReviewPolicy, number> = { never: 0, unsupported: 1, always: 2 };

/** The stricter of two policies: a high-stakes prompt tightens a collection's policy and never loosens it. */
export function stricterPolicy(a: ReviewPolicy, b: ReviewPolicy | null | undefined): ReviewPolicy {
  return b && strictness[b] > strictness[a] ? b : a;
}

export interface ReviewFacts {
  /** The collection's `answer.review`. */
  collectionPolicy: ReviewPolicy;
  /** The registry prompt's policy, when the answer used one that has a policy. */
  promptPolicy: ReviewPolicy | null;
  /** The collection's `answer.unsupported` ('review' holds unsupported answers, as before this policy existed). */
  unsupportedPolicy: 'warn' | 'abstain' | 'review';
  /** The answer fell short of the collection's `minSupported`. */
  unsupported: boolean;
  abstained: boolean;
  verdicts: readonly GuardVerdictInfo[];
}

/**
 * Why an answer must wait for a reviewer (empty: release it). An abstention is never held (it says nothing the
 * documents did not); otherwise each policy that applies adds its reason, so the reviewer sees all of them.
 */
export function reviewReasons(facts: ReviewFacts): string[] {
  if (facts.abstained) return [];
  const policy = stricterPolicy(facts.collectionPolicy, facts.promptPolicy);
  const reasons: string[] = [];
  if (policy === 'always') reasons.push(facts.promptPolicy === 'always' ? 'The prompt requires a review of every answer' : 'The collection requires a review of every answer');
  if (facts.unsupported && (policy !== 'never' || facts.unsupportedPolicy === 'review')) reasons.push(UNSUPPORTED_REASON);
  for (const v of facts.verdicts) {
    if (v.outcome === 'review' || (REVIEW_OUTCOMES.has(v.outcome) && policy !== 'never')) reasons.push(`Guard ${v.stage}/${v.scanner}: ${v.outcome}${v.reasons.length ? ` (${v.reasons.join('; ')})` : ''}`);
  }
  return reasons;
}
