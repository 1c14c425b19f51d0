import { findNumbers, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import type { Finding, Recognizer } from '../types.js';
import { labelBefore, notAPhone, phoneShapes } from './phone-shapes.js';
import { boost, hasContext } from './text-spans.js';

/** Presidio's leniency levels: 0 POSSIBLE, 1 VALID, 2 STRICT_GROUPING, 3 EXACT_GROUPING. */
export type PhoneLeniency = 0 | 1 | 2 | 3;

export interface PhoneRecognizerOptions {
  /** Entity type to emit; country-specific variants (PH_MOBILE_NUMBER, TR_PHONE_NUMBER) reuse this code. */
  entity?: string;
  /** Regions whose national formats are accepted; numbers written with +CC are found whatever the list. */
  regions?: readonly CountryCode[];
  leniency?: PhoneLeniency;
  /** When set, a number written in national form must start with this trunk prefix ("0917…", not "917…"). */
  nationalPrefix?: string;
  /**
   * Also report what a reader takes for a phone number though libphonenumber cannot validate it for the
   * regions asked: digits after a phone word, or written with "+" and a calling code (phone-shapes.ts).
   * On for PHONE_NUMBER; the country variants keep their exact national rules.
   */
  readerShapes?: boolean;
}

// Presidio's default regions plus the largest economies whose national formats show up in English text.
export const defaultPhoneRegions: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IL', 'IN', 'CA', 'BR', 'JP', 'CN', 'AU'];
const contextWords = /\b(?:phone|tel|telephone|mobile|cell|cellphone|call|fax|whatsapp|contact|number)\b/i;
// libphonenumber-js implements POSSIBLE and VALID; the two grouping levels fall back to VALID.
const leniencyNames = ['POSSIBLE', 'VALID', 'VALID', 'VALID'] as const;
// libphonenumber scans the whole text once per region (≈1 ms per region per 2 kB). Runs of at least seven
// digits with phone punctuation are found first and only small windows around them are handed over.
const candidatePattern = /(?:\+|\b00)?\(?\d(?:[ \t().\/-]{0,3}\d){6,}\)?/g;
const windowPad = 4;

// Loose supersets of each region's national formats (digits only, trunk prefix included). A region whose
// shape cannot fit a candidate's digits is not asked, which skips most of libphonenumber's ≈80 µs calls.
// Regions without a shape here are always asked.
const nationalShapes: Partial<Record<CountryCode, RegExp>> = {
  US: /^1?[2-9]\d{9}$/, CA: /^1?[2-9]\d{9}$/, GB: /^0\d{9,10}$/, DE: /^0\d{5,14}$/, FR: /^0\d{9}$/,
  IL: /^0\d{7,9}$|^1\d{6,10}$/, IN: /^0?\d{10}$|^0\d{9,11}$/, BR: /^0?\d{10,12}$/, JP: /^0\d{8,10}$/,
  CN: /^0?1\d{10}$|^0\d{9,11}$/, AU: /^0\d{9}$|^1\d{5,9}$/,
};

function candidateWindows(text: string): Array<{ start: number; end: number }> {
  const windows: Array<{ start: number; end: number }> = [];
  candidatePattern.lastIndex = 0;
  for (let m = candidatePattern.exec(text); m !== null; m = candidatePattern.exec(text)) {
    const start = Math.max(0, m.index - windowPad);
    const end = Math.min(text.length, m.index + m[0].length + windowPad);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

/** Digits of every run of up to five consecutive digit groups: "052 5552606 074-7111234" holds two numbers. */
function groupSpans(slice: string): string[] {
  const spans: string[] = [];
  for (const run of slice.match(/\d(?:[ \t().\/-]{0,3}\d)*/g) ?? []) {
    const groups = run.split(/\D+/).filter((g) => g !== '');
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j <= Math.min(groups.length, i + 5); j++) spans.push(groups.slice(i, j).join(''));
    }
  }
  return spans;
}

export function createPhoneRecognizer(options: PhoneRecognizerOptions = {}): Recognizer {
  const entity = options.entity ?? 'PHONE_NUMBER';
  const regions = options.regions ?? defaultPhoneRegions;
  const leniency = leniencyNames[options.leniency ?? 1];
  const name = entity === 'PHONE_NUMBER' ? 'phone' : `phone:${entity.toLowerCase()}`;
  const readerShapes = options.readerShapes ?? entity === 'PHONE_NUMBER';
  return {
    name,
    entities: [entity],
    costly: true,
    analyze(text: string): Finding[] {
      const spans = new Map<string, Finding>();
      for (const window of candidateWindows(text)) {
        const slice = text.slice(window.start, window.end);
        const international = /(?:^|[^\d])(?:\+|00)\s*\(?\d/.test(slice);
        const digitRuns = groupSpans(slice);
        const asked = regions.filter((region, i) => {
          if (international && i === 0) return true; // +CC numbers parse the same whatever the region
          const shape = nationalShapes[region];
          if (!shape) return true;
          const code = getCountryCallingCode(region);
          // Also "91-415-555-0132": the calling code written without its plus.
          return digitRuns.some((d) => shape.test(d) || (d.startsWith(code) && (shape.test(d.slice(code.length)) || shape.test(`0${d.slice(code.length)}`))));
        });
        for (const region of asked) {
          const found = findNumbers(slice, { defaultCountry: region, v2: true, leniency } as { defaultCountry: CountryCode; v2: true });
          for (const hit of found) {
            const start = window.start + hit.startsAt;
            const end = window.start + hit.endsAt;
            const raw = text.slice(start, end);
            const international = /^\s*(?:\+|00)/.test(raw);
            if (!international && options.nationalPrefix && !raw.replace(/\D/g, '').startsWith(options.nationalPrefix)) continue;
            if (!international && hit.number.country !== region) continue;
            const key = `${start}:${end}`;
            if (spans.has(key) || notAPhone(text, start, end, labelBefore(text, start))) continue;
            const score = hasContext(text, start, end, contextWords) ? boost(0.4, 0.35) : 0.4;
            spans.set(key, { type: entity, start, end, score, recognizer: name });
          }
        }
      }
      if (readerShapes) {
        for (const shape of phoneShapes(text)) {
          const key = `${shape.start}:${shape.end}`;
          // Announced: as sure as a validated number with context; a bare "+CC" shape: as a validated one.
          const score = shape.announced ? 0.6 : 0.4;
          const validated = [...spans.values()].filter((f) => f.start >= shape.start && f.end <= shape.end);
          spans.set(key, { type: entity, start: shape.start, end: shape.end, score: Math.max(score, ...validated.map((f) => f.score)), recognizer: name });
        }
      }
      return dropContained([...spans.values()]);
    },
  };
}

/** Different regions may read different spans out of one number; keep the longest. */
function dropContained(findings: Finding[]): Finding[] {
  return findings
    .filter((f) => !findings.some((g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start))
    .sort((a, b) => a.start - b.start);
}
