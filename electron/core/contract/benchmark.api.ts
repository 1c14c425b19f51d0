import { z } from 'zod';

// Multiple-choice benchmarks (issue 13). Merged into `api` by contract/api.ts.

const Interval = z.object({ mean: z.number(), low: z.number(), high: z.number() });

export const BenchmarkRunResult = z.object({
  format: z.enum(['hellaswag', 'mmlu', 'arc', 'truthfulqa-mc']),
  model: z.string(),
  /** The eval run the results are stored as (`eval.runs.get`, `eval.runs.results`, compare). */
  runId: z.string(),
  items: z.number(),
  accuracy: z.number(),
  /** Per-token normalised, as llama.cpp's `llama-perplexity --hellaswag`. */
  accuracyNorm: z.number(),
  /** Per-byte normalised, as lm-evaluation-harness's `acc_norm`. */
  accuracyNormChars: z.number(),
  ci95: z.object({ accuracy: Interval, accuracyNorm: Interval }),
  subjects: z.array(z.object({ subject: z.string(), items: z.number(), accuracy: Interval, accuracyNorm: Interval })),
  results: z.array(z.object({ id: z.string(), subject: z.string(), gold: z.number(), pred: z.number(), predNorm: z.number(), predNormChars: z.number(), scores: z.array(z.object({ logprob: z.number(), tokens: z.number() })) })),
  durationMs: z.number(),
});
export type BenchmarkRunResult = z.infer<typeof BenchmarkRunResult>;

export const benchmarkApi = {
  /** Scores a benchmark file's items by the log-likelihood of each choice (local GGUF models). */
  'eval.benchmark.run': {
    input: z.object({
      content: z.string().min(1).max(50_000_000),
      format: z.enum(['hellaswag', 'mmlu', 'arc', 'truthfulqa-mc']),
      model: z.string().min(1),
      limit: z.number().int().min(1).optional(),
    }),
    output: z.object({ jobId: z.string() }),
    job: BenchmarkRunResult,
  },
} as const;

export type BenchmarkMethod = keyof typeof benchmarkApi;
