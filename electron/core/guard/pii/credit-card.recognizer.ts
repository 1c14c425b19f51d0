import type { Finding, Recognizer } from '../types.js';
import { digitRuns, pickSlices, type DigitGroup } from './digit-groups.js';
import { isWordCharAt } from './text-spans.js';

/** The Luhn (mod 10) check every payment card number carries in its last digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// Lengths issuers use, by first digit: UATP 15; Mastercard 2-series 16; Amex 15, Diners 14-16, JCB 16-19;
// Visa 13, 16, 19; Mastercard and Maestro 12-19; Discover, UnionPay and Maestro 12-19.
const lengthsByFirstDigit: Record<string, readonly number[]> = {
  '1': [15], '2': [16], '3': [14, 15, 16, 17, 18, 19], '4': [13, 16, 19],
  '5': [12, 13, 14, 15, 16, 17, 18, 19], '6': [12, 13, 14, 15, 16, 17, 18, 19],
};

// Mastercard's 51–55 range issues 16 digits only; the other lengths starting with 5 are Maestro's (50, 56–58).
const mastercardOnly = /^5[1-5]/;

/** A length some issuer uses for its first digits, Luhn-valid, not one repeated digit. */
export function cardNumberValid(digits: string): boolean {
  const lengths = lengthsByFirstDigit[digits.charAt(0)];
  if (lengths === undefined || !lengths.includes(digits.length)) return false;
  if (mastercardOnly.test(digits) && digits.length !== 16) return false;
  return !/^(\d)\1+$/.test(digits) && luhnValid(digits);
}

/**
 * Whether a slice of a digit run is written the way cards are printed. Groups of 2–6 digits (4-4-4-4,
 * Amex 4-6-5, Diners 4-6-4) and, after groups of four, a last group of one ("5020 8991 8733 9989 8": a
 * 17-digit card grouped by four); no group of seven or more ("569-4620362-4632237" is an order number). A
 * slice that continues a longer number ("9400 4055 5292 5817 8254 22", a tracking number) is not a card
 * unless a card just ended there or the separator changes.
 */
function printedLikeACard(run: readonly DigitGroup[], slice: readonly DigitGroup[], pickedEnds: ReadonlySet<number>): boolean {
  const first = slice[0];
  if (!first) return false;
  if (slice.length > 1) {
    const last = slice.length - 1;
    const shortTailOk = slice.slice(0, last).every((g) => g.digits.length === 4);
    const sizesOk = slice.every((g, i) => (g.digits.length >= 2 || (i === last && shortTailOk)) && g.digits.length <= 6);
    if (!sizesOk) return false;
  }
  const index = run.indexOf(first);
  if (index <= 0) return true;
  const previous = run[index - 1] as DigitGroup;
  const innerSeparator = slice[1]?.separator;
  return pickedEnds.has(previous.end) || (innerSeparator !== undefined && innerSeparator !== first.separator);
}

export function createCreditCardRecognizer(): Recognizer {
  return {
    name: 'credit-card',
    entities: ['CREDIT_CARD'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const run of digitRuns(text)) {
        const pickedEnds = new Set<number>();
        const accept = (digits: string, slice: DigitGroup[]): boolean => {
          if (!printedLikeACard(run, slice, pickedEnds) || !cardNumberValid(digits)) return false;
          pickedEnds.add(slice[slice.length - 1]?.end ?? -1);
          return true;
        };
        const slices = pickSlices(run, accept, 6);
        for (const slice of slices) {
          const start = slice[0]?.start ?? 0;
          const end = slice[slice.length - 1]?.end ?? 0;
          if (isWordCharAt(text, start - 1) || isWordCharAt(text, end)) continue;
          // The digits of a decimal number ("0.6511772622175621") are not a card.
          if (/\d[.,]$/.test(text.slice(Math.max(0, start - 2), start)) || /^[.,]\d/.test(text.slice(end, end + 2))) continue;
          findings.push({ type: 'CREDIT_CARD', start, end, score: 1, recognizer: 'credit-card' });
        }
      }
      return findings;
    },
  };
}
