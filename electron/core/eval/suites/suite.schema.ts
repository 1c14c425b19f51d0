import { z } from 'zod';
import { HumanLabel, Rubric } from '../../contract/eval.api.js';
import { metricNames } from '../metrics/score-file.js';
import { ragMetricNames } from '../rag/rag-metrics.js';

// A gate suite in YAML, close to promptfoo's configuration: `prompts`, `providers` (here: local models), `tests`
// with `vars` and `assert`, `defaultTest`; plus what promptfoo keeps elsewhere: a registry dataset, reference
// metrics, a judge, RAG retrieval and the gate's thresholds. Unknown keys are errors (a typo must not pass a gate).

export const assertionTypes = [
  'equals', 'contains', 'icontains', 'contains-any', 'icontains-any', 'contains-all', 'icontains-all', 'starts-with', 'regex', 'is-json',
  'bleu', 'chrf', 'rouge-n', 'rouge-l', 'meteor', 'f1', 'exact-match', 'similar', 'latency', 'llm-rubric',
  'context-faithfulness', 'context-recall', 'context-relevance', 'answer-relevance',
] as const;

const knownAssertion = (type: string): boolean => (assertionTypes as readonly string[]).includes(type.replace(/^not-/, ''));

export const Assertion = z
  .object({
    type: z.string().superRefine((type, ctx) => {
      if (!knownAssertion(type)) ctx.addIssue({ code: 'custom', message: `Unknown assertion type "${type}"; use one of ${assertionTypes.join(', ')} (prefix not- to negate)` });
    }),
    value: z.unknown().optional(),
    threshold: z.number().optional(),
    weight: z.number().min(0).default(1),
    /** A name to aggregate this assertion's score under in the run summary. */
    metric: z.string().min(1).optional(),
  })
  .strict();
export type Assertion = z.infer<typeof Assertion>;

export const GenerationOptions = z
  .object({
    maxTokens: z.number().int().min(1).max(262_144).optional(),
    temperature: z.number().min(0).max(5).optional(),
    topP: z.number().gt(0).max(1).optional(),
    topK: z.number().int().min(0).max(1000).optional(),
    seed: z.number().int().min(0).optional(),
    stop: z.array(z.string().min(1)).max(16).optional(),
  })
  .strict();
export type GenerationOptions = z.infer<typeof GenerationOptions>;

const promptKey = z.string().regex(/^[\w.@-]{1,100}$/, 'Prompt ids hold letters, digits and . _ - @');
export const PromptEntry = z.union([
  z.string().min(1),
  z.object({ id: promptKey.optional(), ref: z.string().min(1) }).strict(),
  z.object({ id: promptKey.optional(), raw: z.string().min(1) }).strict(),
  z.object({ id: promptKey.optional(), system: z.string().default(''), user: z.string().min(1), outputSchema: z.record(z.string(), z.unknown()).optional() }).strict(),
]);

export const Provider = z.union([
  z.string().min(1),
  z.object({ id: z.string().min(1), label: z.string().min(1).optional(), config: GenerationOptions.optional() }).strict(),
]);

export const SuiteTest = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    description: z.string().optional(),
    vars: z.record(z.string(), z.unknown()).default({}),
    expected: z.string().optional(),
    references: z.array(z.string()).optional(),
    contexts: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    human: HumanLabel.optional(),
    assert: z.array(Assertion).default([]),
  })
  .strict();

const caseMetric = z.string().superRefine((m, ctx) => {
  if (!(metricNames as readonly string[]).includes(m) && !(ragMetricNames as readonly string[]).includes(m)) {
    ctx.addIssue({ code: 'custom', message: `Unknown metric "${m}"; use ${[...metricNames, ...ragMetricNames].join(', ')}` });
  }
});

const bound = z.union([z.number(), z.object({ min: z.number().optional(), max: z.number().optional() }).strict()]);

export const Thresholds = z
  .object({
    /** Share of items whose assertions all pass (0–1). */
    passRate: z.number().min(0).max(1).optional(),
    /** Items that failed to run (model errors, judge errors). */
    maxErrors: z.number().int().min(0).optional(),
    /** Mean per metric: a number is a minimum; {min, max} bounds it. Names: metrics, assertion metrics, judge.<criterion>, judge.overall. */
    metrics: z.record(z.string(), bound).optional(),
    latencyP95Ms: z.number().positive().optional(),
    baseline: z
      .object({
        /** Cases allowed to get worse on a compared metric. */
        maxRegressions: z.number().int().min(0).optional(),
        /** A metric whose drop is significant at this level fails the gate. */
        significance: z.number().gt(0).lt(1).default(0.05),
        /** Largest allowed drop of a metric's mean (in the metric's own units) even when not significant. */
        maxDrop: z.number().min(0).optional(),
        metrics: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Thresholds = z.infer<typeof Thresholds>;

export const SuiteFile = z
  .object({
    description: z.string().optional(),
    prompts: z.array(PromptEntry).min(1).optional(),
    providers: z.array(Provider).min(1).optional(),
    /** Same as providers. */
    models: z.array(Provider).min(1).optional(),
    /** A registry dataset: name or name@version. */
    dataset: z.string().min(1).optional(),
    tests: z.array(SuiteTest).min(1).optional(),
    defaultTest: z.object({ vars: z.record(z.string(), z.unknown()).optional(), assert: z.array(Assertion).optional(), options: GenerationOptions.optional() }).strict().optional(),
    metrics: z.array(caseMetric).optional(),
    judge: z
      .object({
        model: z.string().min(1),
        rubric: z.union([z.literal('default'), Rubric.shape.criteria]).optional(),
        maxTokens: z.number().int().min(16).max(8192).default(512),
        reasoningChars: z.number().int().min(0).max(8000).default(600),
        /** Grade every prompt's output against the first prompt's, in both orders. */
        pairwise: z.boolean().default(false),
      })
      .strict()
      .optional(),
    rag: z
      .object({
        collection: z.string().min(1),
        k: z.number().int().min(1).max(50).optional(),
        questionVar: z.string().default('question'),
        /** A local judge model that verifies each answer claim against the contexts (RAGAS's LLM step). */
        claimJudge: z.object({ model: z.string().min(1), maxTokens: z.number().int().min(16).max(8192).default(512) }).strict().optional(),
      })
      .strict()
      .optional(),
    /** A local embedding model for `similar` and embedding-supported RAG metrics. */
    embeddingModel: z.string().min(1).optional(),
    thresholds: Thresholds.optional(),
    options: z.object({ concurrency: z.number().int().min(1).max(64).optional() }).strict().optional(),
  })
  .strict()
  .superRefine((suite, ctx) => {
    if ((suite.dataset === undefined) === (suite.tests === undefined)) ctx.addIssue({ code: 'custom', path: ['tests'], message: 'Give either `tests` or `dataset` (a registry dataset), not both or neither' });
    if (suite.providers && suite.models) ctx.addIssue({ code: 'custom', path: ['models'], message: 'Give `providers` or `models`, not both' });
    if (!suite.providers && !suite.models && !suite.rag) ctx.addIssue({ code: 'custom', path: ['providers'], message: 'Name at least one model under `providers`' });
    if (!suite.prompts && !suite.rag) ctx.addIssue({ code: 'custom', path: ['prompts'], message: 'Give at least one prompt (or a `rag` section)' });
  });
export type SuiteFile = z.infer<typeof SuiteFile>;
