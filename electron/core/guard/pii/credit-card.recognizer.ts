import type { Finding, Recognizer } from '../types.js';
import { digitRuns, pickSlices } from './digit-groups.js';
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

/** A length some issuer uses for its first digit, Luhn-valid, not one repeated digit. */
export function cardNumberValid(digits: string): boolean {
  const lengths = lengthsByFirstDigit[digits.charAt(0)];
  return lengths !== undefined && lengths.includes(digits.length) && !/^(\d)\1+$/.test(digits) && luhnValid(digits);
}

export function createCreditCardRecognizer(): Recognizer {
  return {
    name: 'credit-card',
    entities: ['CREDIT_CARD'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const run of digitRuns(text)) {
        const slices = pickSlices(run, (digits, slice) => slice.every((g) => g.digits.length >= 2) && cardNumberValid(digits), 6);
        for (const slice of slices) {
          const start = slice[0]?.start ?? 0;
          const end = slice[slice.length - 1]?.end ?? 0;
          if (isWordCharAt(text, start - 1) || isWordCharAt(text, end)) continue;
          findings.push({ type: 'CREDIT_CARD', start, end, score: 1, recognizer: 'credit-card' });
        }
      }
      return findings;
    },
  };
}
