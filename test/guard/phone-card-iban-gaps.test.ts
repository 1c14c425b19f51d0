import { describe, expect, it } from 'vitest';
import { defaultPiiEntities } from '../../electron/core/guard/guard-config.js';
import { PiiAnalyzer } from '../../electron/core/guard/pii/pii-analyzer.js';
import { redact } from '../../electron/core/guard/redactor.js';

// The values issue 9 §5 found left behind after redaction, one case per defect, and the numbers that must
// stay: each is run through the analyzer as redaction runs it.
const analyzer = new PiiAnalyzer();
const found = (text: string, type: string): string[] =>
  analyzer.analyze(text, { entities: defaultPiiEntities, minScore: 0.4 }).filter((f) => f.type === type).map((f) => text.slice(f.start, f.end));

describe('phone numbers in national formats', () => {
  it.each([
    ['Phone: 212-555-0147', '212-555-0147'],
    ['Phone: 93 229 18 82', '93 229 18 82'],
    ['Phone: (55) 9104-6247', '(55) 9104-6247'],
    ['Phone: (101) 297-1669', '(101) 297-1669'],
    ['Phone: 06-12345678', '06-12345678'],
    ['Tel: 0131-555-0199', '0131-555-0199'],
    ['Mobile: 602 773 509', '602 773 509'],
    ['Please call Aiko at 01 577 8310 before noon.', '01 577 8310'],
    ['Hi, this is Sofia. My number changed to 397 823 3805.', '397 823 3805'],
    ['Maria Schmidt, +1 710 878 2912, kim58@example.de', '+1 710 878 2912'],
    ['Sofia Rossi, +52 1 55 3211 9258, kim93@example.com', '+52 1 55 3211 9258'],
    ['The hotline +972 57-678-7871 is open on weekdays.', '+972 57-678-7871'],
  ])('%s', (text, phone) => {
    expect(found(text, 'PHONE_NUMBER')).toEqual([phone]);
  });

  it('a fax number after a phone number, and an extension with the number', () => {
    expect(found('Tel. 91 974 09 20, fax 908 813246', 'PHONE_NUMBER')).toEqual(['91 974 09 20', '908 813246']);
    expect(found('Phone: 355-915-1047 ext. 12', 'PHONE_NUMBER')).toEqual(['355-915-1047 ext. 12']);
  });

  it.each([
    'Order number 2024-673-3645 shipped on 05.05.2025 and should arrive by 16/03/2023.',
    'Please call back about order 2024-458-7457 placed on 02.06.2025.',
    'Upgrade to version 3.11.2.7389 before the call on 07.03.2025 at 07:30.',
    'Coordinates 49.82445, -77.30208 mark the depot; call it before you go.',
    'Wire it to IBAN GR8439714576110W1862ZI3B050, reference 49019467.',
    'Tracking number: 5551 5786 2064',
    'Send $3,689.45 or 6,688,098 USD, call first.',
    'The result is 4294967296.0 and the registry id 2271726892_DOMAIN.',
    'Company number: 03877731',
  ])('not a phone: %s', (text) => {
    expect(found(text, 'PHONE_NUMBER')).toEqual([]);
  });
});

describe('card numbers of every issued length', () => {
  it.each([
    ['Amex, 15 digits, printed', 'My card number is 3782 822463 10005.', '3782 822463 10005'],
    ['Amex, 15 digits, dashed', 'Card: 3714-496353-98431 exp 09/27', '3714-496353-98431'],
    ['JCB, 17 digits grouped by four', 'Card: 3528-0407-8811-1265-4 exp 09/27', '3528-0407-8811-1265-4'],
    ['Maestro, 13 digits grouped by four', 'Please charge 6759 0843 7295 7 for the rest.', '6759 0843 7295 7'],
  ])('%s', (_name, text, card) => {
    expect(found(text, 'CREDIT_CARD')).toEqual([card]);
  });

  it.each([
    'Order number 569-4620362-4632237 shipped today.',
    'Tracking number: 9400 4055 5292 5817 8254 22',
    'Tracking number: 5551 5786 2064',
    'weights=[0.5, 0.3] gave 0.6511772622175621',
  ])('not a card: %s', (text) => {
    expect(found(text, 'CREDIT_CARD')).toEqual([]);
  });
});

describe('IBANs in any case', () => {
  it.each([
    ['lower case, grouped', 'The salary account changed to gb29 nwbk 6016 1331 9268 19.', 'gb29 nwbk 6016 1331 9268 19'],
    ['lower case, electronic', 'My IBAN is de89370400440532013000.', 'de89370400440532013000'],
    ['country code upper, account lower', 'iban GB29 nwbk 6016 1331 9268 19', 'GB29 nwbk 6016 1331 9268 19'],
    // Valid check digits, but the Belgian account checksum fails: still someone's IBAN as written.
    ['national account checksum off', 'My IBAN is BE41 5862 2831 6952.', 'BE41 5862 2831 6952'],
  ])('%s', (_name, text, iban) => {
    expect(found(text, 'IBAN_CODE')).toEqual([iban]);
  });

  it('redaction leaves none of them behind', () => {
    const text = 'Phone: (212) 555-0147, card 378282246310005, IBAN gb29nwbk60161331926819.';
    const findings = analyzer.analyze(text, { entities: defaultPiiEntities, minScore: 0.4 });
    expect(redact(text, findings, 'tag').text).toBe('Phone: <PHONE_NUMBER>, card <CREDIT_CARD>, IBAN <IBAN_CODE>.');
  });

  it('a case mix inside the account part is not an IBAN as written (Presidio\'s must-not-detect)', () => {
    expect(found('LV80 bANK 0000 4351 9500 1', 'IBAN_CODE')).toEqual([]);
  });
});
