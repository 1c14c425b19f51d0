import type { Finding, Recognizer } from '../types.js';
import { countryIdRecognizers } from './country-ids.js';
import { createCreditCardRecognizer } from './credit-card.recognizer.js';
import { createCryptoWalletRecognizer } from './crypto-wallet.recognizer.js';
import { createDateOfBirthRecognizer } from './date-of-birth.recognizer.js';
import { createDateRecognizer } from './date.recognizer.js';
import { createEmailRecognizer } from './email.recognizer.js';
import { createIbanRecognizer } from './iban.recognizer.js';
import { createIpRecognizer } from './ip.recognizer.js';
import { createMacAddressRecognizer } from './mac-address.recognizer.js';
import { createNationalIdsRecognizer } from './national-ids.recognizer.js';
import { createNerRecognizer } from './ner.recognizer.js';
import { createPhoneRecognizer } from './phone.recognizer.js';
import { createUrlRecognizer } from './url.recognizer.js';
import { createUsIdentifiersRecognizer } from './us-identifiers.recognizer.js';
import { createUsSsnRecognizer } from './us-ssn.recognizer.js';

export interface AnalyzeOptions {
  /** Entity types to report; all the recognizers know when omitted. */
  entities?: readonly string[];
  /** Findings scoring below this are dropped before overlaps are resolved. */
  minScore?: number;
}

export function defaultPiiRecognizers(): Recognizer[] {
  return [
    createEmailRecognizer(), createPhoneRecognizer(), createCreditCardRecognizer(), createIbanRecognizer(),
    createUsSsnRecognizer(), createIpRecognizer(), createUrlRecognizer(), createDateRecognizer(),
    createDateOfBirthRecognizer(), createNerRecognizer(), createCryptoWalletRecognizer(), createMacAddressRecognizer(),
    createUsIdentifiersRecognizer(), createNationalIdsRecognizer(), ...countryIdRecognizers(),
  ];
}

/**
 * One non-overlapping set of findings: the higher score wins a clash, then the longer span, then the
 * earlier one. A redactor needs exactly this; an e-mail's domain is not also reported as a URL.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const ranked = [...findings].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const finding of ranked) {
    if (kept.some((k) => finding.start < k.end && k.start < finding.end)) continue;
    kept.push(finding);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// Above the best score a costly recognizer gives (a phone number with context: 0.75).
const claimScore = 0.75;

/** Replaces claimed spans with spaces, keeping every offset valid. */
function blankOut(text: string, claimed: readonly Finding[]): string {
  if (claimed.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of [...claimed].sort((a, b) => a.start - b.start)) {
    if (f.start < at) { out += ' '.repeat(Math.max(0, f.end - at)); at = Math.max(at, f.end); continue; }
    out += text.slice(at, f.start) + ' '.repeat(f.end - f.start);
    at = f.end;
  }
  return out + text.slice(at);
}

export class PiiAnalyzer {
  constructor(private readonly recognizers: readonly Recognizer[] = defaultPiiRecognizers()) {}

  get entities(): string[] {
    return [...new Set(this.recognizers.flatMap((r) => r.entities))];
  }

  analyze(text: string, options: AnalyzeOptions = {}): Finding[] {
    const wanted = options.entities ? new Set(options.entities) : undefined;
    const minScore = options.minScore ?? 0;
    const all: Finding[] = [];
    const run = (recognizer: Recognizer, input: string): void => {
      if (wanted && !recognizer.entities.some((e) => wanted.has(e))) return;
      for (const finding of recognizer.analyze(input)) {
        if (finding.score >= minScore && (!wanted || wanted.has(finding.type))) all.push(finding);
      }
    };
    for (const recognizer of this.recognizers) if (!recognizer.costly) run(recognizer, text);
    const costly = this.recognizers.filter((r) => r.costly);
    if (costly.length > 0) {
      const masked = blankOut(text, all.filter((f) => f.score > claimScore));
      for (const recognizer of costly) run(recognizer, masked);
    }
    return resolveOverlaps(all);
  }
}
