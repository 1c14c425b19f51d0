// Hostile inputs for ingestion tests, generated in the test (nothing large is committed): parser bombs that are
// valid files, seeded mutations of real documents, and a PDF encrypted with an empty user password.
import { createHash } from 'node:crypto';
import { seededRandom } from '../../electron/core/eval/stats/bootstrap.js';

/** A Markdown list nested `levels` deep (each item indented one level more than the last). */
export function deepMarkdownList(levels = 20_000): string {
  const lines: string[] = [];
  for (let i = 0; i < levels; i++) lines.push(`${'  '.repeat(Math.min(i, 200))}- item ${i}`);
  return lines.join('\n');
}

/** HTML with `depth` nested elements around one word. */
export function nestedHtml(depth = 50_000): string {
  return `<html><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`;
}

/** About `bytes` of unclosed emphasis markers: a backtracking trap for Markdown parsers. */
export function emphasisRun(bytes = 1024 * 1024): string {
  return '*a'.repeat(Math.floor(bytes / 2));
}

/** The core's seeded generator (mulberry32): the same seed gives the same mutants on every machine. */
export { seededRandom };

/** `flips` random single-bit flips. */
export function bitFlip(bytes: Uint8Array, random: () => number, flips: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < flips && out.length > 0; i++) {
    const at = Math.floor(random() * out.length);
    out[at] = out[at]! ^ (1 << Math.floor(random() * 8));
  }
  return out;
}

/** The first part of a file, cut at a random point. */
export function truncate(bytes: Uint8Array, random: () => number): Buffer {
  return Buffer.from(bytes.subarray(0, Math.max(1, Math.floor(random() * bytes.length))));
}

/** A random run of bytes copied over another place in the file (a torn write, a bad sector). */
export function spliceBytes(bytes: Uint8Array, random: () => number): Buffer {
  const out = Buffer.from(bytes);
  const length = Math.min(out.length, 1 + Math.floor(random() * 512));
  const from = Math.floor(random() * (out.length - length + 1));
  const to = Math.floor(random() * (out.length - length + 1));
  out.copyWithin(to, from, from + length);
  return out;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]): Buffer => createHash('md5').update(Buffer.concat(parts)).digest();

/**
 * A one-page PDF saying `text`, encrypted with the standard security handler (RC4, 40-bit, revision 2) and an
 * empty user password: any reader opens it without asking, as pdf.js does.
 */
export function pdfWithEmptyUserPassword(text: string): Buffer {
  const id = md5(Buffer.from(text));
  const owner = rc4(md5(Buffer.concat([Buffer.from('owner-secret'), PAD]).subarray(0, 32)).subarray(0, 5), PAD);
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-4);
  const fileKey = md5(PAD, owner, permissions, id).subarray(0, 5);
  const user = rc4(fileKey, PAD);
  const objectKey = (num: number): Buffer => md5(fileKey, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey(4), Buffer.from(`BT /F1 18 Tf 72 700 Td (${text}) Tj ET`, 'latin1'));
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    Buffer.from(`<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P -4 >>`),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(length);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(`${xref}\n${trailer}`));
  return Buffer.concat(parts);
}
