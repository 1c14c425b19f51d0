import { AppError } from '../../contract/errors.js';
import type { Hit } from '../../contract/rag.api.js';

/** Tokens kept free beyond the counted text: the chat template's role markers and separators. */
const TEMPLATE_MARGIN_TOKENS = 48;

export interface ContextBudget {
  /** The answer model's context window. */
  window: number;
  /** Tokens the answer may use. */
  answerTokens: number;
}

export interface FittedContext {
  hits: Hit[];
  /** Passages retrieved, used and left out because they did not fit. */
  retrieved: number;
  used: number;
  dropped: number;
  /** The first passage alone did not fit and was shortened. */
  shortened: boolean;
  promptTokens: number;
  /** Tokens the prompt may take: the window less the answer's room and a margin for the chat template. */
  budgetTokens: number;
  /** What the answer may generate: its setting, or less when a short window needs it. */
  answerTokens: number;
}

/**
 * Chooses the best passages that fit the answer model's context with room for the answer: the longest prefix of
 * the ranked passages whose framed prompt fits (one token-counting call for every prefix), shortening the first
 * passage only when even it alone is too long. A question too long for any context is refused with a clear message.
 */
export async function fitPassages(
  hits: Hit[],
  frameText: (hits: Hit[]) => string,
  countTokens: (texts: string[]) => Promise<number[]>,
  budget: ContextBudget,
): Promise<FittedContext> {
  // A short window keeps at least half of itself for the prompt: an answer cap larger than that is lowered.
  const answerTokens = Math.min(budget.answerTokens, Math.floor(budget.window / 2));
  const budgetTokens = budget.window - answerTokens - TEMPLATE_MARGIN_TOKENS;
  const prefixes = hits.map((_, i) => hits.slice(0, hits.length - i)).concat([[]]);
  const counts = await countTokens(prefixes.map(frameText));
  const fits = counts.findIndex((tokens) => tokens <= budgetTokens);
  const result = (chosen: Hit[], promptTokens: number, shortened: boolean): FittedContext => ({
    hits: chosen, retrieved: hits.length, used: chosen.length, dropped: hits.length - chosen.length, shortened, promptTokens, budgetTokens, answerTokens,
  });
  if (fits === -1) {
    throw new AppError('CONTEXT_OVERFLOW', `The question alone takes ${counts.at(-1)} tokens, more than the ${budgetTokens} this model's ${budget.window}-token context leaves after room for a ${answerTokens}-token answer; ask a shorter question or choose a model with a longer context`, { window: budget.window, questionTokens: counts.at(-1) });
  }
  const chosen = prefixes[fits]!;
  if (chosen.length > 0 || hits.length === 0) return result(chosen, counts[fits]!, false);
  const shortened = await shortenFirst(hits[0]!, frameText, countTokens, budgetTokens, counts[fits]!, counts.at(-2)!);
  return shortened ? result([shortened.hit], shortened.tokens, true) : result([], counts[fits]!, false);
}

/** The best passage cut to fit, by the share of its tokens that fit, checked (the estimate may be off a little). */
async function shortenFirst(hit: Hit, frameText: (hits: Hit[]) => string, countTokens: (texts: string[]) => Promise<number[]>, budgetTokens: number, baseTokens: number, fullTokens: number): Promise<{ hit: Hit; tokens: number } | null> {
  const room = budgetTokens - baseTokens;
  if (room < 16) return null;
  let share = room / Math.max(1, fullTokens - baseTokens);
  for (let attempt = 0; attempt < 4; attempt++) {
    const cut = { ...hit, text: `${hit.text.slice(0, Math.floor(hit.text.length * share * 0.95))} …` };
    const [tokens] = await countTokens([frameText([cut])]);
    if (tokens !== undefined && tokens <= budgetTokens) return { hit: cut, tokens };
    share *= 0.8;
  }
  return null;
}
