import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

// Six hex pairs joined by one kind of separator, or Cisco's three dotted quads. The all-zero and
// broadcast addresses identify no device, so they are not personal data.
const macPattern = /(?<![\p{L}\p{N}_:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\p{L}\p{N}_]|[:.-][0-9A-Fa-f])/gu;

export function createMacAddressRecognizer(): Recognizer {
  return {
    name: 'mac-address',
    entities: ['MAC_ADDRESS'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const match of matchAll(macPattern, text)) {
        const hex = match[0].replace(/[:.-]/g, '').toLowerCase();
        if (hex === '000000000000' || hex === 'ffffffffffff') continue;
        findings.push({ type: 'MAC_ADDRESS', start: match.index, end: match.index + match[0].length, score: 0.8, recognizer: 'mac-address' });
      }
      return findings;
    },
  };
}
