import { describe, expect, it } from 'vitest';
import { abnValid, acnValid, medicareValid, tfnValid } from './au-identifiers.recognizer.js';
import { gstinCheckValid } from './in-identifiers.recognizer.js';
import { itFiscalCodeCheckValid, itFiscalCodeShapeValid, itVatCodeValid } from './it-identifiers.recognizer.js';
import { krBrnValid, krFrnChecksumValid, krRrnChecksumValid } from './kr-identifiers.recognizer.js';
import { phTinValid } from './ph-identifiers.recognizer.js';
import { sgNricValid, sgUenValid } from './sg-identifiers.recognizer.js';
import { ukDrivingLicenceValid, ukRegistrationAgeValid } from './uk-identifiers.recognizer.js';
import { deaValid } from './us-health-identifiers.recognizer.js';

describe('country check rules', () => {
  it('Australia: ABN mod 89, ACN and TFN weights, Medicare', () => {
    expect(abnValid('51 824 753 556')).toBe(true); // the ABR's example
    expect(abnValid('53004085616')).toBe(true);
    expect(abnValid('52 824 753 556')).toBe(false);
    expect(abnValid('00000000560')).toBe(false);
    for (const acn of ['000 000 019', '000 250 000', '005 499 981', '010 749 961']) expect(acnValid(acn), acn).toBe(true); // ASIC's examples
    expect(acnValid('010 749 962')).toBe(false);
    expect(tfnValid('876 543 210')).toBe(true);
    expect(tfnValid('123 456 782')).toBe(true);
    expect(tfnValid('123 456 789')).toBe(false);
    expect(medicareValid('2123 45670 1')).toBe(true);
    expect(medicareValid('2123 25870 1')).toBe(false);
    expect(medicareValid('1123456701')).toBe(false); // first digit 2-6
  });

  it('Korea: RRN and FRN check digits (pre-2020 numbers), BRN', () => {
    expect(krRrnChecksumValid('960121-1021413')).toBe(true);
    expect(krRrnChecksumValid('0509122000019')).toBe(true);
    expect(krRrnChecksumValid('960121-1234567')).toBe(false);
    expect(krFrnChecksumValid('911124-5678906')).toBe(true);
    expect(krFrnChecksumValid('911124-5678901')).toBe(false);
    expect(krBrnValid('124-81-00998')).toBe(true);
    expect(krBrnValid('1048656659')).toBe(true);
    expect(krBrnValid('104-86-56658')).toBe(false);
  });

  it('Italy: codice fiscale check letter and layout, partita IVA', () => {
    expect(itFiscalCodeCheckValid('RSSMRA85T10A562S')).toBe(true);
    expect(itFiscalCodeCheckValid('MRTMTT25D09F205Z')).toBe(true);
    expect(itFiscalCodeCheckValid('RSSMRA85T10A562T')).toBe(false);
    expect(itFiscalCodeShapeValid('RSSMRA85T50A562S')).toBe(true); // a woman born on the 10th: day + 40
    expect(itFiscalCodeShapeValid('RSSMRA85B30A562S')).toBe(false); // 30 February
    expect(itFiscalCodeShapeValid('A55AAA00B11C333N')).toBe(false);
    expect(itVatCodeValid('01333550323')).toBe(true);
    expect(itVatCodeValid('00743110157')).toBe(true);
    expect(itVatCodeValid('01333550324')).toBe(false);
    expect(itVatCodeValid('00000000000')).toBe(false);
  });

  it('India: GSTIN check character', () => {
    expect(gstinCheckValid('27AAPFU0939F1ZV')).toBe(true);
    expect(gstinCheckValid('29AAGCB7383J1Z4')).toBe(true);
    expect(gstinCheckValid('27AAPFU0939F1ZW')).toBe(false);
    expect(gstinCheckValid('27ABCDE1234F1Z5')).toBe(false); // Presidio's example: layout only
  });

  it('Singapore: NRIC/FIN check letter per series, UEN formats A, B and C', () => {
    for (const id of ['S1234567D', 'S0000001I', 'T1234567J', 'F2346401L', 'M5012345J', 'm4332674t']) expect(sgNricValid(id), id).toBe(true);
    expect(sgNricValid('S1234567A')).toBe(false);
    expect(sgNricValid('A1234567Z')).toBe(false);
    for (const uen of ['53125226D', '201434292D', 'T16RF0037C', 'S57TU0392K', 'R16RF0037F']) expect(sgUenValid(uen), uen).toBe(true);
    expect(sgUenValid('53125226E')).toBe(false);
    expect(sgUenValid('201434292D', 2013)).toBe(false); // registered in the future
    expect(sgUenValid('T16ZZ0037C')).toBe(false); // unknown entity type
  });

  it('UK: driving licence birth date and surname, registration age identifier', () => {
    expect(ukDrivingLicenceValid('MORGA657054SM9IJ')).toBe(true);
    expect(ukDrivingLicenceValid('SMITH802290AB1CD')).toBe(true); // 29 February 1980
    expect(ukDrivingLicenceValid('SMITH802291AB1CD')).toBe(false); // 29 February 1981 or 2081
    expect(ukDrivingLicenceValid('MO9G9657054SM9IJ')).toBe(false);
    expect(ukRegistrationAgeValid('AB51ABC')).toBe(true);
    expect(ukRegistrationAgeValid('AB35ABC')).toBe(false);
  });

  it('Philippines TIN and US DEA number', () => {
    expect(phTinValid('000-123-456-000')).toBe(true);
    expect(phTinValid('000123456')).toBe(true);
    expect(phTinValid('000-123-457-000')).toBe(false);
    expect(phTinValid('0001234560')).toBe(false);
    expect(deaValid('BB1388568')).toBe(true);
    expect(deaValid('AB1234563')).toBe(true);
    expect(deaValid('BG8207031')).toBe(false);
  });
});
