import type { Finding, Recognizer } from '../types.js';
import { findDates } from './date.recognizer.js';
import { hasContext } from './text-spans.js';

// A date is personal data when it is someone's birthday; most dates in business text are not, so only
// dates near these words become DATE_OF_BIRTH (the plain DATE_TIME recognizer reports the rest).
const birthWords = /\b(?:born|birth|birthday|birthdate|dob|d\.o\.b\.?|date\s+of\s+birth|geb(?:oren)?|n[ée]e?\s+le)\b/i;

export function createDateOfBirthRecognizer(): Recognizer {
  return {
    name: 'date-of-birth',
    entities: ['DATE_OF_BIRTH'],
    analyze(text: string): Finding[] {
      return findDates(text)
        .filter((d) => d.score >= 0.4 && hasContext(text, d.start, d.end, birthWords, 40))
        .map((d) => ({ type: 'DATE_OF_BIRTH', start: d.start, end: d.end, score: 0.85, recognizer: 'date-of-birth' }));
    },
  };
}
