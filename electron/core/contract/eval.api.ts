import { z } from 'zod';
import { JobStarted } from './schemas.js';

// Datasets, eval runs, judges, comparisons and gates (issue 5). Merged into `api` by contract/api.ts.

export const HumanLabel = z.object({
  /** A 1–5 grade, compared with the judge's overall score. */
  score: z.number().int().min(1).max(5).optional(),
  /** Did the output pass, compared with the case's assertions. */
  pass: z.boolean().optional(),
  /** Pairwise preference between the first prompt (A) and another (B). */
  preference: z.enum(['A', 'B', 'tie']).optional(),
});
export type HumanLabel = z.infer<typeof HumanLabel>;

export const EvalCase = z.object({
  key: z.string(),
  ordinal: z.number(),
  vars: z.record(z.string(), z.unknown()),
  expected: z.string().nullable(),
  references: z.array(z.string()),
  contexts: z.array(z.string()),
  tags: z.array(z.string()),
  human: HumanLabel.nullable(),
  assert: z.array(z.record(z.string(), z.unknown())),
});
export type EvalCase = z.infer<typeof EvalCase>;

export const RowError = z.object({ row: z.number(), message: z.string() });
export const datasetFormats = ['jsonl', 'csv'] as const;
const datasetRef = z.string().trim().min(1, 'Name a dataset as name or name@version');

export const DatasetSummary = z.object({ id: z.string(), name: z.string(), description: z.string(), latestVersion: z.number(), cases: z.number(), versions: z.number(), createdAt: z.string() });

export const AssertionResult = z.object({ type: z.string(), passed: z.boolean(), score: z.number().nullable(), threshold: z.number().nullable(), reason: z.string() });

export const JudgeVerdict = z.object({
  scores: z.record(z.string(), z.number()),
  overall: z.number(),
  reasoning: z.string(),
  model: z.string(),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdict>;

export const PairwiseVerdict = z.object({
  /** The combined verdict of both orders; 'tie' when the two orders disagree (position bias). */
  winner: z.enum(['A', 'B', 'tie']),
  consistent: z.boolean(),
  orders: z.array(z.object({ order: z.enum(['AB', 'BA']), winner: z.enum(['A', 'B', 'tie']), reasoning: z.string() })),
  model: z.string(),
});
export type PairwiseVerdict = z.infer<typeof PairwiseVerdict>;

export const Rubric = z.object({
  criteria: z
    .array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/i), description: z.string().min(1), levels: z.array(z.string().min(1)).length(5).optional() }))
    .min(1)
    .max(12),
});
export type Rubric = z.infer<typeof Rubric>;

export const Agreement = z.object({ n: z.number(), accuracy: z.number().nullable(), kappa: z.number().nullable() });

export const GateCheck = z.object({ name: z.string(), passed: z.boolean(), actual: z.number().nullable(), expected: z.string(), message: z.string() });
export const GateReport = z.object({ passed: z.boolean(), checks: z.array(GateCheck) });
export type GateReport = z.infer<typeof GateReport>;

export const MetricAggregate = z.object({ mean: z.number().nullable(), n: z.number() });
export const GroupSummary = z.object({
  prompt: z.string(),
  model: z.string(),
  items: z.number(),
  errors: z.number(),
  passRate: z.number().nullable(),
  metrics: z.record(z.string(), MetricAggregate),
  latencyMs: z.object({ mean: z.number().nullable(), p50: z.number().nullable(), p95: z.number().nullable() }),
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
});
export const RunSummaryStats = GroupSummary.omit({ prompt: true, model: true }).extend({
  groups: z.array(GroupSummary),
  agreement: z.object({ score: Agreement.nullable(), pass: Agreement.nullable(), preference: Agreement.nullable() }),
  /** RAG runs: share of answers with at least one claim the retrieved context does not support. */
  hallucinationRate: z.number().nullable(),
});
export type RunSummaryStats = z.infer<typeof RunSummaryStats>;

export const EvalRun = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  /** True for a 'running' run whose process is gone (crash): `eval.runs.resume` continues it. */
  interrupted: z.boolean(),
  /** The job executing the run in this core now (cancel it with jobs.cancel); null when none is. */
  jobId: z.string().nullable(),
  dataset: z.object({ name: z.string(), version: z.number() }),
  prompts: z.array(z.object({ key: z.string(), ref: z.string().nullable(), version: z.string().nullable() })),
  models: z.array(z.string()),
  baselineRunId: z.string().nullable(),
  totalItems: z.number(),
  doneItems: z.number(),
  summary: RunSummaryStats.nullable(),
  gate: GateReport.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type EvalRun = z.infer<typeof EvalRun>;

export const EvalResult = z.object({
  id: z.number(),
  caseKey: z.string(),
  ordinal: z.number(),
  prompt: z.string(),
  promptVersion: z.string().nullable(),
  model: z.string(),
  status: z.enum(['ok', 'error']),
  vars: z.record(z.string(), z.unknown()),
  rendered: z.unknown(),
  output: z.string(),
  expected: z.string().nullable(),
  contexts: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  assertions: z.array(AssertionResult),
  passed: z.boolean(),
  judge: z.object({ single: JudgeVerdict.nullable(), pairwise: PairwiseVerdict.extend({ against: z.string() }).nullable(), error: z.object({ code: z.string(), message: z.string() }).nullable() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  latencyMs: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  /** Set when the item was built from passages the caller may not read: its text is left out. */
  withheld: z.object({ withheld: z.literal(true), reason: z.literal('ACCESS') }).optional(),
});
export type EvalResult = z.infer<typeof EvalResult>;

export const MetricComparison = z.object({
  metric: z.string(),
  n: z.number(),
  base: z.number(),
  head: z.number(),
  delta: z.number(),
  ci: z.tuple([z.number(), z.number()]),
  pValue: z.number(),
  significant: z.boolean(),
});
export const CaseChange = z.object({ caseKey: z.string(), prompt: z.string(), model: z.string(), metric: z.string(), base: z.number(), head: z.number() });
export const RunComparison = z.object({
  base: z.string(),
  head: z.string(),
  paired: z.number(),
  unpaired: z.number(),
  metrics: z.array(MetricComparison),
  regressions: z.array(CaseChange),
  improvements: z.array(CaseChange),
});
export type RunComparison = z.infer<typeof RunComparison>;

const suiteSource = {
  /** The suite's YAML text, or … */
  suite: z.string().min(1).optional(),
  /** … the path of a suite file (errors then name the file). */
  path: z.string().min(1).optional(),
};
const oneSource = (v: { suite?: string | undefined; path?: string | undefined }): boolean => (v.suite === undefined) !== (v.path === undefined);

export const evalApi = {
  'eval.datasets.import': {
    input: z
      .object({ name: z.string().trim().min(1).max(200).regex(/^[^@]+$/, 'Dataset names cannot contain @'), path: z.string().min(1).optional(), content: z.string().max(16 * 1024 * 1024).optional(), format: z.enum(datasetFormats).optional(), description: z.string().max(2000).optional(), note: z.string().max(2000).optional() })
      .refine((v) => (v.path === undefined) !== (v.content === undefined), { message: 'Give either the path of a .jsonl/.csv file or its content', path: ['path'] }),
    /** Broken rows are reported by row number; the rest are imported. */
    output: z.object({ dataset: z.string(), version: z.number(), imported: z.number(), reused: z.boolean(), errors: z.array(RowError) }),
  },
  'eval.datasets.export': {
    /** Without `path` the content comes back (the CLI writes the file itself); a server-side path is a capability (files.serverPaths). */
    input: z.object({ dataset: datasetRef, format: z.enum(datasetFormats).default('jsonl'), path: z.string().min(1).optional(), overwrite: z.boolean().default(false) }),
    output: z.object({ dataset: z.string(), version: z.number(), format: z.enum(datasetFormats), cases: z.number(), path: z.string().nullable(), content: z.string().nullable() }),
  },
  'eval.datasets.list': { input: z.object({}).default({}), output: z.array(DatasetSummary) },
  'eval.datasets.show': {
    input: z.object({ dataset: datasetRef, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.object({
      dataset: DatasetSummary,
      version: z.number(),
      versions: z.array(z.object({ version: z.number(), cases: z.number(), source: z.string(), note: z.string(), createdBy: z.string(), createdAt: z.string() })),
      total: z.number(),
      cases: z.array(EvalCase),
    }),
  },
  /**
   * Sets (or, with `human: null`, clears) the human labels of some cases. Writes a NEW version: the base version's
   * cases with these labels replaced, the others unchanged, the caller as author. The base must be the latest
   * version (pass the version you showed); an unknown case key refuses the whole call.
   */
  'eval.datasets.label': {
    input: z.object({
      dataset: datasetRef,
      labels: z
        .array(z.object({ caseKey: z.string().min(1), human: HumanLabel.nullable() }))
        .min(1)
        .max(1000)
        .superRefine((labels, issues) => {
          const seen = new Set<string>();
          labels.forEach((l, i) => {
            if (seen.has(l.caseKey)) issues.addIssue({ code: 'custom', path: [i, 'caseKey'], message: `case "${l.caseKey}" is labeled twice` });
            seen.add(l.caseKey);
          });
        }),
      note: z.string().max(2000).optional(),
    }),
    /** `reused`: no label changed, so no version was written and `version` is the base. */
    output: z.object({ dataset: z.string(), version: z.number(), baseVersion: z.number(), changed: z.number(), reused: z.boolean() }),
  },
  /** Parses and resolves a suite without running it: problems come back with their line numbers. */
  'eval.suites.validate': {
    input: z.object(suiteSource).refine(oneSource, { message: 'Give either the suite text or its path', path: ['suite'] }),
    output: z.object({ name: z.string(), prompts: z.array(z.string()), models: z.array(z.string()), cases: z.number(), items: z.number(), assertions: z.array(z.string()), gate: z.boolean() }),
  },
  'eval.runs.start': {
    input: z
      .object({ ...suiteSource, baseline: z.string().min(1).optional(), name: z.string().trim().min(1).max(200).optional(), concurrency: z.number().int().min(1).max(64).optional() })
      .refine(oneSource, { message: 'Give either the suite text or its path', path: ['suite'] }),
    output: JobStarted,
    job: EvalRun,
  },
  /** Continues a cancelled, failed or interrupted (crashed) run; finished cases are not run again. */
  'eval.runs.resume': { input: z.object({ runId: z.string().min(1), concurrency: z.number().int().min(1).max(64).optional() }), output: JobStarted, job: EvalRun },
  'eval.runs.list': { input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 }), output: z.array(EvalRun) },
  'eval.runs.get': { input: z.object({ runId: z.string().min(1) }), output: EvalRun },
  'eval.runs.results': {
    input: z.object({
      runId: z.string().min(1),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      failedOnly: z.boolean().default(false),
      /** Only this case's results (one per prompt × model). */
      caseKey: z.string().min(1).optional(),
    }),
    output: z.object({ total: z.number(), items: z.array(EvalResult) }),
  },
  /** Per-metric paired bootstrap on the difference, and the cases that got worse or better. */
  'eval.runs.compare': {
    input: z.object({ base: z.string().min(1), head: z.string().min(1), metrics: z.array(z.string()).optional(), significance: z.number().gt(0).lt(1).default(0.05) }),
    output: RunComparison,
  },
  'eval.judge.grade': {
    input: z.object({ model: z.string().min(1), input: z.string().min(1), output: z.string(), reference: z.string().optional(), rubric: Rubric.optional(), maxTokens: z.number().int().min(16).max(8192).default(512), reasoningChars: z.number().int().min(0).max(8000).default(600) }),
    output: JobStarted,
    job: JudgeVerdict,
  },
  /** Grades two outputs in both orders to cancel position bias. */
  'eval.judge.pairwise': {
    input: z.object({ model: z.string().min(1), input: z.string().min(1), outputA: z.string(), outputB: z.string(), rubric: Rubric.optional(), maxTokens: z.number().int().min(16).max(8192).default(512), reasoningChars: z.number().int().min(0).max(8000).default(600) }),
    output: JobStarted,
    job: PairwiseVerdict,
  },
} as const;

export type EvalMethod = keyof typeof evalApi;
