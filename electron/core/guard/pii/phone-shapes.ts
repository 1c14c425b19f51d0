// What a reader takes for a phone number when libphonenumber cannot vouch for it. Its validity check knows
// assigned ranges only for the regions it is asked about, yet "Phone: 93 229 18 82" or "+1 710 878 2912"
// is a phone number to anyone, assigned or not, and redaction must remove it. Two signals stand in: a
// phone word just before the digits ("Phone:", "call … at", "fax"), or a written "+" and calling code.
// Shapes that are something else (dates, times, versions, amounts, coordinates) are vetoed throughout.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

// Words that announce a phone number. Bare "number" does not: "order number 2024-673-3645".
const phoneWords = String.raw`phone|telephone|tel|mobile|cell|cellphone|call|fax|whatsapp|contact|hotline|helpline|dial|ring|reach|text|sms|landline|switchboard|(?:my|your|his|her|our|their)\s+(?:new\s+)?number`;
// Labels of other numbers: when one stands between the phone word and the digits, it wins
// ("please call back about order 2024-458-7457").
const otherLabels = String.raw`order|invoice|ticket|ref|reference|tracking|account|iban|version|build|isbn|room|issue|serial|sku|booking|case|company|registration|vat|tax`;
const labelPattern = new RegExp(String.raw`\b(?:(${phoneWords})|(?:${otherLabels}))\b`, 'gi');
const contextWindow = 32;

export type NumberLabel = 'phone' | 'other' | undefined;

/** The label nearest before `start` (within a short window): a phone word, another number's label, or none. */
export function labelBefore(text: string, start: number): NumberLabel {
  const before = text.slice(Math.max(0, start - contextWindow), start);
  let label: NumberLabel;
  labelPattern.lastIndex = 0;
  for (let m = labelPattern.exec(before); m !== null; m = labelPattern.exec(before)) label = m[1] !== undefined ? 'phone' : 'other';
  return label;
}

const dateShape = /^(?:\d{1,2}([./-])\d{1,2}\1(?:\d{2}|\d{4})|\d{4}([./-])\d{1,2}\2\d{1,2})$/;
const decimalShape = /^(?:\d{1,3}\.\d+|\d+\.\d{1,2})$/;
const yearLed = /^(?:19|20)\d\d[ ./-]/;

/**
 * Spans that look like phone numbers but are something else. `label` is the label before the span: under
 * another number's label ("reference 49019467", "Tracking number: 5551 5786 2064") only a "+" number is a
 * phone, and a number led by a year ("2024-091-9783") is a reference unless a phone word announces it.
 */
export function notAPhone(text: string, start: number, end: number, label: NumberLabel): boolean {
  const raw = text.slice(start, end).trim();
  if (/[,:]/.test(raw) || dateShape.test(raw) || decimalShape.test(raw)) return true;
  if (label === 'other' && !/^(?:\+|00)/.test(raw)) return true;
  if (label !== 'phone' && yearLed.test(raw)) return true;
  const before = text.slice(Math.max(0, start - 10), start);
  // A version, an amount, the decimals of a number ("-77.30208"), or part of an identifier ("2271726892_DOMAIN").
  if (/(?:\bv|\bversion\s*|\bbuild\s*|[$€£¥]\s?|\d[.,]|_)$/i.test(before)) return true;
  const after = text.slice(end, end + 5);
  if (/^(?:\s?(?:%|USD|EUR|GBP|CHF|JPY)\b|[.,]\d|_)/.test(after)) return true;
  // Versions: dotted short groups with a one-digit part ("3.11.2.7389"), unlike "06.12.34.56.78".
  const groups = raw.split('.');
  return groups.length > 2 && raw.replace(/\D/g, '').length <= 9 && groups.some((g) => g.length === 1);
}

// Optional +CC or 00CC, optional "(0)" trunk marker, optional bracketed area code, then up to seven
// groups joined by one space, dot, dash or slash; an extension may follow. Never glued to a word.
const shapePattern = /(?<![\p{L}\p{N}_+.\/-])((?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(0\)\s?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,6}(?:[ .\/-]\d{1,8}){0,6})(?:\s?(?:x|ext\.?)\s?\d{1,5}\b)?(?![\p{L}\p{N}_]|[.\/-]\d)/gu;

const callingCodes = new Set(getCountries().map((c) => getCountryCallingCode(c) as string));

function knownCallingCode(raw: string): boolean {
  const digits = raw.replace(/^(?:\+|00)/, '').replace(/\D/g, '');
  return [1, 2, 3].some((n) => callingCodes.has(digits.slice(0, n)));
}

export interface PhoneShape {
  start: number;
  end: number;
  /** A phone word stands right before it. */
  announced: boolean;
}

/**
 * Phone-shaped spans a reader would take for a phone number: 7–15 digits announced by a phone word, or
 * 8–15 digits written with "+" (or 00) and a calling code that exists.
 */
export function phoneShapes(text: string): PhoneShape[] {
  const found: PhoneShape[] = [];
  shapePattern.lastIndex = 0;
  for (let m = shapePattern.exec(text); m !== null; m = shapePattern.exec(text)) {
    const number = m[1] ?? '';
    const digits = number.replace(/\D/g, '').length;
    const start = m.index;
    const end = m.index + m[0].length;
    const label = labelBefore(text, start);
    const announced = label === 'phone';
    const international = /^(?:\+|00)/.test(number) && digits >= 8 && knownCallingCode(number);
    if (digits < 7 || digits > 15 || !(announced || international)) continue;
    if (notAPhone(text, start, start + number.length, label)) continue;
    found.push({ start, end, announced });
  }
  return found;
}
