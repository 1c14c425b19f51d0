import type { Recognizer } from '../types.js';
import {
  deDocumentNumberValid, deHealthInsuranceValid, deLanrValid, deSocialSecurityValid, deTaxIdValid, deVatIdValid, kvRegions,
} from './de-checksums.js';
import { createIdRecognizer, digitsOf, token, type IdPattern } from './id-patterns.js';

// German identifiers: tax, social and health insurance numbers, documents, physician and practice numbers,
// commercial register entries, licence plates and postcodes. Check digits are tested where the issuer
// publishes them (de-checksums.ts); the rest stand on their layout and on context words.

export interface DeIdentifiersOptions {
  /**
   * Drop a USt-IdNr. whose check digit does not fit. Off by default, as in Presidio: the BZSt does not
   * publish the algorithm, so such a match is kept, below the redaction threshold.
   */
  strictVatChecksum?: boolean;
}

const context = {
  taxId: /\b(?:steuer-?id(?:nr)?|steueridentifikationsnummer|(?:steuerliche\s+)?identifikationsnummer|idnr|tax\s+id|tin)\b/i,
  taxNumber: /\b(?:steuernummer|steuer-?nr|st\.?-?nr|finanzamt|(?:umsatz|einkommen|gewerbe)steuer)/i,
  vat: /\b(?:ust-?id(?:nr)?|umsatzsteuer\w*|mehrwertsteuer|vat|rechnung|invoices?)\b/i,
  health: /\b(?:kvnr|krankenversicherte?n?nummer|versichertennummer|krankenkasse|krankenversicherung|gesundheitskarte|egk|gkv|aok|barmer|dak)\b/i,
  social: /\b(?:rvnr|svnr|sv-?nummer|(?:renten|sozial)?versicherungsnummer|rentenversicherung|sozialversicherung)/i,
  lanr: /\b(?:lanr|arztnummer|arzt-?nr|arzt)/i,
  bsnr: /\b(?:bsnr|betriebsstätte|praxisnummer|kv-?nummer|kassenärztliche\s+vereinigung)/i,
  passport: /\b(?:reisepass(?:nummer)?|pass(?:nummer|-?nr)?|passport|dokumentennummer|mrz)\b/i,
  idCard: /\b(?:personalausweis(?:nummer)?|ausweis(?:nummer|dokument)?|identity\s+card|id\s+card)\b/i,
  licence: /f(?:ü|ue)hrerschein|fahrerlaubnis|driv(?:ing|er'?s)\s+licen[cs]e|licen[cs]e\s+number/i,
  plate: /kennzeichen|nummernschild|\bkfz\b|fahrzeug|\bauto\b|\bpkw\b|\blkw\b|zulassung/i,
  postcode: /\b(?:plz|postleitzahl|wohnort|wohnhaft|postfach|hausnummer)\b|(?:adresse|anschrift|stra(?:ß|ss)e)\b|str\.(?=\s)/i,
  register: /\b(?:handelsregister|registergericht|amtsgericht|hr-?nummer)/i,
};

// ICAO letters: consonants only (no vowels, B, D, Q, S); an ID card number opens with one of ten of them.
const icao = 'CFGHJKLMNPRTVWXYZ';
const documentVerdict = (m: RegExpExecArray): boolean | 'weak' => deDocumentNumberValid(m[0]) && (m[0].length === 10 || 'weak');

function patterns(options: DeIdentifiersOptions): IdPattern[] {
  return [
    {
      entity: 'DE_TAX_ID', score: 0.3, context: context.taxId,
      pattern: token('\\d{2} \\d{3} \\d{3} \\d{3}|\\d{11}'), check: (m) => deTaxIdValid(digitsOf(m[0])),
    },
    { entity: 'DE_TAX_NUMBER', score: 0.1, context: context.taxNumber, pattern: token('(?:0[1-9]|1[0-6])\\d{11}') },
    // Regional forms with slashes: 3/3/5 (Bavaria, Baden-Württemberg), 2/3/5 (Berlin, Hamburg), 3/4/4 (NRW) …
    { entity: 'DE_TAX_NUMBER', score: 0.1, context: context.taxNumber, pattern: token('\\d{2,3}/\\d{3,4}/\\d{4,5}') },
    {
      entity: 'DE_VAT_ID', score: 0.7, weakScore: 0.2, context: context.vat,
      pattern: token('DE[ .-]?\\d{3}[ .-]?\\d{3}[ .-]?\\d{3}', 'giu'),
      check: (m) => deVatIdValid(digitsOf(m[0])) || (options.strictVatChecksum ? false : 'weak'),
    },
    {
      entity: 'DE_HEALTH_INSURANCE', score: 0.3, context: context.health,
      pattern: token('[A-Z]\\d{9}', 'giu'), check: (m) => deHealthInsuranceValid(m[0]),
    },
    {
      entity: 'DE_SOCIAL_SECURITY', score: 0.5, context: context.social,
      pattern: token('\\d{8}[A-Z]\\d{3}', 'giu'), check: (m) => deSocialSecurityValid(m[0]),
    },
    { entity: 'DE_LANR', score: 0.1, context: context.lanr, pattern: token('\\d{9}'), check: (m) => deLanrValid(m[0]) },
    // No public check digit: the region code is all there is, and 9-digit numbers are everywhere.
    { entity: 'DE_BSNR', score: 0.1, context: context.bsnr, needsContext: true, pattern: token('\\d{9}'), check: (m) => kvRegions.has(m[0].slice(0, 2)) },
    // Nine characters alone are unverified (weak); with the MRZ check digit as a tenth they are confirmed.
    {
      entity: 'DE_PASSPORT', score: 0.5, weakScore: 0.1, context: context.passport,
      pattern: token(`[${icao}][${icao}0-9]{8}\\d?`, 'giu'), check: documentVerdict,
    },
    {
      entity: 'DE_ID_CARD', score: 0.5, weakScore: 0.1, context: context.idCard,
      pattern: token(`[LMNPRTVWXY][${icao}0-9]{8}\\d?`, 'giu'), check: documentVerdict,
    },
    // EU card format since 2013 as Presidio writes it; the check character's algorithm is not published.
    { entity: 'DE_FUEHRERSCHEIN', score: 0.2, context: context.licence, pattern: token('[A-Z]{2}\\d{8}[A-Z0-9]', 'giu') },
    // The general form: 4-character authority code, 5-character serial, check digit, issue counter
    // (B072RRE2I55). Eleven letters and digits alone say nothing, so only next to "Führerschein".
    {
      entity: 'DE_FUEHRERSCHEIN', score: 0.2, context: context.licence, needsContext: true,
      pattern: token('[A-Z][A-Z0-9]{8}\\d[A-Z0-9]'), check: (m) => digitsOf(m[0]).length >= 3,
    },
    {
      entity: 'DE_HANDELSREGISTER', score: 0.5, context: context.register, pattern: token('HR[AB] ?\\d{1,6}', 'giu'),
    },
    // District (1-3 letters), 1-2 letters, 1-4 digits without a leading zero, E (electric) or H (historic).
    {
      entity: 'DE_KFZ', score: 0.2, context: context.plate,
      pattern: token('[A-ZÄÖÜ]{1,3}[ -][A-Z]{1,2}[ -][1-9]\\d{0,3}[EH]?'),
    },
    // In lower case the same layout reads "up to 100", "in an 2020": only with a context word.
    {
      entity: 'DE_KFZ', score: 0.2, context: context.plate, needsContext: true,
      pattern: token('[A-ZÄÖÜ]{1,3}[ -][A-Z]{1,2}[ -][1-9]\\d{0,3}[EH]?', 'giu'),
    },
    // Five bare digits are US ZIP codes, amounts, order numbers: a postcode needs an address word near.
    {
      entity: 'DE_PLZ', score: 0.05, context: context.postcode, needsContext: true,
      pattern: token('\\d{5}'), check: (m) => Number(m[0]) >= 1001 && Number(m[0]) <= 99998,
    },
  ];
}

export function createDeIdentifiersRecognizer(options: DeIdentifiersOptions = {}): Recognizer {
  return createIdRecognizer('de-identifiers', patterns(options));
}
