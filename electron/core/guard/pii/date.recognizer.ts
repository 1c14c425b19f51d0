import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

const month = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const Month = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const ordinal = '(?:st|nd|rd|th)?';
const open = '(?<![\\p{L}\\p{N}_/.:-])';
const close = '(?![\\p{L}\\p{N}_]|[/.:-]\\d)';

interface DatePattern {
  pattern: RegExp;
  score: number;
  /** Rejects impossible values ("13/45/2021") the regex alone lets through. */
  valid?: (match: RegExpExecArray) => boolean;
}

const dayMonthOk = (a: string | undefined, b: string | undefined): boolean => {
  const x = Number(a);
  const y = Number(b);
  return x >= 1 && y >= 1 && ((x <= 12 && y <= 31) || (y <= 12 && x <= 31));
};

// Presidio's DateRecognizer formats, plus the written forms its NER models find ("May 1st, 1977").
const patterns: DatePattern[] = [
  { pattern: new RegExp(`${open}\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?${close}`, 'gu'), score: 0.6 },
  { pattern: new RegExp(`${open}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${close}`, 'gu'), score: 0.6, valid: (m) => dayMonthOk(m[3], m[4]) },
  { pattern: new RegExp(`${open}(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})${close}`, 'gu'), score: 0.6, valid: (m) => dayMonthOk(m[1], m[3]) },
  { pattern: new RegExp(`${open}\\d{1,2}[- ]${month}[- ](?:\\d{4}|\\d{2})${close}`, 'giu'), score: 0.6 },
  { pattern: new RegExp(`${open}${month}-(?:\\d{4}|\\d{2})${close}`, 'giu'), score: 0.6 },
  { pattern: new RegExp(`${open}\\d{1,2}-${month}${close}`, 'giu'), score: 0.6 },
  { pattern: new RegExp(`${open}(\\d{1,2})/(\\d{2})${close}`, 'gu'), score: 0.1, valid: (m) => Number(m[1]) >= 1 && Number(m[1]) <= 12 },
  { pattern: new RegExp(`${open}(\\d{1,2})/(\\d{4})${close}`, 'gu'), score: 0.2, valid: (m) => Number(m[1]) >= 1 && Number(m[1]) <= 12 },
  // Written dates: "September 18", "May 1st, 1977", "18th of September 2021", "May 2021".
  { pattern: new RegExp(`${open}${Month}\\.? (?:[12]?\\d|3[01])${ordinal}(?:,? (?:1[6-9]|20)\\d{2})?${close}`, 'gu'), score: 0.6 },
  { pattern: new RegExp(`${open}(?:[12]?\\d|3[01])${ordinal} (?:of )?${Month}\\.?(?:,? (?:1[6-9]|20)\\d{2})?${close}`, 'gu'), score: 0.6 },
  { pattern: new RegExp(`${open}${Month}\\.?,? (?:1[6-9]|20)\\d{2}${close}`, 'gu'), score: 0.6 },
  // A year or a month name alone only after a word that makes it one ("in 1972", "since May").
  { pattern: new RegExp(`(?<=\\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Yy]ear|[Bb]y|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f) )(?:1[6-9]|20)\\d{2}${close}`, 'gu'), score: 0.4 },
  { pattern: new RegExp(`(?<=\\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Bb]efore|[Aa]fter|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id) )${Month}(?![\\p{L}\\p{N}_]| [A-Z])`, 'gu'), score: 0.3 },
  { pattern: new RegExp(`^(?:1[6-9]|20)\\d{2}$`, 'gu'), score: 0.3 },
];

/** Every date-like span with its score, overlapping candidates reduced to the longest. */
export function findDates(text: string): Array<{ start: number; end: number; score: number }> {
  const found: Array<{ start: number; end: number; score: number }> = [];
  for (const { pattern, score, valid } of patterns) {
    for (const match of matchAll(pattern, text)) {
      if (valid && !valid(match)) continue;
      found.push({ start: match.index, end: match.index + match[0].length, score });
    }
  }
  return found
    .filter((f) => !found.some((g) => g !== f && g.start <= f.start && g.end >= f.end && (g.end - g.start > f.end - f.start || g.score > f.score)))
    .filter((f, i, all) => all.findIndex((g) => g.start === f.start && g.end === f.end) === i)
    .sort((a, b) => a.start - b.start);
}

export function createDateRecognizer(): Recognizer {
  return {
    name: 'date',
    entities: ['DATE_TIME'],
    analyze: (text) => findDates(text).map((d): Finding => ({ type: 'DATE_TIME', ...d, recognizer: 'date' })),
  };
}
