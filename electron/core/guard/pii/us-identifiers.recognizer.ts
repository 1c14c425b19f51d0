import type { Finding, Recognizer } from '../types.js';
import { boost, hasContext, matchAll } from './text-spans.js';

// US identifiers without a checksum: their formats match countless other numbers, so alone they score
// low (Presidio's weights) and only a context word ("passport", "bank account", "driver license") lifts
// them over a redaction threshold.

interface WeakPattern { type: string; pattern: RegExp; score: number; valid?: (value: string) => boolean }

const edge = (body: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${body})(?![\\p{L}\\p{N}_]|-\\d)`, 'gu');
const itinGroup = (value: string): boolean => {
  const group = Number(value.replace(/\D/g, '').slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
};

const patterns: WeakPattern[] = [
  { type: 'US_PASSPORT', pattern: edge('\\d{9}'), score: 0.05 },
  { type: 'US_PASSPORT', pattern: edge('[A-Z]\\d{8}'), score: 0.1 },
  { type: 'US_BANK_NUMBER', pattern: edge('\\d{8,17}'), score: 0.05 },
  { type: 'US_DRIVER_LICENSE', pattern: edge('[A-Z]{1,2}\\d{4,14}|\\d{7,9}[A-Z]{1,2}|\\d{2}[A-Z]{3}\\d{5,6}|\\d{3}[A-Z]{2}\\d{4}'), score: 0.3 },
  { type: 'US_DRIVER_LICENSE', pattern: edge('\\d{6,14}|\\d{16}'), score: 0.01 },
  { type: 'US_ITIN', pattern: edge('9\\d{2}-\\d{2}-\\d{4}|9\\d{2} \\d{2} \\d{4}'), score: 0.5, valid: itinGroup },
  { type: 'US_ITIN', pattern: edge('9\\d{8}'), score: 0.3, valid: itinGroup },
  { type: 'US_ITIN', pattern: edge('9\\d{2}-\\d{6}|9\\d{4}-\\d{4}'), score: 0.05, valid: itinGroup },
];

const context: Record<string, RegExp> = {
  US_PASSPORT: /passport|travel\s+document/i,
  US_BANK_NUMBER: /\b(?:bank(?:ing)?|account|acct|checking|savings)\b/i,
  US_DRIVER_LICENSE: /driv(?:er|ing)|licen[cs]e|\bdl\b|\bpermit\b/i,
  US_ITIN: /\b(?:itin|taxpayer|tax\s+id)\b/i,
};

export function createUsIdentifiersRecognizer(): Recognizer {
  return {
    name: 'us-identifiers',
    entities: ['US_PASSPORT', 'US_BANK_NUMBER', 'US_DRIVER_LICENSE', 'US_ITIN'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const { type, pattern, score, valid } of patterns) {
        for (const match of matchAll(pattern, text)) {
          if (valid && !valid(match[0])) continue;
          const start = match.index;
          const end = start + match[0].length;
          if (findings.some((f) => f.type === type && f.start === start && f.end === end)) continue;
          const words = context[type] as RegExp;
          const lifted = hasContext(text, start, end, words, 48) ? boost(score, 0.4) : score;
          findings.push({ type, start, end, score: lifted, recognizer: 'us-identifiers' });
        }
      }
      return findings;
    },
  };
}
