import { describe, expect, it } from 'vitest';
import {
  deDocumentNumberValid, deHealthInsuranceValid, deLanrValid, deSocialSecurityValid, deTaxIdValid, deVatIdValid,
} from './de-checksums.js';

describe('German check rules', () => {
  it('Steuer-ID: MOD 11,10 check digit, no leading zero, no digit more than three times', () => {
    for (const id of ['86095742719', '65929970489', '12345678903', '98765432106']) expect(deTaxIdValid(id), id).toBe(true);
    expect(deTaxIdValid('86095742710')).toBe(false); // check digit
    expect(deTaxIdValid('02345678903')).toBe(false); // leading zero
    expect(deTaxIdValid('11112345678')).toBe(false); // 1 four times
    expect(deTaxIdValid('8609574271')).toBe(false); // 10 digits
  });

  it('USt-IdNr.: MOD 11,10 over the first eight digits', () => {
    expect(deVatIdValid('136695976')).toBe(true);
    expect(deVatIdValid('129273398')).toBe(true);
    expect(deVatIdValid('123456789')).toBe(false);
    expect(deVatIdValid('13669597')).toBe(false);
  });

  it('Krankenversichertennummer: the § 290 SGB V example and a changed digit', () => {
    expect(deHealthInsuranceValid('A000500015')).toBe(true);
    expect(deHealthInsuranceValid('a123456780')).toBe(true);
    expect(deHealthInsuranceValid('A123456787')).toBe(false);
    expect(deHealthInsuranceValid('1123456780')).toBe(false);
  });

  it('Rentenversicherungsnummer: the DRV example, a wrong check digit, an impossible month', () => {
    expect(deSocialSecurityValid('15070649C103')).toBe(true);
    expect(deSocialSecurityValid('65070803A019')).toBe(true);
    expect(deSocialSecurityValid('15070649C100')).toBe(false);
    expect(deSocialSecurityValid('15071349C103')).toBe(false);
    expect(deSocialSecurityValid('15070049C103')).toBe(false);
  });

  it('LANR: the 4-9 weighted check digit in position 7', () => {
    expect(deLanrValid('123456601')).toBe(true);
    expect(deLanrValid('999999901')).toBe(true);
    expect(deLanrValid('123456901')).toBe(false);
    expect(deLanrValid('000000000')).toBe(false);
  });

  it('passport and ID card numbers: nine characters unchecked, a tenth must be the ICAO check digit', () => {
    // The specimen numbers C01X00T47 (passport) and L01X00T47 (ID card) and their MRZ forms.
    expect(deDocumentNumberValid('C01X00T47')).toBe(true);
    expect(deDocumentNumberValid('C01X00T478')).toBe(true);
    expect(deDocumentNumberValid('L01X00T471')).toBe(true);
    expect(deDocumentNumberValid('C01X00T471')).toBe(false);
    expect(deDocumentNumberValid('CFGHJKLMN')).toBe(false); // no digits: a word, not a number
  });
});
