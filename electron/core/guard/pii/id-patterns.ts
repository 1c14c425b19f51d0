import type { Finding, Recognizer } from '../types.js';
import { boost, hasContext, matchAll } from './text-spans.js';

// Country identifiers written as data: a pattern, an optional check, a score and context words. One engine
// runs them, so each country file holds only what is particular to its identifiers.
//
// Scores follow one scale across countries. A redaction needs 0.4 (the guard's default minScore), and a
// context word ("passport", "Steuer-ID") lifts a match by 0.4. So:
//   ≥ 0.5  structure and check digit are distinctive enough to redact alone (KR RRN, codice fiscale);
//   0.2–0.3 digits with a check digit, or a strict layout without one: redacted with a context word;
//   ≤ 0.1  shapes that many other codes share: reported, redacted only with a context word.
// Patterns that match ordinary words or numbers (5-digit postcodes, "up to 100" read as a licence plate)
// need a context word to be reported at all.

/** A check's answer: `true` the identifier checks out, `'weak'` it is plausible but unverified, `false` it is not one. */
export type Verdict = boolean | 'weak';

export interface IdPattern {
  entity: string;
  /** Needs the `g` flag; the whole match is the span. */
  pattern: RegExp;
  /** Score of a match its check accepts (or of any match when there is no check). */
  score: number;
  /** Score when the check answers `'weak'` (a check digit that does not fit, an unknown region code). */
  weakScore?: number;
  check?: (match: RegExpExecArray) => Verdict;
  /** Words that, shortly before a match, make it likelier (case-insensitive regex, no `g` flag). */
  context?: RegExp;
  /** Report a match only when a context word is near: the pattern alone matches too much ordinary text. */
  needsContext?: boolean;
}

const contextWindow = 48;

/** A pattern that is neither preceded nor followed by a letter, digit or underscore. */
export function token(body: string, flags = 'gu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, flags);
}

/** A pattern not glued to other digits (letters around it are allowed: "RRN:9601211234567"). */
export function digitsToken(body: string, flags = 'gu'): RegExp {
  return new RegExp(`(?<!\\p{N})(?:${body})(?!\\p{N})`, flags);
}

export const digitsOf = (value: string): string => value.replace(/\D/g, '');
export const alnumOf = (value: string): string => value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

export function createIdRecognizer(name: string, patterns: readonly IdPattern[]): Recognizer {
  return {
    name,
    entities: [...new Set(patterns.map((p) => p.entity))],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const spec of patterns) {
        // No context word anywhere: a pattern that needs one cannot report, so it need not run.
        if (spec.needsContext && !spec.context?.test(text)) continue;
        for (const match of matchAll(spec.pattern, text)) {
          const verdict = spec.check ? spec.check(match) : true;
          if (verdict === false) continue;
          const start = match.index;
          const end = start + match[0].length;
          const near = spec.context !== undefined && hasContext(text, start, end, spec.context, contextWindow);
          if (spec.needsContext && !near) continue;
          const base = verdict === 'weak' ? (spec.weakScore ?? 0.05) : spec.score;
          const score = near ? boost(base, 0.4) : base;
          // Two patterns of one entity (upper- and lower-case forms) may find the same span: keep the better.
          const same = findings.find((f) => f.type === spec.entity && f.start === start && f.end === end);
          if (same) same.score = Math.max(same.score, score);
          else findings.push({ type: spec.entity, start, end, score, recognizer: name });
        }
      }
      return findings;
    },
  };
}
