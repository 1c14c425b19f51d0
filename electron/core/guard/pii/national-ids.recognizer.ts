import type { Finding, Recognizer } from '../types.js';
import {
  abaValid, finnishIdValid, luhnValid, nhsValid, peselValid, spanishLetterValid, thaiIdValid, turkishIdValid, validDate, verhoeffValid,
} from './checksums.js';
import { boost, hasContext, matchAll } from './text-spans.js';

// National identifiers with a check digit or a strict structure. Those made only of digits are still
// matched by chance (a Luhn check passes one random number in ten), so they score below the 0.4 redaction
// threshold unless a context word ("SIN", "PESEL", "NHS") is near; the structured ones (Finnish, Spanish,
// UK NINO) stand on their own.

interface IdSpec {
  entity: string;
  pattern: RegExp;
  valid: (match: RegExpExecArray) => boolean;
  score: number;
  context?: RegExp;
}

const noDigitAround = (body: string, flags = 'gu'): RegExp => new RegExp(`(?<![\\p{N}])(?:${body})(?![\\p{N}])`, flags);
const standalone = (body: string, flags = 'gu'): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, flags);
const digits = (value: string): string => value.replace(/\D/g, '');
const consistentSeparators = (value: string): boolean => new Set(value.match(/[ :-]/g) ?? []).size <= 1;

const specs: IdSpec[] = [
  {
    entity: 'CA_SIN', score: 0.3, context: /\b(?:sin|social\s+insurance|nas|assurance\s+sociale)\b/i,
    pattern: standalone('\\d{3}([ -]?)\\d{3}\\1\\d{3}'),
    valid: (m) => { const d = digits(m[0]); return !/^[08]/.test(d) && !/^(\d)\1{8}$/.test(d) && luhnValid(d); },
  },
  {
    entity: 'SE_PERSONNUMMER', score: 0.35, context: /\b(?:personnummer|pnr|personal\s+identity)\b/i,
    pattern: noDigitAround('(?:18|19|20)?\\d{6}[-+]?\\d{4}'),
    valid: (m) => {
      const d = digits(m[0]);
      const short = d.slice(-10);
      const day = Number(short.slice(4, 6));
      const year = d.length === 12 ? Number(d.slice(0, 4)) : 2000;
      return validDate(year, Number(short.slice(2, 4)), day > 60 ? day - 60 : day) && luhnValid(short);
    },
  },
  {
    entity: 'SE_ORGANISATIONSNUMMER', score: 0.3, context: /\b(?:organisationsnummer|orgnr|orgnummer|company\s+identity)\b/i,
    pattern: noDigitAround('\\d{6}-?\\d{4}'),
    valid: (m) => { const d = digits(m[0]); return Number(d.charAt(2)) >= 2 && luhnValid(d); },
  },
  {
    entity: 'FI_PERSONAL_IDENTITY_CODE', score: 0.9,
    pattern: noDigitAround('\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y](?![\\p{L}])'),
    valid: (m) => finnishIdValid(m[0]),
  },
  { entity: 'PL_PESEL', score: 0.35, context: /\bpesel\b/i, pattern: standalone('\\d{11}'), valid: (m) => peselValid(m[0]) },
  {
    entity: 'ES_NIF', score: 0.7, context: /\b(?:nif|dni|documento\s+nacional)\b/i,
    pattern: standalone('(\\d{7,8})-?([A-Za-z])'), valid: (m) => spanishLetterValid(m[1] ?? '', m[2] ?? ''),
  },
  {
    entity: 'ES_NIE', score: 0.8, context: /\b(?:nie|extranjero)\b/i,
    pattern: standalone('([XYZxyz])(\\d{7})-?([A-Za-z])'),
    valid: (m) => spanishLetterValid(`${'XYZ'.indexOf((m[1] ?? 'X').toUpperCase())}${m[2] ?? ''}`, m[3] ?? ''),
  },
  { entity: 'TH_TNIN', score: 0.35, context: /\b(?:thai|tnin|national\s+id)\b|ประชาชน/i, pattern: standalone('\\d{13}'), valid: (m) => thaiIdValid(m[0]) },
  { entity: 'TR_NATIONAL_ID', score: 0.35, context: /\b(?:tc|tckn|kimlik|turkish\s+id)\b/i, pattern: standalone('\\d{11}'), valid: (m) => turkishIdValid(m[0]) },
  {
    entity: 'ZA_ID_NUMBER', score: 0.35, context: /\b(?:south\s+african|rsa|sa)\s+id\b|\bid\s+number\b|\bresident\b/i,
    pattern: standalone('\\d{13}'),
    valid: (m) => {
      const d = m[0];
      const yy = Number(d.slice(0, 2));
      return validDate(yy > 30 ? 1900 + yy : 2000 + yy, Number(d.slice(2, 4)), Number(d.slice(4, 6))) && '012'.includes(d.charAt(10)) && luhnValid(d);
    },
  },
  {
    entity: 'IN_AADHAAR', score: 0.35, context: /\b(?:aadhaar|aadhar|uidai)\b/i,
    pattern: standalone('[2-9]\\d{3}([ :-]?)\\d{4}\\1\\d{4}'),
    valid: (m) => { const d = digits(m[0]); return consistentSeparators(m[0]) && d !== [...d].reverse().join('') && verhoeffValid(d); },
  },
  {
    entity: 'US_NPI', score: 0.3, context: /\b(?:npi|provider)\b/i,
    pattern: standalone('[12]\\d{3}([ -]?)\\d{3}\\1\\d{3}'),
    valid: (m) => { const d = digits(m[0]); return !/^(\d)\1+\d$/.test(d) && luhnValid(`80840${d}`); },
  },
  { entity: 'UK_NHS', score: 0.3, context: /\bnhs\b/i, pattern: standalone('\\d{3}([ -]?)\\d{3}\\1\\d{4}'), valid: (m) => nhsValid(digits(m[0])) },
  { entity: 'ABA_ROUTING_NUMBER', score: 0.3, context: /\b(?:routing|aba|rtn)\b/i, pattern: standalone('\\d{9}|\\d{4}-\\d{4}-\\d'), valid: (m) => abaValid(digits(m[0])) },
  {
    entity: 'UK_NINO', score: 0.5, context: /\b(?:nino|national\s+insurance)\b/i,
    pattern: standalone('(?!bg|gb|nk|kn|tn|nt|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\\d{2} ?\\d{2} ?\\d{2} ?[a-d]', 'giu'),
    valid: (m) => { const spaces = (m[0].match(/ /g) ?? []).length; return spaces === 0 || spaces === 4 || (spaces === 2 && / \d{6} /.test(m[0])) || / \d{6}[a-d]$/i.test(m[0]); },
  },
];

export const nationalIdEntities = specs.map((s) => s.entity);

export function createNationalIdsRecognizer(): Recognizer {
  return {
    name: 'national-ids',
    entities: [...new Set(nationalIdEntities)],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const spec of specs) {
        for (const match of matchAll(spec.pattern, text)) {
          if (!spec.valid(match)) continue;
          const start = match.index;
          const end = start + match[0].length;
          const score = spec.context && hasContext(text, start, end, spec.context, 48) ? boost(spec.score, 0.4) : spec.score;
          findings.push({ type: spec.entity, start, end, score, recognizer: 'national-ids' });
        }
      }
      return findings;
    },
  };
}
