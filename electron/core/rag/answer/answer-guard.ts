import { AppError } from '../../contract/errors.js';
import type { AskResult, Hit } from '../../contract/rag.api.js';
import { defaultGuardConfig, mergeGuardConfig, type GuardConfigOverride } from '../../guard/guard-config.js';
import { GuardPipeline, type GuardVerdict } from '../../guard/guard-pipeline.js';

export const BLOCKED_QUESTION = 'This question was not answered: the input guard flagged it as an attempt to override the instructions.';

type Recorded = AskResult['guard'][number];

const record = (v: GuardVerdict): Recorded => ({
  stage: v.stage, scanner: v.scanner, outcome: v.outcome, score: v.score, reasons: v.reasons, ...(v.chunk !== undefined ? { chunk: v.chunk } : {}),
});

/**
 * A collection's guardrails around one answer: the question (injection, secrets, personal data), the retrieved
 * passages (indirect injection: poisoned passages are dropped) and the answer (output policy, secrets). Every
 * scanner's verdict is kept for the result, the trace and the audit trail.
 */
export class AnswerGuard {
  readonly verdicts: Recorded[] = [];
  private readonly pipeline: GuardPipeline;

  constructor(overrides: Record<string, unknown>) {
    try {
      this.pipeline = new GuardPipeline(mergeGuardConfig(defaultGuardConfig, overrides as GuardConfigOverride));
    } catch (error) {
      throw new AppError('INVALID_INPUT', `The collection's guard settings are invalid: ${(error as Error).message}; fix them in the collection settings`);
    }
  }

  /** The question as the model may see it, or null when it is blocked. */
  async question(text: string): Promise<string | null> {
    const result = await this.pipeline.scanInput(text);
    this.verdicts.push(...result.verdicts.map(record));
    return result.blocked ? null : result.text;
  }

  /** The passages that may go into the prompt (redacted where configured); dropped ones leave the list. */
  async passages(hits: Hit[]): Promise<Hit[]> {
    const result = await this.pipeline.scanContext(hits.map((h) => h.text));
    this.verdicts.push(...result.verdicts.map(record));
    return result.chunks.map(({ index, text }) => ({ ...hits[index]!, text }));
  }

  async answer(text: string, systemPrompt: string): Promise<string> {
    const result = await this.pipeline.scanOutput(text, { systemPrompt });
    this.verdicts.push(...result.verdicts.map(record));
    return result.text;
  }

  get blockedAnything(): boolean {
    return this.verdicts.some((v) => v.outcome === 'blocked' || v.outcome === 'dropped' || v.outcome === 'replaced');
  }
}
