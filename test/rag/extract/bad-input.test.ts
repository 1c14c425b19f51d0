// Bad input: every failure is a typed ExtractError with an actionable message, and nothing else breaks.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { documentText, extractDocument } from '../../../electron/core/rag/extract/extract.js';
import { corpusFile } from './corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'enclave-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, data: string | Uint8Array) => {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
};
const fixture = (name: string) => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/rag-extract', name);

describe('bad input', () => {
  it('zero-byte file → FILE_EMPTY', async () => {
    await expect(extractDocument(write('empty.pdf', ''))).rejects.toMatchObject({ extractCode: 'FILE_EMPTY', message: expect.stringContaining('empty.pdf') });
  });

  it('truncated DOCX → FILE_CORRUPT naming a Word document', async () => {
    const docx = readFileSync(corpusFile('test.docx'));
    const error = await extractDocument(write('truncated.docx', docx.subarray(0, docx.length / 2))).catch((e: unknown) => e);
    expect(error).toMatchObject({ extractCode: 'FILE_CORRUPT', code: 'FILE_CORRUPT' });
    expect((error as Error).message).toMatch(/`truncated.docx` looks like a Word document but could not be read/);
  });

  it('DOCX whose document part is not XML → FILE_CORRUPT', async () => {
    const bytes = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new TextEncoder().encode('not xml <<<') });
    await expect(extractDocument(write('garbage.docx', bytes))).rejects.toMatchObject({ extractCode: 'FILE_CORRUPT' });
  });

  it('truncated and garbled PDFs → FILE_CORRUPT', async () => {
    const pdf = readFileSync(corpusFile('test.pdf'));
    await expect(extractDocument(write('truncated.pdf', pdf.subarray(0, 40_000)))).rejects.toMatchObject({ extractCode: 'FILE_CORRUPT' });
    const garbled = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x5a)]);
    await expect(extractDocument(write('garbled.pdf', garbled))).rejects.toMatchObject({ extractCode: 'FILE_CORRUPT' });
  });

  it('password-protected PDF (AES-256, made with qpdf) → FILE_ENCRYPTED with what to do', async () => {
    await expect(extractDocument(fixture('encrypted.pdf'))).rejects.toMatchObject({
      extractCode: 'FILE_ENCRYPTED',
      message: expect.stringMatching(/`encrypted.pdf` is password-protected; remove the password .* import it again/),
    });
  });

  it('random binary and unknown types → UNSUPPORTED_TYPE, whatever the extension', async () => {
    const random = readFileSync(corpusFile('random.bin'));
    await expect(extractDocument(write('random.docx', random))).rejects.toMatchObject({ extractCode: 'UNSUPPORTED_TYPE' });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    await expect(extractDocument(write('scan.txt', png))).rejects.toMatchObject({ extractCode: 'UNSUPPORTED_TYPE', message: expect.stringContaining('PNG image') });
  });

  it('content decides over the extension: a PDF named .txt is a PDF, a DOCX named .zip is a DOCX', async () => {
    expect((await extractDocument(write('paper.txt', readFileSync(corpusFile('test.pdf'))))).format).toBe('pdf');
    expect((await extractDocument(write('letter.zip', readFileSync(corpusFile('test.docx'))))).format).toBe('docx');
  });

  it('unreadable paths → FILE_UNREADABLE (missing file, folder)', async () => {
    await expect(extractDocument(path.join(dir, 'missing.pdf'))).rejects.toMatchObject({ extractCode: 'FILE_UNREADABLE', code: 'FILE_UNREADABLE', message: expect.stringContaining('does not exist') });
    mkdirSync(path.join(dir, 'folder.pdf'));
    await expect(extractDocument(path.join(dir, 'folder.pdf'))).rejects.toMatchObject({ extractCode: 'FILE_UNREADABLE', message: expect.stringContaining('is a folder') });
  });

  it('files over the size limits → FILE_TOO_LARGE', async () => {
    const file = write('big.txt', 'word '.repeat(50_000));
    await expect(extractDocument(file, { limits: { maxFileBytes: 100_000 } })).rejects.toMatchObject({ extractCode: 'FILE_TOO_LARGE' });
    await expect(extractDocument(file, { limits: { maxDocumentChars: 10_000 } })).rejects.toMatchObject({ extractCode: 'FILE_TOO_LARGE', message: expect.stringContaining('streaming') });
    await expect(extractDocument(write('big.html', `<p>${'word '.repeat(50_000)}</p>`), { limits: { maxBufferedBytes: 100_000 } })).rejects.toMatchObject({ extractCode: 'FILE_TOO_LARGE' });
  });

  it('an aborted signal → CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(extractDocument(corpusFile('test.pdf'), { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('ZIP archives and bombs', () => {
  const text = (s: string) => new TextEncoder().encode(s);

  it('extracts members recursively, each with its member path, and reports bad members as warnings', async () => {
    const inner = zipSync({ 'deep/notes.md': text('# Notes\n\nThe inner archive says hello.') });
    const outer = zipSync({ 'a.txt': text('Outer text file.'), 'inner.zip': inner, 'empty.txt': new Uint8Array(0), 'blob.bin': new Uint8Array(256).fill(1) });
    const doc = await extractDocument(write('nested.zip', outer));
    expect(doc.format).toBe('zip');
    expect(doc.members?.map((m) => m.path)).toEqual(['a.txt', 'inner.zip']);
    const innerDoc = doc.members![1]!;
    expect(innerDoc.members![0]!.sections[0]!.location.member).toBe('inner.zip/deep/notes.md');
    expect(documentText(innerDoc.members![0]!)).toContain('The inner archive says hello.');
    expect(doc.warnings.map((w) => w.code).sort()).toEqual(['FILE_EMPTY', 'UNSUPPORTED_TYPE']);
  });

  it('one highly compressed entry (64 MiB of zeros) → ZIP_BOMB before inflating', async () => {
    const bomb = zipSync({ 'zeros.txt': new Uint8Array(64 * 1024 ** 2) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    await expect(extractDocument(write('ratio-bomb.zip', bomb))).rejects.toMatchObject({ extractCode: 'ZIP_BOMB', message: expect.stringMatching(/compressed \d+:1/) });
  });

  it('many compressible members over the total → ZIP_BOMB', async () => {
    const members: Zippable = {};
    const megabyte = new Uint8Array(1024 ** 2).fill(0x41);
    for (let i = 0; i < 40; i++) members[`part-${i}.txt`] = megabyte;
    const bomb = zipSync(members, { level: 9 });
    await expect(extractDocument(write('total-bomb.zip', bomb), { limits: { zip: { maxTotalUncompressedBytes: 32 * 1024 ** 2 } } })).rejects.toMatchObject({
      extractCode: 'ZIP_BOMB',
      message: expect.stringContaining('would expand to 40.0 MB'),
    });
  });

  it('too many entries → ZIP_BOMB', async () => {
    const members: Zippable = {};
    for (let i = 0; i < 10_001; i++) members[`e${i}.txt`] = new Uint8Array(0);
    await expect(extractDocument(write('entries-bomb.zip', zipSync(members, { level: 0 })))).rejects.toMatchObject({ extractCode: 'ZIP_BOMB', message: expect.stringContaining('10001 entries') });
  });

  it('archives nested deeper than the limit → ZIP_BOMB for the whole file', async () => {
    let archive = zipSync({ 'bottom.txt': text('bottom') });
    for (let depth = 0; depth < 4; depth++) archive = zipSync({ [`level${depth}.zip`]: archive });
    await expect(extractDocument(write('deep.zip', archive))).rejects.toMatchObject({ extractCode: 'ZIP_BOMB', message: expect.stringContaining('nested more than 3') });
  });
});
