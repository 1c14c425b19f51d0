import { createHash } from 'node:crypto';
import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

// Bitcoin addresses: legacy and P2SH in Base58Check (a double-SHA-256 checksum), SegWit and Taproot in
// bech32/bech32m (a BCH checksum). Random strings of the same shape fail the checksums.
const candidate = /(?<![\p{L}\p{N}_])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71})(?![\p{L}\p{N}_])/gu;
const base58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const bech32Chars = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function base58CheckValid(value: string): boolean {
  let n = 0n;
  for (const ch of value) {
    const digit = base58.indexOf(ch);
    if (digit < 0) return false;
    n = n * 58n + BigInt(digit);
  }
  const hex = n.toString(16).padStart(50, '0');
  if (hex.length !== 50) return false;
  const bytes = Buffer.from(hex, 'hex');
  const payload = bytes.subarray(0, 21);
  const digest = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  return digest.subarray(0, 4).equals(bytes.subarray(21));
}

function bech32Valid(value: string): boolean {
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let checksum = 1;
  const values = [3, 3, 0, 2, 3]; // "bc" expanded: high bits, separator, low bits
  for (const ch of value.slice(3)) values.push(bech32Chars.indexOf(ch));
  for (const v of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= generators[i] as number;
  }
  return checksum === 1 || checksum === 0x2bc830a3;
}

export function createCryptoWalletRecognizer(): Recognizer {
  return {
    name: 'crypto-wallet',
    entities: ['CRYPTO'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const match of matchAll(candidate, text)) {
        const value = match[0];
        if (!(value.startsWith('bc1') ? bech32Valid(value) : base58CheckValid(value))) continue;
        findings.push({ type: 'CRYPTO', start: match.index, end: match.index + value.length, score: 1, recognizer: 'crypto-wallet' });
      }
      return findings;
    },
  };
}
