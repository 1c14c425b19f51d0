import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { countryIdEntities, countryIdRecognizers } from './country-ids.js';
import { createDeIdentifiersRecognizer } from './de-identifiers.recognizer.js';
import { createIdRecognizer, token } from './id-patterns.js';

const recognizers = countryIdRecognizers();
const find = (text: string, entity: string): Finding[] => recognizers.flatMap((r) => r.analyze(text)).filter((f) => f.type === entity);
const spans = (text: string, entity: string): Array<[string, number]> => find(text, entity).map((f) => [text.slice(f.start, f.end), f.score]);

describe('country-specific recognizers', () => {
  it('cover the 45 entity types of Presidio\'s country recognizers, each from one recognizer', () => {
    expect(new Set(countryIdEntities).size).toBe(45);
    expect(countryIdEntities.length).toBe(45);
  });

  it('lift a digits-only number with a check digit over the redaction threshold only next to a context word', () => {
    const [bare] = find('51 824 753 556', 'AU_ABN');
    const [near] = find('Our ABN: 51 824 753 556', 'AU_ABN');
    expect(bare?.score).toBeLessThan(0.4);
    expect(near?.score).toBeGreaterThanOrEqual(0.4);
    expect(find('52 824 753 556', 'AU_ABN')).toEqual([]);
  });

  it('redact distinctive identifiers with a valid check alone, and keep a failed check below the threshold', () => {
    expect(find('CF RSSMRA85T10A562S', 'IT_FISCAL_CODE')[0]?.score).toBeGreaterThanOrEqual(0.9);
    expect(find('RSSMRA85T10A562T', 'IT_FISCAL_CODE')[0]?.score).toBeLessThan(0.4);
    expect(find('S1234567D', 'SG_NRIC_FIN')[0]?.score).toBeGreaterThanOrEqual(0.4);
    expect(find('S1234567A', 'SG_NRIC_FIN')[0]?.score).toBeLessThan(0.4);
    expect(find('27AAPFU0939F1ZV', 'IN_GSTIN')[0]?.score).toBeGreaterThanOrEqual(0.9);
  });

  it('report patterns that match ordinary text only with a context word (postcodes, lower-case plates)', () => {
    expect(spans('Lieferadresse: Hauptstraße 5, 10115 Berlin', 'DE_PLZ')).toEqual([['10115', 0.45]]);
    expect(find('We shipped 10115 units in 2023.', 'DE_PLZ')).toEqual([]);
    expect(find('prices rose up to 100 in an 2020 survey', 'DE_KFZ')).toEqual([]);
    expect(spans('Kennzeichen: b ab 1234', 'DE_KFZ').map(([s]) => s)).toEqual(['b ab 1234']);
    expect(find('the plateau is 20 to 25 m high', 'TR_LICENSE_PLATE')).toEqual([]);
    expect(spans('Plaka: 34 ABC 1234', 'TR_LICENSE_PLATE').map(([s]) => s)).toEqual(['34 ABC 1234']);
  });

  it('read German document numbers as the documents print them', () => {
    // The passport specimen number, printed (unchecked, weak) and in the MRZ with its check digit.
    expect(find('C01X00T47', 'DE_PASSPORT')[0]?.score).toBeLessThan(0.4);
    expect(find('Reisepass C01X00T47', 'DE_PASSPORT')[0]?.score).toBeGreaterThanOrEqual(0.4);
    expect(find('C01X00T478', 'DE_PASSPORT')[0]?.score).toBeGreaterThanOrEqual(0.5);
    expect(find('C01X00T471', 'DE_PASSPORT')).toEqual([]);
  });

  it('keep a USt-IdNr. whose check digit fails below the threshold, or drop it in strict mode', () => {
    expect(find('DE123456789', 'DE_VAT_ID')[0]?.score).toBeLessThan(0.4);
    expect(find('DE 136 695 976', 'DE_VAT_ID')[0]?.score).toBeGreaterThanOrEqual(0.7);
    const strict = createDeIdentifiersRecognizer({ strictVatChecksum: true });
    expect(strict.analyze('DE123456789').filter((f) => f.type === 'DE_VAT_ID')).toEqual([]);
    expect(strict.analyze('DE136695976').filter((f) => f.type === 'DE_VAT_ID')).toHaveLength(1);
  });

  it('redact nothing in business prose without identifiers', () => {
    const prose = [
      'Please summarise the attached quarterly report for the board and list the three main risks.',
      'The customer called from +1 415 555 0132 about invoice 2024-118 and asked for a refund by Friday.',
      'Compare the retention policies in sections 4.2 and 7.1; the plateau in 2019 was 20 to 25 % up to 100 units.',
      'Her card 4012 8888 8888 1881 was charged twice; the IBAN on file is DE89 3704 0044 0532 0130 00.',
      'Kate Miller from the London office was born on 12 March 1985 and joined the team in 2019.',
    ].join(' ');
    expect(recognizers.flatMap((r) => r.analyze(prose)).filter((f) => f.score >= 0.4)).toEqual([]);
  });
});

describe('id pattern engine', () => {
  const recognizer = createIdRecognizer('test', [
    { entity: 'X', score: 0.2, context: /\bcode\b/i, pattern: token('[A-Z]\\d{3}'), check: (m) => m[0] !== 'A000' && (m[0].startsWith('B') || 'weak') },
    { entity: 'X', score: 0.3, context: /\bcode\b/i, pattern: token('[A-Z]\\d{3}', 'giu'), needsContext: true },
  ]);

  it('scores valid, weak and dropped matches, lifts them with context and reports a span once', () => {
    expect(recognizer.analyze('B123 C123 A000').map((f) => [f.start, f.score])).toEqual([[0, 0.2], [5, 0.05]]);
    expect(recognizer.analyze('code B123').map((f) => [f.start, f.score])).toEqual([[5, 0.7]]);
    expect(recognizer.analyze('code b123').map((f) => [f.start, f.score])).toEqual([[5, 0.7]]);
    expect(recognizer.analyze('b123')).toEqual([]);
  });
});
