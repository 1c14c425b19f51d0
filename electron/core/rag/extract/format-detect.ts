// Which extractor reads a file: magic bytes first, the extension second, a look at the content last.
import path from 'node:path';
import { ExtractError } from './extract-error.js';
import type { DocumentFormat } from './extract.types.js';

/** What the first bytes say. Containers (ZIP, OLE compound files) need a look inside to be told apart. */
export type Sniffed = { kind: 'format'; format: DocumentFormat } | { kind: 'zip' } | { kind: 'cfb' } | { kind: 'text' } | { kind: 'binary'; label?: string };

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

/** Binary formats we recognise but do not extract, named so the message can say what the file is. */
const knownBinary: Array<{ magic: number[]; at?: number; label: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47], label: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], label: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], label: 'a GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], label: 'a TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], label: 'a TIFF image' },
  { magic: [0x1f, 0x8b], label: 'a gzip archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: 'a 7-Zip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], label: 'a RAR archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], label: 'a program (ELF)' },
  { magic: [0x4d, 0x5a], label: 'a Windows program' },
  { magic: [0x47, 0x47, 0x55, 0x46], label: 'a GGUF model' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], label: 'an SQLite database' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], label: 'an RTF document' },
  { magic: [0x66, 0x74, 0x79, 0x70], at: 4, label: 'a video or audio file' },
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** True when the bytes look like text in some encoding: few control bytes, no NULs unless UTF-16. */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  return control / sample.length < 0.02;
}

export function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'format', format: 'pdf' }; // %PDF-
  // A PDF may carry junk before its header (up to 1 KiB, as readers accept).
  if (head.subarray(0, 1024).includes('%PDF-')) return { kind: 'format', format: 'pdf' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'cfb' };
  for (const known of knownBinary) if (startsWith(head, known.magic, known.at ?? 0)) return { kind: 'binary', label: known.label };
  return looksLikeText(head) ? { kind: 'text' } : { kind: 'binary' };
}

const textExtensions: Record<string, DocumentFormat> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdx': 'markdown',
  '.csv': 'csv', '.tsv': 'csv',
  '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.ipynb': 'ipynb',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.rss': 'feed', '.atom': 'feed',
};

/** A text file's format: its extension, else a look at how it starts. */
export function textFormat(head: Buffer, name: string): DocumentFormat {
  const ext = path.extname(name).toLowerCase();
  const start = head.subarray(startsWith(head, UTF8_BOM) ? 3 : 0, 4096).toString('latin1').trimStart().toLowerCase();
  if (ext === '.xml' || ext === '') {
    if (/<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]/.test(start)) return 'feed';
  }
  const byExtension = textExtensions[ext];
  if (byExtension) return byExtension;
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  return 'text';
}

/** Formats inside a ZIP, told apart by the entries that define them. */
export function zipFormat(entryNames: readonly string[], mimetype: string | undefined): DocumentFormat {
  const names = new Set(entryNames);
  if (mimetype?.trim() === 'application/epub+zip' || (names.has('META-INF/container.xml') && names.has('mimetype'))) return 'epub';
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml') || entryNames.some((n) => /^word\/document\d*\.xml$/.test(n))) return 'docx';
    if (names.has('ppt/presentation.xml')) return 'pptx';
    if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) return 'xlsx';
  }
  return 'zip';
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Formats inside an OLE compound file, told apart by their stream names (stored as UTF-16). */
export function cfbFormat(bytes: Buffer, name: string): DocumentFormat {
  if (bytes.includes(utf16('EncryptedPackage'))) {
    throw new ExtractError('FILE_ENCRYPTED', `\`${name}\` is password-protected; remove the password (File › Info › Protect) and import it again`);
  }
  if (bytes.includes(utf16('__substg1.0_'))) return 'msg';
  if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book'))) return 'xls';
  const ext = path.extname(name).toLowerCase();
  const legacy = bytes.includes(utf16('WordDocument')) ? 'a legacy Word (.doc) document'
    : bytes.includes(utf16('PowerPoint Document')) ? 'a legacy PowerPoint (.ppt) presentation'
    : `an OLE compound file${ext ? ` (${ext})` : ''}`;
  throw new ExtractError('UNSUPPORTED_TYPE', `\`${name}\` is ${legacy}, which Enclave cannot read; save it as .docx, .pptx or PDF and import it again`);
}

export function unsupported(name: string, label: string | undefined): ExtractError {
  const what = label ?? 'not a document type Enclave can read (no known format, and not text)';
  const hint = label?.includes('image') ? '; text in images needs OCR, which Enclave does not do yet' : '';
  return new ExtractError('UNSUPPORTED_TYPE', `\`${name}\` is ${what}${hint}; convert it to PDF, an Office format or text and import it again`);
}
