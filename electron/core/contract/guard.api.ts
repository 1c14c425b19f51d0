import { z } from 'zod';

// Guardrails (issue 4). Merged into `api` by contract/api.ts.

export const guardApi = {
  /**
   * Scans a text with the guardrails, as `enclave guard scan` does per line: PII and secrets (with the text redacted)
   * and prompt injection. `source: 'document'` judges it as retrieved or ingested content (indirect injection).
   * Nothing is stored; the text is the caller's own.
   */
  'guard.scan': {
    input: z.object({
      text: z.string().min(1, 'Paste or upload a text to scan').max(1_000_000),
      source: z.enum(['user', 'document']).default('user'),
      redact: z.enum(['tag', 'mask']).default('tag'),
      entities: z.array(z.string().min(1)).max(64).optional(),
      minScore: z.number().min(0).max(1).optional(),
    }),
    output: z.object({
      findings: z.array(z.object({ type: z.string(), start: z.number(), end: z.number(), score: z.number() })),
      redacted: z.string(),
      injection: z.object({ detected: z.boolean(), score: z.number(), reasons: z.array(z.string()) }),
    }),
  },
  /**
   * Puts the original values back in place of pseudonyms (`<PERSON_3f9a1c0b2e>`) that the `pseudonym` redaction mode
   * left in a text. `scope` is where the values were sealed: an answer's trace id (rag.ask) or a run's job id
   * (prompts.run). Needs `guard.restore`; every use is on the audit trail (without the restored values).
   */
  'guard.restore': {
    input: z.object({ scope: z.string().trim().min(1, 'Give the trace id or job id the pseudonyms belong to'), text: z.string().min(1).max(1_000_000) }),
    output: z.object({ text: z.string(), restored: z.number(), unknown: z.number() }),
  },
} as const;

export type GuardMethod = keyof typeof guardApi;
