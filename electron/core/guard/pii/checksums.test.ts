import { describe, expect, it } from 'vitest';
import { icaoCheckDigit, iso7064Mod11x10 } from './checksums.js';

describe('shared check-digit algorithms', () => {
  it('ICAO 9303: the check digits of the specimen passport in Doc 9303 and of the German specimen', () => {
    // "L898902C<3" number, birth date 740812, expiry 120415 → 6, 2, 9; C01X00T47 → 8 (MRZ "C01X00T478").
    expect(icaoCheckDigit('L898902C3')).toBe(6);
    expect(icaoCheckDigit('740812')).toBe(2);
    expect(icaoCheckDigit('120415')).toBe(9);
    expect(icaoCheckDigit('C01X00T47')).toBe(8);
    expect(icaoCheckDigit('c01x00t47')).toBe(8);
    expect(icaoCheckDigit('L898902C<')).toBe(icaoCheckDigit('L898902C0'));
  });

  it('ISO 7064 MOD 11,10: the USt-IdNr. DE136695976 and the Steuer-ID 86095742719', () => {
    expect(iso7064Mod11x10('13669597')).toBe(6);
    expect(iso7064Mod11x10('8609574271')).toBe(9);
    expect(iso7064Mod11x10('8609574272')).not.toBe(9);
  });
});
