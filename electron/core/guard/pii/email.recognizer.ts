import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

// Local part per RFC 5322's common subset; the domain needs at least two labels and a real-looking TLD
// (letters, or an IDN's punycode `xn--` form), so "info@presidio." is not an address.
const emailPattern =
  /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})(?![\p{L}\p{N}_-])/gu;

export function createEmailRecognizer(): Recognizer {
  return {
    name: 'email',
    entities: ['EMAIL_ADDRESS'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const match of matchAll(emailPattern, text)) {
        const value = match[0];
        if (value.startsWith('.') || value.includes('..')) continue;
        findings.push({ type: 'EMAIL_ADDRESS', start: match.index, end: match.index + value.length, score: 1, recognizer: 'email' });
      }
      return findings;
    },
  };
}
