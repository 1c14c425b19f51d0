import { AppError } from '../../contract/errors.js';
import type { ChatMessage } from '../../contract/schemas.js';
import type { PromptVersion } from '../../contract/prompts.api.js';
import type { ResolvedPrompt } from '../../prompts/prompt-resolver.js';
import type { Rendered } from '../../prompts/prompt-registry.js';

/** What RAG needs of the prompt registry: resolution for a subject (A/B), rendering, and outcome recording. */
export interface AnswerPrompts {
  resolve(ref: string, subject: string): ResolvedPrompt;
  render(version: PromptVersion, values: Record<string, unknown>): Rendered;
  recordLatency(ab: NonNullable<ResolvedPrompt['ab']>, latencyMs: number): void;
}

/** The variables an answer prompt receives; a registry prompt may use either or both. */
export const ANSWER_VARIABLES = ['context', 'question'] as const;

/** Refuses, before any retrieval, a prompt that needs variables an answer cannot supply. */
export function checkAnswerPrompt(version: PromptVersion): void {
  const missing = version.variables.filter((v) => v.required && v.default === undefined && !(ANSWER_VARIABLES as readonly string[]).includes(v.name));
  if (missing.length > 0) {
    throw new AppError(
      'TEMPLATE_INVALID',
      `${version.name}@${version.version} needs ${missing.map((v) => `{{${v.name}}}`).join(', ')}, but an answer prompt only gets {{context}} and {{question}}; make them optional or use another prompt`,
      { prompt: `${version.name}@${version.version}`, variables: missing.map((v) => v.name) },
    );
  }
}

/** The model input for a registry prompt: chat messages, or one completion text. */
export function renderAnswerPrompt(prompts: AnswerPrompts, version: PromptVersion, context: string, question: string): { messages?: ChatMessage[]; prompt?: string; system: string } {
  const declared = new Set(version.variables.map((v) => v.name));
  const values = Object.fromEntries(([['context', context], ['question', question]] as const).filter(([name]) => declared.has(name)));
  const rendered = prompts.render(version, values);
  if (rendered.messages) return { messages: rendered.messages, system: rendered.messages.find((m) => m.role === 'system')?.content ?? '' };
  return { prompt: rendered.prompt ?? '', system: version.system };
}
