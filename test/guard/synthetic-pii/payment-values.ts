// Card numbers of every length the networks issue, and IBANs of many countries, both with valid check
// digits and written the ways people write them. The check digits are computed here, independently of
// the recognizers under test.
import type { SeededRandom } from './seeded-random.js';

interface CardNetwork {
  network: string;
  prefixes: readonly string[];
  lengths: readonly number[];
  /** Group sizes for the printed form, by length; four-digit groups when absent. */
  groups?: Readonly<Record<number, readonly number[]>>;
}

const networks: readonly CardNetwork[] = [
  { network: 'Amex', prefixes: ['34', '37'], lengths: [15], groups: { 15: [4, 6, 5] } },
  { network: 'Diners', prefixes: ['300', '301', '305', '36', '38'], lengths: [14], groups: { 14: [4, 6, 4] } },
  { network: 'Visa', prefixes: ['4'], lengths: [13, 16, 19], groups: { 13: [4, 3, 3, 3] } },
  { network: 'Mastercard', prefixes: ['51', '52', '53', '54', '55', '2221', '2720', '2310'], lengths: [16] },
  { network: 'Discover', prefixes: ['6011', '644', '649', '65'], lengths: [16, 19] },
  { network: 'JCB', prefixes: ['3528', '3589', '3540'], lengths: [16, 17, 18, 19] },
  { network: 'UnionPay', prefixes: ['62'], lengths: [16, 17, 18, 19] },
  { network: 'Maestro', prefixes: ['5018', '5020', '5038', '6304', '6759', '6761', '6763'], lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body.charAt(body.length - 1 - i));
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function grouped(digits: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(separator);
}

export interface CardValue {
  value: string;
  network: string;
  digits: string;
}

export function cardNumber(random: SeededRandom): CardValue {
  const network = random.pick(networks);
  const length = random.pick(network.lengths);
  let body = random.pick(network.prefixes);
  while (body.length < length - 1) body += String(random.int(0, 9));
  const digits = body + luhnCheckDigit(body);
  const sizes = network.groups?.[length] ?? Array.from({ length: Math.ceil(length / 4) }, () => 4);
  const style = random.int(0, 2);
  const value = style === 0 ? digits : grouped(digits, sizes, style === 1 ? ' ' : '-');
  return { value, network: network.network, digits };
}

// BBAN layouts (ISO 13616 registry): n digits, a upper-case letters, c letters or digits.
const bbanLayouts: Readonly<Record<string, string>> = {
  DE: '18n', GB: '4a14n', FR: '10n11c2n', ES: '20n', IT: '1a10n12c', NL: '4a10n', BE: '12n', CH: '5n12c',
  AT: '16n', PL: '24n', SE: '20n', DK: '14n', IE: '4a14n', PT: '21n', NO: '11n', FI: '14n', LU: '3n13c',
  GR: '7n16c', CZ: '20n', SA: '2n18c', RO: '4a16c', HU: '24n', TR: '5n1n16c', AE: '3n16n', LT: '16n',
};

function bban(random: SeededRandom, layout: string): string {
  let out = '';
  for (const [, count, kind] of layout.matchAll(/(\d+)([nac])/g)) {
    for (let i = 0; i < Number(count); i++) {
      const letter = String.fromCharCode(65 + random.int(0, 25));
      out += kind === 'n' ? String(random.int(0, 9)) : kind === 'a' ? letter : random.chance(0.3) ? letter : String(random.int(0, 9));
    }
  }
  return out;
}

/** ISO 7064 mod 97-10 over a string of digits and letters (A = 10 … Z = 35). */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

export interface IbanValue {
  value: string;
  country: string;
  electronic: string;
}

/** An IBAN with valid check digits: upper, lower or mixed case, in groups of four or not. */
export function ibanNumber(random: SeededRandom): IbanValue {
  const country = random.pick(Object.keys(bbanLayouts));
  const account = bban(random, bbanLayouts[country] ?? '10n');
  const check = String(98 - mod97(`${account}${country}00`)).padStart(2, '0');
  const electronic = `${country}${check}${account}`;
  let value = random.chance(0.5) ? electronic.replace(/(.{4})(?=.)/g, '$1 ') : electronic;
  const casing = random.int(0, 3);
  if (casing === 1) value = value.toLowerCase();
  // Mixed: the country code as typed, the rest lower case ("DE89 3704 …" stays, "GB29 nwbk …").
  if (casing === 2) value = value.slice(0, 4) + value.slice(4).toLowerCase();
  return { value, country, electronic };
}
