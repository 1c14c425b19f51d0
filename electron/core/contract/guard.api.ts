import { z } from 'zod';

// Guardrails (issue 4). Merged into `api` by contract/api.ts.

export const guardApi = {
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
