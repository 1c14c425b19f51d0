import { z } from 'zod';
import { GuardVerdictInfo, JobStarted } from './schemas.js';

// The prompt registry and A/B tests (issue 5). Merged into `api` by contract/api.ts.

export const variableTypes = ['string', 'number', 'boolean', 'json', 'list'] as const;
export const PromptVariable = z.object({
  name: z.string().regex(/^[A-Za-z_][\w.]{0,63}$/, 'Variable names start with a letter or _ and hold letters, digits, _ or .'),
  type: z.enum(variableTypes).default('string'),
  required: z.boolean().default(true),
  default: z.unknown().optional(),
  description: z.string().max(500).optional(),
});
export type PromptVariable = z.infer<typeof PromptVariable>;

/** Model parameters stored with a version; a suite or a caller may override them. */
export const PromptParams = z.object({
  model: z.string().min(1).optional(),
  maxTokens: z.number().int().min(1).max(262_144).optional(),
  temperature: z.number().min(0).max(5).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().min(0).max(1000).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  stop: z.array(z.string().min(1)).max(16).optional(),
});
export type PromptParams = z.infer<typeof PromptParams>;

export const promptKinds = ['chat', 'completion'] as const;
export const SemVer = z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/, 'Versions look like 1.2.0');
export const bumpKinds = ['major', 'minor', 'patch'] as const;
export const BumpKind = z.enum(bumpKinds);
export type BumpKind = z.infer<typeof BumpKind>;

const promptName = z.string().trim().min(1).max(200).regex(/^[^@\s][^@]*$/, 'Prompt names cannot contain @ (it separates a name from a label or version)');
/** A label never looks like a version, so `name@x` is unambiguous. */
export const LabelName = z.string().trim().regex(/^[A-Za-z][\w-]{0,63}$/, 'Labels start with a letter and hold letters, digits, _ or - (e.g. production, staging)');
/** `name`, `name@label` or `name@1.2.0`. */
export const PromptRef = z.string().trim().min(1, 'Name a prompt as name, name@label or name@1.2.0');

/** A partial guard configuration (input / context / output stages); the core validates it against its schema. */
export const GuardOverride = z.record(z.string(), z.unknown());

export const PromptContent = z.object({
  /** chat: system + user messages; completion: the user template is continued as plain text. */
  kind: z.enum(promptKinds).default('chat'),
  system: z.string().max(100_000).default(''),
  user: z.string().min(1, 'The user template is empty').max(100_000),
  /** Omitted: every {{placeholder}} becomes a required string variable. */
  variables: z.array(PromptVariable).max(100).optional(),
  params: PromptParams.default({}),
  outputSchema: z.record(z.string(), z.unknown()).nullable().default(null),
  /**
   * Guardrail overrides for this prompt (same shape as a collection's `guard`), merged over the defaults and over the
   * collection's when the prompt answers a RAG question. Validated when the version is created.
   */
  guard: GuardOverride.nullable().default(null),
});
export type PromptContent = z.infer<typeof PromptContent>;

export const PromptVersion = z.object({
  id: z.number(),
  promptId: z.string(),
  name: z.string(),
  version: z.string(),
  kind: z.enum(promptKinds),
  system: z.string(),
  user: z.string(),
  variables: z.array(PromptVariable),
  params: PromptParams,
  outputSchema: z.record(z.string(), z.unknown()).nullable(),
  guard: GuardOverride.nullable(),
  message: z.string(),
  author: z.string(),
  createdAt: z.string(),
  labels: z.array(z.string()),
});
export type PromptVersion = z.infer<typeof PromptVersion>;

export const LabelInfo = z.object({ label: z.string(), version: z.string(), protected: z.boolean(), updatedBy: z.string(), updatedAt: z.string() });
export type LabelInfo = z.infer<typeof LabelInfo>;

export const BumpSuggestion = z.object({
  bump: BumpKind.nullable(),
  /** One line per change that decided it, e.g. "variable added: audience". */
  reasons: z.array(z.object({ bump: BumpKind, reason: z.string() })),
});
export type BumpSuggestion = z.infer<typeof BumpSuggestion>;

export const DiffRow = z.object({
  kind: z.enum(['same', 'changed', 'added', 'removed']),
  left: z.object({ line: z.number(), text: z.string() }).nullable(),
  right: z.object({ line: z.number(), text: z.string() }).nullable(),
});
export type DiffRow = z.infer<typeof DiffRow>;

const PromptSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  latest: z.string(),
  versions: z.number(),
  labels: z.array(LabelInfo),
  createdAt: z.string(),
});

/** A new version's changes: what is left out is taken from the latest version. */
const ContentPatch = z.object({
  kind: z.enum(promptKinds).optional(),
  system: z.string().max(100_000).optional(),
  user: z.string().min(1, 'The user template is empty').max(100_000).optional(),
  variables: z.array(PromptVariable).max(100).optional(),
  params: PromptParams.optional(),
  outputSchema: z.record(z.string(), z.unknown()).nullable().optional(),
  guard: GuardOverride.nullable().optional(),
});

export const abArms = ['control', 'candidate'] as const;
export const AbArm = z.enum(abArms);
export const AbArmStats = z.object({ arm: AbArm, label: z.string(), version: z.string(), subjects: z.number(), n: z.number(), mean: z.number().nullable(), sd: z.number().nullable() });
export const AbTest = z.object({
  id: z.string(),
  prompt: z.string(),
  name: z.string(),
  controlLabel: z.string(),
  candidateLabel: z.string(),
  candidatePercent: z.number(),
  monitor: z.object({ metric: z.string(), threshold: z.number().nullable(), minSamples: z.number() }),
  status: z.enum(['running', 'promoted', 'rolled_back', 'stopped']),
  decision: z.record(z.string(), z.unknown()).nullable(),
  arms: z.array(AbArmStats),
  /** Welch's t-test on the monitored metric, candidate − control; null until both arms have two outcomes. */
  significance: z.object({ metric: z.string(), difference: z.number(), t: z.number(), df: z.number(), pValue: z.number(), significant: z.boolean() }).nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type AbTest = z.infer<typeof AbTest>;

export const PromptRunResult = z.object({
  text: z.string(),
  name: z.string(),
  version: z.string(),
  ab: z.object({ testId: z.string(), arm: AbArm }).nullable(),
  /** True when the input guardrails refused the variables: nothing was generated and `text` says why. */
  blocked: z.boolean(),
  guard: z.array(GuardVerdictInfo),
  model: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  latencyMs: z.number(),
  stopReason: z.string(),
});
export type PromptRunResult = z.infer<typeof PromptRunResult>;

export const promptsApi = {
  'prompts.create': {
    input: PromptContent.extend({
      name: promptName,
      description: z.string().max(2000).default(''),
      version: SemVer.default('1.0.0'),
      message: z.string().trim().min(1).max(2000).default('Initial version'),
    }),
    output: PromptVersion,
  },
  /** A new immutable version; fields left out are taken from the latest version. */
  'prompts.version': {
    input: ContentPatch.extend({
      prompt: promptName,
      message: z.string().trim().min(1, 'Say what changed in a commit message').max(2000),
      /** 'auto' takes the suggested bump; an explicit `version` wins over both. */
      bump: z.enum(['major', 'minor', 'patch', 'auto']).default('auto'),
      version: SemVer.optional(),
    }),
    output: z.object({ version: PromptVersion, previous: z.string(), suggestion: BumpSuggestion }),
  },
  'prompts.suggestBump': {
    input: ContentPatch.extend({ prompt: promptName }),
    output: z.object({ current: z.string(), next: z.string(), suggestion: BumpSuggestion }),
  },
  'prompts.list': { input: z.object({}).default({}), output: z.array(PromptSummary) },
  'prompts.show': {
    input: z.object({ ref: PromptRef }),
    output: z.object({
      prompt: PromptSummary,
      version: PromptVersion,
      versions: z.array(z.object({ version: z.string(), message: z.string(), author: z.string(), createdAt: z.string(), labels: z.array(z.string()) })),
    }),
  },
  'prompts.diff': {
    input: z.object({ prompt: promptName, from: z.string().trim().min(1), to: z.string().trim().min(1) }),
    output: z.object({
      from: z.string(),
      to: z.string(),
      sections: z.array(z.object({ field: z.string(), changed: z.boolean(), rows: z.array(DiffRow) })),
      suggestion: BumpSuggestion,
    }),
  },
  /** Points a label at a version. Protected labels need the role (`canMoveProtectedLabel`) and a passing gate run. */
  'prompts.label': {
    input: z.object({ prompt: promptName, label: LabelName, version: z.string().trim().min(1), protected: z.boolean().optional() }),
    output: LabelInfo.extend({ previous: z.string().nullable(), gateRunId: z.string().nullable() }),
  },
  /** Moves a label back to where it pointed before its last move (or to `to`). */
  'prompts.rollback': {
    input: z.object({ prompt: promptName, label: LabelName, to: z.string().trim().min(1).optional() }),
    output: LabelInfo.extend({ previous: z.string().nullable(), gateRunId: z.string().nullable() }),
  },
  'prompts.history': {
    input: z.object({ prompt: promptName, label: LabelName.optional() }),
    output: z.array(z.object({ label: z.string(), from: z.string().nullable(), to: z.string(), action: z.string(), movedBy: z.string(), gateRunId: z.string().nullable(), createdAt: z.string() })),
  },
  /** What `name@label` / `name@1.2.0` / `name` means now; with `subject`, a running A/B test assigns the arm. */
  'prompts.resolve': {
    input: z.object({ ref: PromptRef, subject: z.string().min(1).max(500).optional() }),
    output: z.object({ version: PromptVersion, via: z.enum(['label', 'version', 'latest', 'ab']), ab: z.object({ testId: z.string(), arm: AbArm }).nullable() }),
  },
  'prompts.render': {
    input: z.object({ ref: PromptRef, variables: z.record(z.string(), z.unknown()).default({}), subject: z.string().min(1).max(500).optional() }),
    output: z.object({
      version: z.string(),
      name: z.string(),
      kind: z.enum(promptKinds),
      messages: z.array(z.object({ role: z.enum(['system', 'user']), content: z.string() })).nullable(),
      prompt: z.string().nullable(),
      params: PromptParams,
      outputSchema: z.record(z.string(), z.unknown()).nullable(),
      ab: z.object({ testId: z.string(), arm: AbArm }).nullable(),
    }),
  },

  /**
   * Runs a registry prompt: resolves the ref (an A/B test splits `subject`s, by default the caller), scans the
   * variables with the prompt's input guardrails, renders, generates and scans the output. The answer streams as
   * `inference.tokensGenerated` a sentence at a time, each release scanned first; with an A/B arm the latency is
   * recorded as an outcome.
   */
  'prompts.run': {
    input: z.object({
      ref: PromptRef,
      variables: z.record(z.string(), z.unknown()).default({}),
      /** Overrides the version's `params.model`. */
      model: z.string().min(1).optional(),
      subject: z.string().min(1).max(500).optional(),
      maxTokens: z.number().int().min(1).max(262_144).optional(),
      temperature: z.number().min(0).max(5).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    }),
    output: JobStarted,
    job: PromptRunResult,
  },

  'prompts.ab.create': {
    input: z.object({
      prompt: promptName,
      name: z.string().trim().min(1).max(200).optional(),
      controlLabel: LabelName.default('production'),
      candidateLabel: LabelName.default('staging'),
      candidatePercent: z.number().min(0).max(100).default(50),
      monitor: z
        .object({
          /** Outcome metric watched: 'feedback', 'judge', 'latencyMs' or any name outcomes are recorded under. */
          metric: z.string().trim().min(1).default('feedback'),
          /**
           * The candidate is rolled back automatically when its mean (after minSamples outcomes) falls below this, or
           * rises above it for metrics where lower is better (latencyMs, hallucination, ter).
           */
          threshold: z.number().nullable().default(null),
          minSamples: z.number().int().min(1).max(1_000_000).default(30),
        })
        .prefault({}),
    }),
    output: AbTest,
  },
  'prompts.ab.list': { input: z.object({ prompt: promptName.optional() }).default({}), output: z.array(AbTest) },
  'prompts.ab.get': { input: z.object({ testId: z.string().min(1) }), output: AbTest },
  'prompts.ab.assign': {
    input: z.object({ testId: z.string().min(1), subject: z.string().min(1).max(500) }),
    output: z.object({ arm: AbArm, label: z.string(), version: z.string(), sticky: z.boolean() }),
  },
  /** Records an outcome (user feedback, a judge score, latency…) for a subject's arm or an explicit arm. */
  'prompts.ab.record': {
    input: z
      .object({ testId: z.string().min(1), subject: z.string().min(1).max(500).optional(), arm: AbArm.optional(), metric: z.string().trim().min(1).max(100), value: z.number().finite() })
      .refine((v) => v.subject !== undefined || v.arm !== undefined, { message: 'Give the subject (its arm is looked up) or the arm', path: ['subject'] }),
    output: z.object({ recorded: z.boolean(), test: AbTest, autoRolledBack: z.boolean() }),
  },
  /** Moves the control label to the candidate's version and ends the test. */
  'prompts.ab.promote': { input: z.object({ testId: z.string().min(1) }), output: AbTest },
  /** Ends the test; every subject gets the control arm again. */
  'prompts.ab.rollback': { input: z.object({ testId: z.string().min(1), reason: z.string().max(500).optional() }), output: AbTest },
} as const;

export type PromptsMethod = keyof typeof promptsApi;
