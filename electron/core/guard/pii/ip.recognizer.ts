import { isIPv4, isIPv6 } from 'node:net';
import type { Finding, Recognizer } from '../types.js';
import { boost, hasContext, matchAll } from './text-spans.js';

// IPv4: four dotted octets not glued to a word or to another dotted number on the left.
const ipv4Pattern = /(?<![\p{L}\p{N}_.])\d{1,3}(?:\.\d{1,3}){3}(?![\p{L}_]|\d)/gu;
// IPv6 candidates: runs of hex digits, colons and dots (for an embedded IPv4) with at least two colons.
const ipv6Candidate = /(?<![\p{L}\p{N}_:])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/gu;
const contextWords = /\b(?:ip|ipv4|ipv6|address|addr|host|server|gateway|from|src|dst|connect(?:ing|ed)?)\b/i;

/** A CIDR suffix that fits the address family extends the span; anything else is left out. */
function cidrLength(text: string, end: number, maxPrefix: number): number {
  const match = /^\/(\d{1,3})(?![\p{L}\p{N}_])/u.exec(text.slice(end, end + 5));
  return match && Number(match[1]) <= maxPrefix ? match[0].length : 0;
}

function trimCandidate(text: string, start: number, end: number): number | undefined {
  // Strip trailing punctuation a sentence adds ("...::1.") until the rest parses.
  for (let e = end; e > start + 1; e--) {
    const value = text.slice(start, e);
    if (isIPv6(value)) return e;
    const last = value.charAt(value.length - 1);
    if (last !== '.') return undefined;
  }
  return undefined;
}

export function createIpRecognizer(): Recognizer {
  return {
    name: 'ip',
    entities: ['IP_ADDRESS'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      const push = (start: number, end: number, base: number): void => {
        const score = hasContext(text, start, end, contextWords) ? boost(base, 0.2) : base;
        findings.push({ type: 'IP_ADDRESS', start, end, score, recognizer: 'ip' });
      };
      for (const match of matchAll(ipv6Candidate, text)) {
        const start = match.index;
        let end = trimCandidate(text, start, start + match[0].length);
        if (end === undefined) continue;
        const zone = /^%[A-Za-z0-9._-]+/.exec(text.slice(end, end + 32));
        if (zone) end += zone[0].length;
        if (/[\p{L}\p{N}_]/u.test(text.charAt(end))) continue; // "fe80::1text" is not an address
        end += cidrLength(text, end, 128);
        // The bare unspecified address "::" is as often punctuation as an address: low confidence.
        push(start, end, text.slice(start, end).replace(/\/\d+$/, '') === '::' ? 0.1 : 0.6);
      }
      for (const match of matchAll(ipv4Pattern, text)) {
        if (!isIPv4(match[0])) continue;
        const start = match.index;
        if (findings.some((f) => f.start <= start && f.end > start)) continue; // inside an IPv6 address
        const end = start + match[0].length;
        push(start, end + cidrLength(text, end, 32), 0.6);
      }
      return findings.sort((a, b) => a.start - b.start);
    },
  };
}
