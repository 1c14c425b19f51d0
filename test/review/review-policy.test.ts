import { expect, test } from 'vitest';
import { reviewReasons, stricterPolicy, UNSUPPORTED_REASON, type ReviewFacts } from '../../electron/core/review/review-policy.js';

const pass = { stage: 'output', scanner: 'secrets', outcome: 'pass', score: 0, reasons: [] };
const flagged = { stage: 'input', scanner: 'injection', outcome: 'flagged', score: 0.9, reasons: ['ignore previous instructions'] };
const facts = (over: Partial<ReviewFacts>): ReviewFacts => ({ collectionPolicy: 'never', promptPolicy: null, unsupportedPolicy: 'warn', unsupported: false, abstained: false, verdicts: [pass], ...over });

test('never: nothing is held, unless the older unsupported=review policy asks, or a scanner says "review"', () => {
  expect(reviewReasons(facts({ unsupported: true, verdicts: [flagged] }))).toEqual([]);
  expect(reviewReasons(facts({ unsupported: true, unsupportedPolicy: 'review' }))).toEqual([UNSUPPORTED_REASON]);
  expect(reviewReasons(facts({ verdicts: [{ ...flagged, outcome: 'review' }] }))).toHaveLength(1);
});

test('unsupported: unsupported answers and flagged guard verdicts are held, with every reason', () => {
  expect(reviewReasons(facts({ collectionPolicy: 'unsupported' }))).toEqual([]);
  expect(reviewReasons(facts({ collectionPolicy: 'unsupported', unsupported: true, verdicts: [pass, flagged] }))).toEqual([UNSUPPORTED_REASON, 'Guard input/injection: flagged (ignore previous instructions)']);
});

test('always holds every answer but an abstention; a prompt tightens and never loosens', () => {
  expect(reviewReasons(facts({ collectionPolicy: 'always' }))).toEqual(['The collection requires a review of every answer']);
  expect(reviewReasons(facts({ collectionPolicy: 'always', abstained: true }))).toEqual([]);
  expect(reviewReasons(facts({ promptPolicy: 'always' }))).toEqual(['The prompt requires a review of every answer']);
  expect(stricterPolicy('always', 'never')).toBe('always');
  expect(stricterPolicy('never', 'unsupported')).toBe('unsupported');
});
