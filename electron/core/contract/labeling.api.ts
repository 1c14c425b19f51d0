import { z } from 'zod';

// Labeling by several experts (issue 14): questions per dataset, assignments with overlap, one label per labeler
// (never overwritten by another), progress, agreement statistics and adjudicated gold labels.

export const questionTypes = ['rating', 'label', 'multi-label', 'text', 'ranking', 'corrected'] as const;
export const QuestionType = z.enum(questionTypes);

export const LabelQuestion = z.object({
  name: z.string().trim().regex(/^[A-Za-z][\w-]{0,63}$/, 'A question name starts with a letter and holds letters, digits, _ or -'),
  type: QuestionType,
  /** The set to choose from (label, multi-label) or to order (ranking); a rating is 1–5. */
  options: z.array(z.string().min(1).max(200)).max(100).default([]),
  /** Annotation guidelines shown beside each case. */
  guidelines: z.string().max(20_000).default(''),
});
export type LabelQuestion = z.infer<typeof LabelQuestion>;

/** A label's value: a rating (number), a label or text (string), several labels or a ranking (strings). */
export const LabelValue = z.union([z.number(), z.string().max(100_000), z.array(z.string().max(200)).max(100)]);
export type LabelValue = z.infer<typeof LabelValue>;

const dataset = z.string().trim().min(1, 'Name a dataset');

export const QuestionAgreement = z.object({
  question: z.string(),
  type: QuestionType,
  /** Cases labeled by at least two labelers. */
  units: z.number(),
  labelers: z.array(z.string()),
  /** Mean of Cohen's κ over labeler pairs with shared cases (null when no pair shares one). */
  cohenKappa: z.number().nullable(),
  pairs: z.array(z.object({ a: z.string(), b: z.string(), n: z.number(), kappa: z.number().nullable() })),
  fleissKappa: z.number().nullable(),
  /** Ordinal for ratings and rankings' first place, nominal otherwise. */
  krippendorffAlpha: z.number().nullable(),
  krippendorffAlphaNominal: z.number().nullable(),
  krippendorffAlphaOrdinal: z.number().nullable(),
  disagreements: z.array(z.object({ caseKey: z.string(), labels: z.record(z.string(), LabelValue), gold: LabelValue.nullable() })),
});

export const AgreementReport = z.object({
  dataset: z.string(),
  /** The first question's statistics, for a quick look (`enclave datasets agreement NAME --json`). */
  question: z.string().nullable(),
  cohenKappa: z.number().nullable(),
  fleissKappa: z.number().nullable(),
  krippendorffAlpha: z.number().nullable(),
  questions: z.array(QuestionAgreement),
});
export type AgreementReport = z.infer<typeof AgreementReport>;

export const LabelingCase = z.object({
  key: z.string(),
  vars: z.record(z.string(), z.unknown()),
  expected: z.string().nullable(),
  /** The caller's own labels, by question. */
  mine: z.record(z.string(), LabelValue),
});

export const labelingApi = {
  'labeling.questions.set': {
    input: z.object({ dataset, questions: z.array(LabelQuestion).min(1).max(50) }),
    output: z.array(LabelQuestion),
  },
  'labeling.questions.list': { input: z.object({ dataset }), output: z.array(LabelQuestion) },
  /** Assigns the latest version's cases round-robin so that each case gets `overlap` labelers. */
  'labeling.assign': {
    input: z.object({ dataset, labelers: z.array(z.string().trim().min(1)).min(1).max(100), overlap: z.number().int().min(1).max(100).default(2) }),
    output: z.object({ cases: z.number(), assignments: z.array(z.object({ labeler: z.string(), cases: z.number() })) }),
  },
  /** The caller's cases (assigned ones, or all when the dataset has no assignments), with the questions and guidelines. */
  'labeling.queue': {
    input: z.object({ dataset }),
    output: z.object({ questions: z.array(LabelQuestion), cases: z.array(LabelingCase) }),
  },
  /** The caller's labels for one case; another labeler's labels are never touched. */
  'labeling.submit': {
    input: z.object({ dataset, caseKey: z.string().min(1), labels: z.record(z.string(), LabelValue) }),
    output: z.object({ caseKey: z.string(), saved: z.number() }),
  },
  'labeling.progress': {
    input: z.object({ dataset }),
    output: z.array(z.object({ labeler: z.string(), assigned: z.number(), labeled: z.number() })),
  },
  'labeling.agreement': { input: z.object({ dataset }), output: AgreementReport },
  /** The gold label of a case for a question, decided by an adjudicator with a reason. */
  'labeling.adjudicate': {
    input: z.object({ dataset, caseKey: z.string().min(1), question: z.string().min(1), value: LabelValue, reason: z.string().trim().max(2000).default('') }),
    output: z.object({ caseKey: z.string(), question: z.string(), value: LabelValue }),
  },
  /**
   * Writes the gold labels into the dataset's human labels (a new version), where the judge's agreement with humans
   * reads them: the rating named score → score, a pass/fail label → pass, an A/B/tie label → preference.
   */
  'labeling.publishGold': {
    input: z.object({ dataset, note: z.string().max(500).optional() }),
    output: z.object({ dataset: z.string(), baseVersion: z.number(), version: z.number(), changed: z.number(), reused: z.boolean() }),
  },
  'labeling.gold': {
    input: z.object({ dataset }),
    output: z.array(z.object({ caseKey: z.string(), question: z.string(), value: LabelValue, adjudicatedBy: z.string(), reason: z.string(), at: z.string() })),
  },
} as const;

export type LabelingMethod = keyof typeof labelingApi;
