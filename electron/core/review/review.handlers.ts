import type { ReviewMethod } from '../contract/review.api.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { ReviewService } from './review.service.js';

const services = new WeakMap<CoreServices['db'], ReviewService>();

/** One review service per core (RAG holds answers in it, the review methods work it). */
export function reviewService(s: Pick<CoreServices, 'db' | 'events' | 'audit'>): ReviewService {
  let service = services.get(s.db);
  if (!service) {
    service = new ReviewService(s.db, s.events, s.audit);
    services.set(s.db, service);
  }
  return service;
}

/** The review queue's methods. */
export function createReviewHandlers(s: CoreServices): HandlersFor<ReviewMethod> {
  const review = reviewService(s);
  return {
    'review.list': ({ status, limit }) => review.list(status, limit),
    'review.show': ({ reviewId }, ctx) => review.show(reviewId, ctx),
    'review.decide': (input, ctx) => review.decide(input, ctx),
    'review.result': ({ reviewId }, ctx) => review.result(reviewId, ctx),
    'review.policies.set': ({ prompt, policy }, ctx) => {
      review.repo.setPromptPolicy(prompt, policy, ctx.user, new Date().toISOString());
      return { prompt, policy };
    },
    'review.policies.list': () => review.repo.promptPolicies(),
  };
}
