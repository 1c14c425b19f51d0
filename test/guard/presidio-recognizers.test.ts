import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPresidioCases, passRate, scorePresidioCases, type RecognizerScore } from '../../electron/core/guard/eval/presidio-eval.js';
import { PiiAnalyzer } from '../../electron/core/guard/pii/pii-analyzer.js';
import { redact } from '../../electron/core/guard/redactor.js';
import { presidioDir } from './guard-fixtures.js';

// Floors we actually reach on Presidio's recognizer cases (measured; see bench/guard.bench.ts). All 1,557
// cases are read, and every Presidio recognizer in them has an Enclave counterpart.
// Below 1.0 only where Presidio's own expectations differ from ours: PhoneRecognizer's STRICT/EXACT_GROUPING
// leniency cases (libphonenumber-js implements POSSIBLE and VALID only) and the transformers model's
// convention of including "Mr." in a PERSON span and "year" in "year 1972" (spaCy and Stanza exclude them).
const floors: Record<string, number> = {
  CreditCardRecognizer: 1, CryptoRecognizer: 1, DateRecognizer: 1, EmailRecognizer: 1, IbanRecognizer: 1,
  IpRecognizer: 1, MacAddressRecognizer: 1, PatternRecognizer: 1, PhMobileNumberRecognizer: 1, PhoneRecognizer: 0.9,
  SpacyRecognizer: 1, StanzaRecognizer: 1, TransformersRecognizer: 0.75, TrPhoneNumberRecognizer: 1, UrlRecognizer: 1,
  UsBankRecognizer: 1, UsItinRecognizer: 1, UsLicenseRecognizer: 1, UsPassportRecognizer: 1, UsSsnRecognizer: 1,
  // National identifiers with check digits (national-ids.recognizer.ts). UK NINO misses one case whose
  // expected span starts on the space before the number.
  AbaRoutingRecognizer: 1, CaSinRecognizer: 1, EsNieRecognizer: 1, EsNifRecognizer: 1, FiPersonalIdentityCodeRecognizer: 1,
  InAadhaarRecognizer: 1, NhsRecognizer: 1, PlPeselRecognizer: 1, SeOrganisationsnummerRecognizer: 1, SePersonnummerRecognizer: 1,
  ThTninRecognizer: 1, TrNationalIdRecognizer: 1, UkNinoRecognizer: 0.9, UsNpiRecognizer: 1, ZaIdNumberRecognizer: 1,
  // Country-specific identifiers (country-ids.ts), by country.
  AuAbnRecognizer: 1, AuAcnRecognizer: 1, AuMedicareRecognizer: 1, AuTfnRecognizer: 1,
  DeBsnrRecognizer: 1, DeFuehrerscheinRecognizer: 1, DeHandelsregisterRecognizer: 1, DeHealthInsuranceRecognizer: 1,
  DeLanrRecognizer: 1, DeSocialSecurityRecognizer: 1, DeTaxIdRecognizer: 1, DeTaxNumberRecognizer: 1, DeVatIdRecognizer: 1,
  EsPassportRecognizer: 1, InGstinRecognizer: 1, InPassportRecognizer: 1, InVehicleRegistrationRecognizer: 1, InVoterRecognizer: 1,
  ItDriverLicenseRecognizer: 1, ItFiscalCodeRecognizer: 1, ItIdentityCardRecognizer: 1, ItPassportRecognizer: 1, ItVatCodeRecognizer: 1,
  KrBrnRecognizer: 1, KrDriverLicenseRecognizer: 1, KrFrnRecognizer: 1, KrPassportRecognizer: 1, KrRrnRecognizer: 1,
  MedicalLicenseRecognizer: 1, NgNinRecognizer: 1, NgVehicleRegistrationRecognizer: 1, PhTinRecognizer: 1, SgFinRecognizer: 1,
  SgUenRecognizer: 1, UkDrivingLicenceRecognizer: 1, UkPassportRecognizer: 1, UkPostcodeRecognizer: 1, UkVehicleRegistrationRecognizer: 1,
  UsMbiRecognizer: 1,
  // Deliberately below 1.0:
  // - German passport and ID card numbers are nine characters; the ICAO check digit is a tenth, printed only in
  //   the MRZ. Presidio checks the ninth character instead, so it expects the specimen numbers C01X00T47 and
  //   L01X00T47 (and two other plausible numbers) to be rejected; we report them (unchecked, below 0.4).
  DePassportRecognizer: 0.8, DeIdCardRecognizer: 0.8,
  // - Five bare digits say nothing German: in BIPIA's business e-mails all 44 of them are US ZIP codes
  //   (94105 …). DE_PLZ needs a German address word near (PLZ, Straße, Anschrift), so the 6 bare cases fail.
  DePlzRecognizer: 0.57,
  // - Space-separated plates in lower case need a context word: on 1 MB of Wikipedia prose the layout matched
  //   112 times as a German plate ("set at 90") and 29 as a Turkish one ("18 to 28"). Fails "b ab 1234",
  //   "m xy 999" and "34 abc 1234".
  DeKfzRecognizer: 0.88, TrLicensePlateRecognizer: 0.94,
  // - "A1111DFSFS" is not a PAN (5 letters, 4 digits, a letter); only Presidio's catch-all pattern (any 10
  //   characters with 4 digits in a row) finds it, and that pattern would find every product code.
  InPanRecognizer: 0.83,
};

// Where we knowingly report what Presidio expects rejected (see DePassportRecognizer above).
const expectedOverReports = new Set(['DePassportRecognizer', 'DeIdCardRecognizer']);

describe('PII recognizers on Presidio test cases', () => {
  let scores: RecognizerScore[];
  beforeAll(() => {
    scores = scorePresidioCases(loadPresidioCases(presidioDir));
  });

  it('reads every case of the dataset', () => {
    expect(scores.reduce((n, s) => n + s.cases, 0)).toBe(1557);
    expect(scores.filter((s) => s.ours !== null).map((s) => s.presidio).sort()).toEqual(Object.keys(floors).sort());
  });

  it.each(Object.entries(floors))('%s passes at least %s of its cases', (name, floor) => {
    const score = scores.find((s) => s.presidio === name);
    expect(score).toBeDefined();
    const scored = { cases: (score?.mustDetect.cases ?? 0) + (score?.mustNotDetect.cases ?? 0), passed: score?.passed ?? 0 };
    expect(scored.cases).toBeGreaterThan(0);
    expect(passRate(scored), JSON.stringify(score?.failures.slice(0, 5))).toBeGreaterThanOrEqual(floor);
  });

  it('checksum-validated recognizers detect everything they must and nothing they must not', () => {
    const checked = ['CreditCardRecognizer', 'IbanRecognizer', 'CryptoRecognizer', 'UsSsnRecognizer', 'FiPersonalIdentityCodeRecognizer', 'ThTninRecognizer', 'TrNationalIdRecognizer',
      'AuAbnRecognizer', 'AuAcnRecognizer', 'AuMedicareRecognizer', 'AuTfnRecognizer', 'DeHealthInsuranceRecognizer', 'DeLanrRecognizer', 'DeSocialSecurityRecognizer',
      'DeTaxIdRecognizer', 'DeVatIdRecognizer', 'ItVatCodeRecognizer', 'KrBrnRecognizer', 'KrFrnRecognizer', 'KrRrnRecognizer', 'MedicalLicenseRecognizer',
      'PhTinRecognizer', 'SgUenRecognizer'];
    for (const name of checked) {
      const s = scores.find((x) => x.presidio === name) as RecognizerScore;
      expect(passRate(s.mustDetect), name).toBe(1);
      expect(passRate(s.mustNotDetect), name).toBe(1);
    }
  });

  it('across implemented recognizers: must-detect ≥ 0.98 (postcodes need context), must-not-detect = 1 but the German specimens', () => {
    const implemented = scores.filter((s) => s.ours !== null);
    const sum = (from: RecognizerScore[], pick: (s: RecognizerScore) => { cases: number; passed: number }) =>
      from.reduce((t, s) => ({ cases: t.cases + pick(s).cases, passed: t.passed + pick(s).passed }), { cases: 0, passed: 0 });
    expect(passRate(sum(implemented, (s) => s.mustDetect))).toBeGreaterThanOrEqual(0.98);
    expect(passRate(sum(implemented.filter((s) => !expectedOverReports.has(s.presidio)), (s) => s.mustNotDetect))).toBe(1);
  });
});

describe('Presidio context sentences and demo', () => {
  const analyzer = new PiiAnalyzer();

  it('context words lift weak patterns over the 0.4 redaction threshold', () => {
    const lines = readFileSync(path.join(presidioDir, 'context_sentences_tests.txt'), 'utf8').split('\n');
    const results: Record<string, { cases: number; passed: number }> = {};
    let entity: string | undefined;
    for (const line of lines) {
      if (line.startsWith('#') || line.trim() === '') { entity = undefined; continue; }
      // The file still calls Singapore's NRIC/FIN by its old entity name.
      if (!entity) { entity = line.trim() === 'FIN' ? 'SG_NRIC_FIN' : line.trim(); continue; }
      if (analyzer.entities.includes(entity)) {
        const r = (results[entity] ??= { cases: 0, passed: 0 });
        r.cases++;
        if (analyzer.analyze(line, { entities: [entity], minScore: 0.4 }).length > 0) r.passed++;
      }
      entity = undefined;
    }
    // Misses, each deliberate or out of reach: 078051120 is the famous invalid Woolworth SSN (Presidio's own
    // SSN cases reject it too); "AA1B2**9ABA7" fits no US licence format; "mypassportnumberis912803456"
    // glues the number to a word; one IN_PAN sentence names the PAN but holds no number.
    expect(results).toEqual({
      IP_ADDRESS: { cases: 1, passed: 1 }, US_SSN: { cases: 6, passed: 5 }, PHONE_NUMBER: { cases: 5, passed: 5 },
      US_ITIN: { cases: 3, passed: 3 }, US_DRIVER_LICENSE: { cases: 5, passed: 4 }, US_BANK_NUMBER: { cases: 2, passed: 2 },
      US_PASSPORT: { cases: 5, passed: 4 }, ABA_ROUTING_NUMBER: { cases: 1, passed: 1 },
      SG_NRIC_FIN: { cases: 2, passed: 2 }, IN_PAN: { cases: 3, passed: 2 }, IN_PASSPORT: { cases: 1, passed: 1 }, PH_TIN: { cases: 2, passed: 2 },
    });
  });

  it('reproduces Presidio\'s anonymised demo exactly with type tags', () => {
    const demo = readFileSync(path.join(presidioDir, 'demo.txt'), 'utf8');
    const expected = readFileSync(path.join(presidioDir, 'demo_anonymized.txt'), 'utf8');
    // Presidio's demo runs without ORGANIZATION (it would tag "Microsoft"); DATE_OF_BIRTH is ours.
    const entities = analyzer.entities.filter((e) => e !== 'ORGANIZATION' && e !== 'DATE_OF_BIRTH');
    const findings = analyzer.analyze(demo, { entities, minScore: 0.4 });
    expect(redact(demo, findings, 'tag').text).toBe(expected);
  });
});
