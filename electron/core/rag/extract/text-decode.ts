// Text in any encoding: BOM first, then strict UTF-8, then chardet's candidates judged by how cleanly
// each decodes the sample (short CJK samples fool statistics alone: a 70-byte Shift-JIS CSV reads as
// "windows-1252" to chardet, with undefined bytes that only a trial decode reveals).
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Ties go to the encoding listed first. */
const preference = ['UTF-8', 'Shift_JIS', 'EUC-JP', 'GB18030', 'Big5', 'EUC-KR', 'windows-1252', 'ISO-8859-1'];

function isValidUtf8(sample: Buffer): boolean {
  // A multi-byte sequence cut by the end of the sample is not an error.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function badCharacters(text: string): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code >= 0x80 && code <= 0x9f) || (code < 0x20 && code !== 9 && code !== 10 && code !== 13 && code !== 12)) bad++;
  }
  return bad;
}

/** The encoding of a text sample, as an iconv-lite name. */
export function detectEncoding(sample: Buffer): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isValidUtf8(sample)) return 'utf-8';
  const candidates = chardet
    .analyse(sample)
    .filter((c) => c.name !== 'UTF-8' && c.name !== 'ASCII' && iconv.encodingExists(c.name))
    .slice(0, 10)
    .map((c) => ({ name: c.name, confidence: c.confidence, bad: badCharacters(iconv.decode(sample, c.name)) }));
  const rank = (name: string) => {
    const index = preference.indexOf(name);
    return index < 0 ? preference.length : index;
  };
  candidates.sort((a, b) => a.bad - b.bad || b.confidence - a.confidence || rank(a.name) - rank(b.name));
  return candidates[0]?.name ?? 'windows-1252';
}

/** Decodes a byte stream chunk by chunk; characters split across chunks are joined correctly. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export function decodeBuffer(bytes: Buffer): string {
  return iconv.decode(bytes, detectEncoding(bytes.subarray(0, 64 * 1024)), { stripBOM: true });
}

/** Line breaks as `\n`, also when a `\r\n` pair is split between two chunks. */
export async function* normalizeNewlines(texts: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const piece of texts) {
    let text = carry + piece;
    carry = '';
    if (text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    if (text) yield text.replace(/\r\n?/g, '\n');
  }
  if (carry) yield '\n';
}
