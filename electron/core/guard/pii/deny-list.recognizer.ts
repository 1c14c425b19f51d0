import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

export interface DenyListOptions {
  /** Entity type to report, e.g. a customer's project code names as `PROJECT_NAME`. */
  entity: string;
  terms: readonly string[];
  score?: number;
}

const escape = (term: string): string => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exact terms an organisation wants caught, matched case-insensitively and only as whole tokens. */
export function createDenyListRecognizer({ entity, terms, score = 1 }: DenyListOptions): Recognizer {
  const cleaned = [...new Set(terms.filter((t) => t.trim() !== ''))].sort((a, b) => b.length - a.length);
  const pattern = cleaned.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${cleaned.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  const name = `deny-list:${entity.toLowerCase()}`;
  return {
    name,
    entities: [entity],
    analyze(text: string): Finding[] {
      if (!pattern) return [];
      return [...matchAll(pattern, text)].map((m) => ({ type: entity, start: m.index, end: m.index + m[0].length, score, recognizer: name }));
    },
  };
}
