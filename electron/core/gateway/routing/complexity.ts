/**
 * The complexity score a route's rules compare with: a number from 0 (a short, plain request a small model answers
 * well) to 1 (long, multi-part, reasoning- or code-heavy work that deserves the large model). It is a weighted sum of
 * five signals, each capped at 1, so one signal alone cannot make a request "complex" and the score is explainable:
 *
 * | signal      | weight | saturates at                                                                 |
 * |-------------|--------|------------------------------------------------------------------------------|
 * | length      | 0.30   | 2,000 estimated tokens of prompt (chars / 4)                                 |
 * | reasoning   | 0.25   | 3 reasoning cues (explain, why, compare, analyse, prove, derive, step by step…) |
 * | structure   | 0.15   | 3 parts: questions, numbered or bulleted items, constraint words (must, at least) |
 * | code/math   | 0.15   | 1 code fence, or 3 formulas / code-like lines                                |
 * | output form | 0.15   | a JSON schema (0.6) plus a long answer budget (maxTokens ≥ 1,024: 0.4)       |
 *
 * Pure and deterministic, so the same request always routes the same way (and `routes.explain` shows why).
 */
export interface ComplexityInput {
  text: string;
  maxTokens?: number;
  hasJsonSchema?: boolean;
}

const reasoningCues = /\b(explain|why|compare|contrast|analy[sz]e|evaluate|prove|derive|justify|reason|step[- ]by[- ]step|trade-?offs?|design|plan|critique|summari[sz]e the differences)\b/gi;
const constraintWords = /\b(must|should not|at least|at most|exactly|without|only if|unless)\b/gi;
const listItem = /^\s*(?:\d+[.)]|[-*•])\s+/gm;
const codeLine = /(?:[{};]\s*$|=>|\bfunction\b|\bdef\b|\bclass\b|\bSELECT\b|\\frac|\$\$|[∑∫√]|\b\w+\s*\([^)]*\)\s*[{=])/gm;

export function complexityScore(input: ComplexityInput): number {
  return Math.round(complexitySignals(input).score * 1000) / 1000;
}

export function complexitySignals({ text, maxTokens = 0, hasJsonSchema = false }: ComplexityInput) {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const length = Math.min(1, text.length / 4 / 2000);
  const reasoning = Math.min(1, count(reasoningCues) / 3);
  const structure = Math.min(1, (count(/\?/g) + count(listItem) + count(constraintWords)) / 3);
  const code = text.includes('```') ? 1 : Math.min(1, count(codeLine) / 3);
  const output = (hasJsonSchema ? 0.6 : 0) + (maxTokens >= 1024 ? 0.4 : 0);
  const score = 0.3 * length + 0.25 * reasoning + 0.15 * structure + 0.15 * code + 0.15 * output;
  return { length, reasoning, structure, code, output, score };
}
