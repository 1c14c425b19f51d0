import { z } from 'zod';
import { JobStarted, ModelRef } from './schemas.js';

// Compliance artefacts (issue 14): decision records, model cards, bias audits.

export const DecisionRecord = z.object({
  kind: z.literal('enclave.decision-record'),
  version: z.literal(1),
  generatedAt: z.string(),
  generatedBy: z.string(),
  traceId: z.string(),
  askedAt: z.string(),
  user: z.string(),
  collection: z.object({ id: z.string(), name: z.string().nullable() }),
  question: z.string(),
  /** What the requester received (after any review). */
  answer: z.string().nullable(),
  outcome: z.string().nullable(),
  model: z.object({ id: z.string().nullable(), name: z.string().nullable(), sha256: z.string().nullable() }),
  promptVersion: z.string().nullable(),
  passages: z.array(z.object({ n: z.number(), chunkId: z.number(), score: z.number(), source: z.string().nullable(), text: z.string().nullable() })),
  citations: z.array(z.object({ n: z.number(), source: z.string(), chunkId: z.number() })),
  support: z.object({ sentences: z.number(), supported: z.number() }).nullable(),
  unsupported: z.array(z.object({ sentence: z.string(), reason: z.string() })),
  guardVerdicts: z.array(z.object({ stage: z.string(), scanner: z.string(), outcome: z.string(), score: z.number(), reasons: z.array(z.string()) })),
  reviews: z.array(z.object({ id: z.string(), status: z.string(), reasons: z.array(z.string()), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), reason: z.string().nullable() })),
  /** The general trace's spans (retrieval, generation…), when the observability store has this trace. */
  spans: z.array(z.object({ name: z.string(), startMs: z.number(), durationMs: z.number(), status: z.string() })),
  /** Audit entries about this answer (holders of audit.read only; otherwise null). */
  auditEntries: z.array(z.object({ seq: z.number(), time: z.string(), actor: z.string(), action: z.string(), target: z.string(), outcome: z.string() })).nullable(),
  /** Present when the caller may not read every passage: passages, prompt-derived text and the answer are left out. */
  withheld: z.object({ withheld: z.literal(true), reason: z.literal('ACCESS') }).optional(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

export const cardFormats = ['md', 'html', 'json'] as const;

export const ModelCard = z.object({
  model: z.object({
    id: z.string(), name: z.string(), sha256: z.string(), sizeBytes: z.number(), architecture: z.string().nullable(), parameterCount: z.number().nullable(),
    quantization: z.string().nullable(), contextLength: z.number().nullable(), license: z.string().nullable(), metadataName: z.string().nullable(),
    role: z.string(), approval: z.string(), retiredAt: z.string().nullable(), source: z.string(), importedAt: z.string(),
  }),
  ggufMetadata: z.record(z.string(), z.unknown()),
  intendedUse: z.string(),
  limitations: z.array(z.string()),
  risks: z.array(z.string()),
  approvalHistory: z.array(z.object({ action: z.string(), actor: z.string(), reason: z.string().nullable(), at: z.string() })),
  evaluations: z.array(z.object({ runId: z.string(), name: z.string(), status: z.string(), gatePassed: z.boolean().nullable(), summary: z.unknown(), createdAt: z.string() })),
  biasAudits: z.array(z.object({ id: z.string(), createdAt: z.string(), attributes: z.array(z.string()), significantDifferences: z.number(), summary: z.string() })),
  redTeam: z.array(z.object({ runId: z.string(), name: z.string(), summary: z.unknown(), createdAt: z.string() })),
});
export type ModelCard = z.infer<typeof ModelCard>;

export const biasAttributes = ['name', 'gender', 'age', 'ethnicity', 'religion', 'nationality'] as const;
export const BiasAttribute = z.enum(biasAttributes);

export const BiasMetricResult = z.object({
  metric: z.enum(['length', 'refusal', 'sentiment', 'judgeScore']),
  /** Mean per attribute value. */
  means: z.record(z.string(), z.number()),
  /** Largest minus smallest mean. */
  difference: z.number(),
  test: z.string(),
  pValue: z.number(),
  significant: z.boolean(),
});

export const BiasReport = z.object({
  id: z.string(),
  model: z.object({ id: z.string(), name: z.string() }),
  prompt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  alpha: z.number(),
  samplesPerVariant: z.number(),
  attributes: z.array(z.object({
    attribute: BiasAttribute,
    values: z.array(z.string()),
    generations: z.number(),
    metrics: z.array(BiasMetricResult),
  })),
  significantDifferences: z.number(),
  summary: z.string(),
});
export type BiasReport = z.infer<typeof BiasReport>;

export const complianceApi = {
  /** One export of everything behind an answer, for an auditor or the person it concerns. */
  'compliance.decisionRecord': { input: z.object({ traceId: z.string().trim().min(1) }), output: DecisionRecord },
  /** Generates the card from the registry now; a changed card is stored as a new version. */
  'compliance.modelCard': {
    input: z.object({ model: ModelRef, format: z.enum(cardFormats).default('json') }),
    output: z.object({ version: z.number(), digest: z.string(), format: z.enum(cardFormats), content: z.string(), card: ModelCard }),
  },
  'compliance.modelCardVersions': {
    input: z.object({ model: ModelRef }),
    output: z.array(z.object({ version: z.number(), digest: z.string(), createdBy: z.string(), createdAt: z.string() })),
  },
  /** Counterfactual prompts that change one protected attribute; outcome differences with permutation tests. */
  'bias.run': {
    input: z.object({
      model: ModelRef,
      prompt: z.string().trim().min(1).optional(),
      attributes: z.array(BiasAttribute).min(1).max(6).default(['gender', 'age']),
      samples: z.number().int().min(1).max(20).default(3),
      /** How many of the built-in counterfactual templates to use (all four by default). */
      templates: z.number().int().min(1).max(4).default(4),
      maxTokens: z.number().int().min(8).max(512).default(48),
      alpha: z.number().min(0.0001).max(0.5).default(0.05),
      /** A judge model: each output is also graded 1–5 (outputs it cannot grade are left out of that measure). */
      judge: z.string().trim().min(1).optional(),
    }),
    output: JobStarted,
    job: BiasReport,
  },
  'bias.list': {
    input: z.object({ model: ModelRef.optional() }).default({}),
    output: z.array(z.object({ id: z.string(), model: z.string(), prompt: z.string().nullable(), createdAt: z.string(), significantDifferences: z.number(), summary: z.string() })),
  },
  'bias.get': { input: z.object({ id: z.string().min(1) }), output: BiasReport },
} as const;

export type ComplianceMethod = keyof typeof complianceApi;
