import { getCountrySpecifications, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

// A country code and two check digits, then groups of up to four letters or digits joined by one space or
// dash (the printed form) or nothing (the electronic form). Slashes and double spaces end a candidate.
// Any case: people type "de89 3704 …" too, and the mod-97 check digits keep ordinary words out.
const candidatePattern = /(?<![\p{L}\p{N}_])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{1,4})+/giu;
const lengths = new Map<string, number>();
for (const [country, spec] of Object.entries(getCountrySpecifications())) {
  if (spec.chars) lengths.set(country, spec.chars);
}

/**
 * Country format and ISO 7064 mod-97 check digits. A failed national account checksum (Belgium, Czechia,
 * Norway, Poland …) does not clear the value: it is still someone's IBAN as written, mistyped or not, and
 * redaction must remove it. Only the two check digits are universal.
 */
function ibanValid(electronic: string): boolean {
  const errors = validateIBAN(electronic).errorCodes;
  return errors.every((e) => e === ValidationErrorsIBAN.WrongAccountBankBranchChecksum);
}

/**
 * People write the account part in one case, upper or lower ("GB29 nwbk 6016 …"); a mix inside it
 * ("LV80 bANK 0000 …", one of Presidio's must-not-detect cases) is not an IBAN as written.
 */
function oneCase(bban: string): boolean {
  return bban === bban.toUpperCase() || bban === bban.toLowerCase();
}

/**
 * The candidate is cut at exactly the country's IBAN length (ISO 13616 registry, via ibantools); a cut
 * inside a group is rejected, then the BBAN format and the ISO 7064 mod-97 check digits must hold.
 */
function ibanEnd(candidate: string): number | undefined {
  const length = lengths.get(candidate.slice(0, 2).toUpperCase());
  if (length === undefined) return undefined;
  let count = 0;
  let separator: string | undefined;
  for (let i = 0; i < candidate.length; i++) {
    const ch = candidate.charAt(i);
    if (ch === ' ' || ch === '-') {
      if (separator !== undefined && separator !== ch) return undefined;
      separator = ch;
      continue;
    }
    count++;
    if (count === length) {
      const next = candidate.charAt(i + 1);
      return next === '' || next === ' ' || next === '-' ? i + 1 : undefined;
    }
  }
  return undefined;
}

export function createIbanRecognizer(): Recognizer {
  return {
    name: 'iban',
    entities: ['IBAN_CODE'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const match of matchAll(candidatePattern, text)) {
        const end = ibanEnd(match[0]);
        const valid = end !== undefined && oneCase(match[0].slice(4, end)) && ibanValid(match[0].slice(0, end).replace(/[ -]/g, '').toUpperCase());
        // Resume right after a hit (the next IBAN may follow), or one character on after a miss.
        candidatePattern.lastIndex = match.index + (valid ? end : 1);
        if (!valid) continue;
        findings.push({ type: 'IBAN_CODE', start: match.index, end: match.index + end, score: 1, recognizer: 'iban' });
      }
      return findings;
    },
  };
}
