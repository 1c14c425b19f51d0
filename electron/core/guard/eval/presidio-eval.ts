import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CountryCode } from 'libphonenumber-js/max';
import { countryIdRecognizers } from '../pii/country-ids.js';
import { createCreditCardRecognizer } from '../pii/credit-card.recognizer.js';
import { createCryptoWalletRecognizer } from '../pii/crypto-wallet.recognizer.js';
import { createDateRecognizer } from '../pii/date.recognizer.js';
import { createDeIdentifiersRecognizer } from '../pii/de-identifiers.recognizer.js';
import { createDenyListRecognizer } from '../pii/deny-list.recognizer.js';
import { createEmailRecognizer } from '../pii/email.recognizer.js';
import { createIbanRecognizer } from '../pii/iban.recognizer.js';
import { createIpRecognizer } from '../pii/ip.recognizer.js';
import { createMacAddressRecognizer } from '../pii/mac-address.recognizer.js';
import { createNationalIdsRecognizer, nationalIdEntities } from '../pii/national-ids.recognizer.js';
import { createNerRecognizer } from '../pii/ner.recognizer.js';
import { createPhoneRecognizer, type PhoneLeniency } from '../pii/phone.recognizer.js';
import { createUrlRecognizer } from '../pii/url.recognizer.js';
import { createUsIdentifiersRecognizer } from '../pii/us-identifiers.recognizer.js';
import { createUsSsnRecognizer } from '../pii/us-ssn.recognizer.js';
import type { Recognizer } from '../types.js';

// Scores our recognizers on Presidio's own parametrized test cases (../shared/eval/pii/presidio-tests):
// a case passes when the recognizer reports exactly the expected number of spans of the entity under test
// and every expected [start, end] among them. Presidio's expected scores are not compared: ours differ.

export interface PresidioCase {
  source_file: string;
  /** The pytest function: it tells which configuration of the recognizer Presidio tested. */
  test_function?: string;
  recognizer: string | null;
  entities: string[] | null;
  text: string;
  expected_len?: number;
  expected_positions?: number[][];
  expected_res?: number[][];
  expected_position?: number[];
  expected_start?: number;
  expected_end?: number;
  entity_num?: number;
  leniency?: number;
  deny_list?: string[];
}

export interface RecognizerScore {
  /** Presidio's recognizer (or test file) the cases come from. */
  presidio: string;
  /** Our recognizer that answered them, or null when Enclave has none for this entity. */
  ours: string | null;
  cases: number;
  unscored: number;
  passed: number;
  mustDetect: { cases: number; passed: number };
  mustNotDetect: { cases: number; passed: number };
  failures: Array<{ text: string; expected: string; got: string }>;
}

export function loadPresidioCases(dir: string): PresidioCase[] {
  return readFileSync(path.join(dir, 'presidio_recognizer_cases.jsonl'), 'utf8')
    .split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as PresidioCase);
}

export function presidioGroup(c: PresidioCase): string {
  if (c.recognizer && c.recognizer !== 'PhoneRecognizer') return c.recognizer;
  const stem = path.basename(c.source_file, '.py').replace(/^test_/, '');
  return stem.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

const cache = new Map<string, Recognizer>();
const cached = (key: string, make: () => Recognizer): Recognizer => {
  let recognizer = cache.get(key);
  if (!recognizer) cache.set(key, (recognizer = make()));
  return recognizer;
};

/** Which of our recognizers answers a case, and for which entity type; undefined when we have none. */
export function recognizerFor(c: PresidioCase): { recognizer: Recognizer; entity: string } | undefined {
  const entity = c.entities?.[c.entity_num ?? 0] ?? 'DENY_LIST';
  const phone = (regions: CountryCode[] | undefined, nationalPrefix?: string): Recognizer =>
    cached(`phone:${entity}:${c.leniency ?? 1}`, () =>
      createPhoneRecognizer({ entity, leniency: (c.leniency ?? 1) as PhoneLeniency, ...(regions ? { regions } : {}), ...(nationalPrefix ? { nationalPrefix } : {}) }));
  switch (entity) {
    case 'EMAIL_ADDRESS': return { recognizer: cached('email', createEmailRecognizer), entity };
    case 'PHONE_NUMBER': return { recognizer: phone(undefined), entity };
    case 'PH_MOBILE_NUMBER': return { recognizer: phone(['PH'], '0'), entity };
    case 'TR_PHONE_NUMBER': return { recognizer: phone(['TR']), entity };
    case 'CREDIT_CARD': return { recognizer: cached('cc', createCreditCardRecognizer), entity };
    case 'IBAN_CODE': return { recognizer: cached('iban', createIbanRecognizer), entity };
    case 'US_SSN': return { recognizer: cached('ssn', createUsSsnRecognizer), entity };
    case 'IP_ADDRESS': return { recognizer: cached('ip', createIpRecognizer), entity };
    case 'URL': return { recognizer: cached('url', createUrlRecognizer), entity };
    case 'DATE_TIME': return { recognizer: cached('date', createDateRecognizer), entity };
    case 'PERSON': return { recognizer: cached('ner', createNerRecognizer), entity };
    case 'CRYPTO': return { recognizer: cached('crypto', createCryptoWalletRecognizer), entity };
    case 'MAC_ADDRESS': return { recognizer: cached('mac', createMacAddressRecognizer), entity };
    case 'US_PASSPORT': case 'US_BANK_NUMBER': case 'US_DRIVER_LICENSE': case 'US_ITIN':
      return { recognizer: cached('us', createUsIdentifiersRecognizer), entity };
    case 'DENY_LIST':
      return c.deny_list ? { recognizer: createDenyListRecognizer({ entity, terms: c.deny_list }), entity } : undefined;
    default:
      if (nationalIdEntities.includes(entity)) return { recognizer: cached('national', createNationalIdsRecognizer), entity };
      // Presidio tests its USt-IdNr. recognizer twice: by default, and with strict_checksum=True.
      if (entity === 'DE_VAT_ID' && c.test_function?.includes('strict_mode')) {
        return { recognizer: cached('de:strict-vat', () => createDeIdentifiersRecognizer({ strictVatChecksum: true })), entity };
      }
      return countryRecognizer(entity);
  }
}

let countries: Recognizer[] | undefined;
function countryRecognizer(entity: string): { recognizer: Recognizer; entity: string } | undefined {
  const recognizer = (countries ??= countryIdRecognizers()).find((r) => r.entities.includes(entity));
  return recognizer ? { recognizer, entity } : undefined;
}

function expectedSpans(c: PresidioCase): number[][] | undefined {
  if (c.expected_positions) return c.expected_positions;
  if (c.expected_res) return c.expected_res;
  if (c.expected_position) return [c.expected_position];
  if (c.expected_start !== undefined && c.expected_end !== undefined) return [[c.expected_start, c.expected_end]];
  return undefined;
}

/** null when the case states no expectation we can check. */
export function checkCase(c: PresidioCase, recognizer: Recognizer, entity: string): { pass: boolean; expected: number; got: string } | null {
  const spans = expectedSpans(c);
  const expected = c.expected_len ?? spans?.length;
  if (expected === undefined) return null;
  const found = recognizer.analyze(c.text).filter((f) => f.type === entity);
  const countOk = found.length === expected;
  // Presidio's IN_AADHAAR cases give a position even when expecting nothing; positions count only for hits.
  const positionsOk = expected === 0 || (spans ?? []).every(([s, e]) => found.some((f) => f.start === s && f.end === e));
  return { pass: countOk && positionsOk, expected, got: JSON.stringify(found.map((f) => [f.start, f.end])) };
}

export function scorePresidioCases(cases: readonly PresidioCase[]): RecognizerScore[] {
  const groups = new Map<string, RecognizerScore>();
  for (const c of cases) {
    const name = presidioGroup(c);
    const match = recognizerFor(c);
    let score = groups.get(name);
    if (!score) {
      score = { presidio: name, ours: match?.recognizer.name ?? null, cases: 0, unscored: 0, passed: 0, mustDetect: { cases: 0, passed: 0 }, mustNotDetect: { cases: 0, passed: 0 }, failures: [] };
      groups.set(name, score);
    }
    score.cases++;
    const result = match ? checkCase(c, match.recognizer, match.entity) : null;
    if (!match) continue;
    if (!result) { score.unscored++; continue; }
    const bucket = result.expected > 0 ? score.mustDetect : score.mustNotDetect;
    bucket.cases++;
    if (result.pass) { bucket.passed++; score.passed++; }
    else score.failures.push({ text: c.text, expected: JSON.stringify(expectedSpans(c) ?? result.expected), got: result.got });
  }
  return [...groups.values()].sort((a, b) => (a.ours === null ? 1 : 0) - (b.ours === null ? 1 : 0) || a.presidio.localeCompare(b.presidio));
}

export const passRate = (s: { cases: number; passed: number }): number => (s.cases === 0 ? 1 : s.passed / s.cases);
