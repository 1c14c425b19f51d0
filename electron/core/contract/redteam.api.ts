import { z } from 'zod';

// Red-team runs (issue 13). Merged into `api` by contract/api.ts.

/** OWASP Top 10 for LLM applications (2025) risks a probe can be tagged with. */
export const OwaspRisk = z.enum(['LLM01', 'LLM02', 'LLM03', 'LLM04', 'LLM05', 'LLM06', 'LLM07', 'LLM08', 'LLM09', 'LLM10']);
export type OwaspRisk = z.infer<typeof OwaspRisk>;

/** What a probe is checked for once the target answered. */
export const DetectorName = z.enum(['canary', 'system-prompt', 'pii', 'payload', 'compliance', 'marker', 'runaway']);
export type DetectorName = z.infer<typeof DetectorName>;

export const RedteamProbe = z.object({
  id: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  owasp: z.array(OwaspRisk).min(1),
  atlas: z.array(z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/, 'ATLAS ids look like AML.T0051 or AML.T0051.000')).default([]),
  /** Detectors that decide whether the attack succeeded; the defaults follow the risk. */
  detectors: z.array(DetectorName).optional(),
  /** For `marker`: a string whose presence in the answer means the attack got through. */
  marker: z.string().optional(),
  /** Where the probe came from: `builtin`, `shared:<path>` (with its licence in the report), or a user file. */
  source: z.string().default('user'),
});
export type RedteamProbe = z.infer<typeof RedteamProbe>;

export const StrategyName = z.enum([
  'none', 'base64', 'rot13', 'hex', 'leetspeak', 'homoglyph', 'unicode-tags', 'zero-width',
  'roleplay', 'hypothetical', 'developer-mode', 'payload-split', 'translation', 'multi-turn',
]);
export type StrategyName = z.infer<typeof StrategyName>;

export const RedteamTarget = z.object({
  model: z.string().optional(),
  /** A registry prompt ref (name, name@version, name@label): its system prompt, with a planted canary, is the secret. */
  prompt: z.string().optional(),
  /** The prompt variable the attack text goes into (default: the first declared variable). */
  variable: z.string().optional(),
  /** The secret planted in the system prompt; a random `CANARY-…` token when left out. */
  canary: z.string().min(4).max(200).optional(),
  /** A RAG collection: probes are planted as poisoned documents in a scratch copy (removed after the run), then asked about. */
  collection: z.string().trim().min(1).optional(),
});

export const RedteamStartInput = z.object({
  name: z.string().max(200).optional(),
  target: RedteamTarget,
  /** Suite file (YAML): probes, strategies, risks, gate. Paths on the machine that runs the core. */
  suitePath: z.string().optional(),
  /** Extra probe files (JSONL or YAML). */
  probeFiles: z.array(z.string()).max(20).default([]),
  probes: z.array(RedteamProbe).max(5000).default([]),
  risks: z.array(OwaspRisk).optional(),
  strategies: z.array(StrategyName).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  /** Include the corpus built from ../shared/eval/security when it is present. */
  sharedCorpus: z.boolean().default(true),
  maxTokens: z.number().int().min(1).max(4096).default(64),
  /** A local model that drives multi-turn escalation (default: the target model). */
  attackerModel: z.string().optional(),
  /** A judge model with a rubric, on top of the deterministic detectors. */
  judgeModel: z.string().optional(),
  gate: z.object({ maxSuccessRate: z.number().min(0).max(1).optional(), perRisk: z.record(OwaspRisk, z.number().min(0).max(1)).optional() }).optional(),
});

export const RedteamVerdict = z.object({
  detector: z.string(),
  hit: z.boolean(),
  reason: z.string(),
});

export const RedteamResult = z.object({
  probeId: z.string(),
  owasp: z.array(OwaspRisk),
  atlas: z.array(z.string()),
  strategy: StrategyName,
  /** What the target received (after the strategy), and each turn for multi-turn attacks. */
  transcript: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  output: z.string(),
  /** True when the attack got through (the target failed). */
  success: z.boolean(),
  reason: z.string(),
  verdicts: z.array(RedteamVerdict),
  error: z.string().optional(),
});
export type RedteamResult = z.infer<typeof RedteamResult>;

const Rate = z.object({ attempts: z.number(), successes: z.number(), rate: z.number() });
export type Rate = z.infer<typeof Rate>;

export const RedteamSummary = z.object({
  overall: Rate,
  byRisk: z.record(z.string(), Rate),
  byStrategy: z.record(z.string(), Rate),
  errors: z.number(),
});
export type RedteamSummary = z.infer<typeof RedteamSummary>;

export const RedteamGate = z.object({ passed: z.boolean(), checks: z.array(z.object({ name: z.string(), passed: z.boolean(), message: z.string() })) });

export const RedteamRun = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  status: z.enum(['completed', 'cancelled', 'failed']),
  target: z.object({ model: z.string(), prompt: z.string().nullable(), canary: z.string().nullable(), collection: z.string().nullable().optional() }),
  strategies: z.array(StrategyName),
  risks: z.array(OwaspRisk),
  summary: RedteamSummary,
  gate: RedteamGate.nullable(),
  results: z.array(RedteamResult),
  sources: z.array(z.object({ source: z.string(), attribution: z.string() })),
  durationMs: z.number(),
});
export type RedteamRun = z.infer<typeof RedteamRun>;

export const RedteamRunInfo = RedteamRun.omit({ results: true });
export type RedteamRunInfo = z.infer<typeof RedteamRunInfo>;

export const RedteamComparison = z.object({
  base: z.string(),
  head: z.string(),
  overall: z.object({ base: z.number(), head: z.number(), delta: z.number() }),
  byRisk: z.array(z.object({ risk: z.string(), base: z.number().nullable(), head: z.number().nullable(), delta: z.number().nullable() })),
  byStrategy: z.array(z.object({ strategy: z.string(), base: z.number().nullable(), head: z.number().nullable(), delta: z.number().nullable() })),
  /** Attacks (probe × strategy) that failed in base and got through in head. */
  newFailures: z.array(z.object({ probeId: z.string(), strategy: z.string() })),
  fixed: z.array(z.object({ probeId: z.string(), strategy: z.string() })),
});
export type RedteamComparison = z.infer<typeof RedteamComparison>;

export const redteamApi = {
  'redteam.runs.start': { input: RedteamStartInput, output: z.object({ jobId: z.string() }), job: RedteamRunInfo },
  'redteam.runs.list': { input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }), output: z.array(RedteamRunInfo) },
  'redteam.runs.get': { input: z.object({ runId: z.string(), failedOnly: z.boolean().default(false) }), output: RedteamRun },
  /** The self-contained HTML report (no external assets). */
  'redteam.runs.report': { input: z.object({ runId: z.string() }), output: z.object({ html: z.string() }) },
  'redteam.runs.compare': { input: z.object({ base: z.string(), head: z.string() }), output: RedteamComparison },
  'redteam.probes.list': { input: z.object({ sharedCorpus: z.boolean().default(true) }).default({ sharedCorpus: true }), output: z.object({ probes: z.array(RedteamProbe), sources: z.array(z.object({ source: z.string(), attribution: z.string() })) }) },
} as const;

export type RedteamMethod = keyof typeof redteamApi;
