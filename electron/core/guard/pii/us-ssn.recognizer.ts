import type { Finding, Recognizer } from '../types.js';
import { boost, hasContext, matchAll } from './text-spans.js';

// Well-formed AAA-GG-SSSS (dash, dot or space) scores medium; the run-together and oddly grouped forms
// Presidio also accepts ("078051121", "078-051121", "07805-1121") score low unless "ssn" is near.
const formatted = /(?<![\p{L}\p{N}_.-])(\d{3})([- .])(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[-.]\d)/gu;
const loose = /(?<![\p{L}\p{N}_.-])(?:\d{9}|\d{3}-\d{6}|\d{5}-\d{4})(?![\p{L}\p{N}_]|[-.]\d)/gu;
const contextWords = /\b(?:ssn|ssns|ssn#|ss#|ssid|social\s+security|social\s+sec)\b/i;

// Numbers the SSA never issues, plus famous published ones (the Woolworth wallet card, ad samples).
const invalidExamples = new Set(['078051120', '219099999', '457555462', '123456789', '111111111']);

export function ssnValid(digits: string): boolean {
  if (digits.length !== 9 || invalidExamples.has(digits) || /^(\d)\1{8}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  return digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

export function createUsSsnRecognizer(): Recognizer {
  return {
    name: 'us-ssn',
    entities: ['US_SSN'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      const push = (start: number, value: string, base: number): void => {
        if (!ssnValid(value.replace(/\D/g, ''))) return;
        const end = start + value.length;
        if (findings.some((f) => f.start === start && f.end === end)) return;
        const score = hasContext(text, start, end, contextWords) ? boost(base, 0.35) : base;
        findings.push({ type: 'US_SSN', start, end, score, recognizer: 'us-ssn' });
      };
      for (const match of matchAll(formatted, text)) push(match.index, match[0], 0.5);
      for (const match of matchAll(loose, text)) push(match.index, match[0], 0.05);
      return findings;
    },
  };
}
