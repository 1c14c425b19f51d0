import { describe, expect, it } from 'vitest';
import { createDateOfBirthRecognizer } from '../../electron/core/guard/pii/date-of-birth.recognizer.js';
import { createDenyListRecognizer } from '../../electron/core/guard/pii/deny-list.recognizer.js';
import { createNerRecognizer } from '../../electron/core/guard/pii/ner.recognizer.js';
import { PiiAnalyzer, resolveOverlaps } from '../../electron/core/guard/pii/pii-analyzer.js';
import { createSecretsRecognizer } from '../../electron/core/guard/secrets.recognizer.js';
import type { Finding } from '../../electron/core/guard/types.js';

const spans = (text: string, findings: Finding[]): Array<[string, string]> => findings.map((f) => [f.type, text.slice(f.start, f.end)]);

describe('secrets recognizer', () => {
  const secrets = createSecretsRecognizer();
  // Fake credentials assembled at run time so no scanner mistakes this file for a leak.
  const github = `ghp_${'a1B2'.repeat(9)}`;
  const slack = `xoxb-${'1234567890'}-${'abcdefghij'}`;
  const openai = `sk-proj-${'Ab3'.repeat(15)}`;
  const aws = `AKIA${'IOSFODNN7EXAMPLE'}`;
  const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7bq', '-----END RSA PRIVATE KEY-----'].join('\n');

  it('finds provider keys, private keys, tokens and passwords', () => {
    const text = `aws ${aws}, gh ${github}, slack ${slack}, openai ${openai}\n${pem}\npassword = "hunter2!!" and postgres://app:s3cretpw@db.local/app`;
    expect(spans(text, secrets.analyze(text))).toEqual([
      ['API_KEY', aws], ['API_KEY', github], ['API_KEY', slack], ['API_KEY', openai], ['PRIVATE_KEY', pem], ['PASSWORD', 'hunter2!!'], ['PASSWORD', 's3cretpw'],
    ]);
  });

  it('ignores placeholders and prose', () => {
    expect(secrets.analyze('password: ******** or password=<your password> or api_key=${API_KEY}; the password policy changed')).toEqual([]);
  });
});

describe('dates of birth and names', () => {
  it('reports a date as DATE_OF_BIRTH only near a birth word', () => {
    const dob = createDateOfBirthRecognizer();
    const text = 'Born on 12 March 1985. The contract ends on 12 March 2030. DOB: 03/04/1990.';
    expect(spans(text, dob.analyze(text))).toEqual([['DATE_OF_BIRTH', '12 March 1985'], ['DATE_OF_BIRTH', '03/04/1990']]);
  });

  it('finds people, places and organisations without flagging capitalised ordinary words', () => {
    const ner = createNerRecognizer();
    const text = 'Yesterday Maria Schmidt flew from Berlin to Paris for a meeting at Google. This International Bank Account Number Form is Confidential.';
    expect(spans(text, ner.analyze(text))).toEqual([['PERSON', 'Maria Schmidt'], ['LOCATION', 'Berlin'], ['LOCATION', 'Paris'], ['ORGANIZATION', 'Google']]);
  });

  it('reads names with accents, tells names from look-alike words, and uses cues', () => {
    const ner = createNerRecognizer();
    const cases: Array<[string, Array<[string, string]>]> = [
      ['Grace period ends on Monday.', []],
      ['Send the report to Grace before Monday.', [['PERSON', 'Grace']]],
      ['Contact María José García at Acme Corp, Inc. today.', [['PERSON', 'María José García'], ['ORGANIZATION', 'Acme Corp, Inc.']]],
      ['I flew to Sydney last week; Sydney Smith met me there.', [['LOCATION', 'Sydney'], ['PERSON', 'Sydney Smith']]],
    ];
    for (const [text, expected] of cases) expect(spans(text, ner.analyze(text)), text).toEqual(expected);
  });
});

describe('analyzer', () => {
  it('resolves overlaps by score, then length', () => {
    const a: Finding = { type: 'URL', start: 5, end: 17, score: 0.5, recognizer: 'url' };
    const b: Finding = { type: 'EMAIL_ADDRESS', start: 0, end: 17, score: 1, recognizer: 'email' };
    const c: Finding = { type: 'PERSON', start: 20, end: 24, score: 0.7, recognizer: 'ner' };
    expect(resolveOverlaps([a, b, c])).toEqual([b, c]);
  });

  it('filters by entity and score, and takes custom deny lists', () => {
    const analyzer = new PiiAnalyzer([createDenyListRecognizer({ entity: 'PROJECT', terms: ['Blue Falcon'] })]);
    expect(spans('Status of Blue Falcon and blue falcon', analyzer.analyze('Status of Blue Falcon and blue falcon'))).toEqual([['PROJECT', 'Blue Falcon'], ['PROJECT', 'blue falcon']]);
    const full = new PiiAnalyzer();
    const text = 'ssn 078-05-1123, passport 912803456';
    expect(spans(text, full.analyze(text, { entities: ['US_SSN'], minScore: 0.4 }))).toEqual([['US_SSN', '078-05-1123']]);
  });
});
