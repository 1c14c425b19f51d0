import type { RouteDefinition, RouteRule } from '../../contract/usage.api.js';
import { complexityScore } from './complexity.js';

/** What a rule looks at: measured once per request. */
export interface RequestFeatures {
  promptChars: number;
  promptTokens: number;
  complexity: number;
  tags: readonly string[];
}

export interface RouteChoice {
  target: string;
  /** Index of the matching rule; null: no rule matched and the default target was taken. */
  rule: number | null;
}

/** Estimated tokens when the target's tokenizer is not at hand: about four characters per token in English. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function requestFeatures(text: string, options: { tags?: readonly string[]; maxTokens?: number; hasJsonSchema?: boolean; promptTokens?: number } = {}): RequestFeatures {
  return {
    promptChars: text.length,
    promptTokens: options.promptTokens ?? estimateTokens(text),
    complexity: complexityScore({ text, maxTokens: options.maxTokens, hasJsonSchema: options.hasJsonSchema }),
    tags: options.tags ?? [],
  };
}

/** Every condition a rule states must hold; conditions it leaves out hold. */
export function ruleMatches(rule: RouteRule, f: RequestFeatures): boolean {
  if (rule.maxPromptTokens !== undefined && f.promptTokens > rule.maxPromptTokens) return false;
  if (rule.maxPromptChars !== undefined && f.promptChars > rule.maxPromptChars) return false;
  if (rule.maxComplexity !== undefined && f.complexity > rule.maxComplexity) return false;
  if (rule.minComplexity !== undefined && f.complexity < rule.minComplexity) return false;
  if (rule.tags && !rule.tags.every((tag) => f.tags.includes(tag))) return false;
  return true;
}

/** The first matching rule's target, else the route's default. */
export function chooseTarget(route: Pick<RouteDefinition, 'rules' | 'defaultTarget'>, features: RequestFeatures): RouteChoice {
  const index = route.rules.findIndex((rule) => ruleMatches(rule, features));
  return index >= 0 ? { target: route.rules[index]!.target, rule: index } : { target: route.defaultTarget, rule: null };
}

/** The chosen target first, then the fallback chain, each once. */
export function attemptOrder(route: Pick<RouteDefinition, 'fallback'>, chosen: string): string[] {
  return [...new Set([chosen, ...route.fallback])];
}

/** Every model a route can send to (for validation and the "dearest target" saving estimate). */
export function routeTargets(route: Pick<RouteDefinition, 'rules' | 'defaultTarget' | 'fallback'>): string[] {
  return [...new Set([route.defaultTarget, ...route.rules.map((r) => r.target), ...route.fallback])];
}

/** The text a request is measured by: the prompt, or its messages joined. */
export function requestText(input: { prompt?: string; messages?: Array<{ content: string }> }): string {
  return input.prompt ?? (input.messages ?? []).map((m) => m.content).join('\n');
}
