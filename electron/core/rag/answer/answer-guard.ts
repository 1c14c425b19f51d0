import { AppError } from '../../contract/errors.js';
import type { AskResult, Hit } from '../../contract/rag.api.js';
import { defaultGuardConfig, mergeGuardConfig, type GuardConfigOverride } from '../../guard/guard-config.js';
import { GuardPipeline, type GuardDependencies, type GuardVerdict, type ScanOptions } from '../../guard/guard-pipeline.js';
import { GuardedStream } from '../../guard/guarded-stream.js';
import { interventionOutcomes, verdictInfo } from '../../guard/verdict-info.js';

export const BLOCKED_QUESTION = 'This question was not answered: the input guardrails refused it (see the guard verdicts).';

type Recorded = AskResult['guard'][number];

const record = (v: GuardVerdict): Recorded => verdictInfo(v);

/**
 * A collection's guardrails around one answer: the question (injection, secrets, personal data), the retrieved
 * passages (indirect injection: poisoned passages are dropped) and the answer (output policy, secrets). Every
 * scanner's verdict is kept for the result, the trace and the audit trail.
 */
export class AnswerGuard {
  readonly verdicts: Recorded[] = [];
  private readonly pipeline: GuardPipeline;

  /** `promptOverrides`: a registry prompt's own guard settings, applied after the collection's. */
  /**
   * `promptOverrides`: a registry prompt's own guard settings, applied after the collection's. `scope`: where
   * pseudonyms of this answer live in the vault (the answer's trace id, which `guard.restore` takes).
   */
  constructor(collectionOverrides: Record<string, unknown>, promptOverrides: Record<string, unknown> | undefined, deps: GuardDependencies = {}, private readonly scope?: string) {
    try {
      this.pipeline = new GuardPipeline(mergeGuardConfig(defaultGuardConfig, collectionOverrides as GuardConfigOverride, promptOverrides as GuardConfigOverride | undefined), deps);
    } catch (error) {
      const owner = promptOverrides ? "The collection's or the prompt's" : "The collection's";
      throw new AppError('INVALID_INPUT', `${owner} guard settings are invalid: ${(error as Error).message}; fix them in the collection settings or a new prompt version`);
    }
  }

  /** The question as the model may see it, or null when it is blocked. */
  async question(text: string): Promise<string | null> {
    const result = await this.pipeline.scanInput(text, this.options);
    this.verdicts.push(...result.verdicts.map(record));
    return result.blocked ? null : result.text;
  }

  /** The passages that may go into the prompt (redacted where configured); dropped ones leave the list. */
  async passages(hits: Hit[]): Promise<Hit[]> {
    const result = await this.pipeline.scanContext(hits.map((h) => h.text), this.options);
    this.verdicts.push(...result.verdicts.map(record));
    return result.chunks.map(({ index, text }) => ({ ...hits[index]!, text }));
  }

  /** A stream that releases the answer sentence by sentence, each release scanned like the final answer. */
  stream(systemPrompt: string, release: (delta: string) => void): GuardedStream {
    return new GuardedStream((text) => this.pipeline.scanOutput(text, { ...this.options, systemPrompt }), release);
  }

  async answer(text: string, systemPrompt: string): Promise<string> {
    const result = await this.pipeline.scanOutput(text, { ...this.options, systemPrompt });
    this.verdicts.push(...result.verdicts.map(record));
    return result.text;
  }

  private get options(): ScanOptions {
    return this.scope !== undefined ? { scope: this.scope } : {};
  }

  get blockedAnything(): boolean {
    return this.verdicts.some((v) => interventionOutcomes.has(v.outcome));
  }
}
