import { describe, expect, it } from 'vitest';
import { cfbFormat, looksLikeText, sniff, textFormat, zipFormat } from '../../../electron/core/rag/extract/format-detect.js';
import { detectEncoding } from '../../../electron/core/rag/extract/text-decode.js';
import iconv from 'iconv-lite';

describe('format detection', () => {
  it('reads magic numbers before extensions', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toEqual({ kind: 'format', format: 'pdf' });
    expect(sniff(Buffer.from('PK\x03\x04rest', 'latin1'))).toEqual({ kind: 'zip' });
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ kind: 'cfb' });
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: 'binary', label: 'a JPEG image' });
    expect(sniff(Buffer.from('plain words\n'))).toEqual({ kind: 'text' });
  });

  it('tells text formats by extension, then by content', () => {
    const head = (s: string) => Buffer.from(s);
    expect(textFormat(head('a,b\n1,2'), 'x.csv')).toBe('csv');
    expect(textFormat(head('<?xml version="1.0"?><rss version="2.0">'), 'feed.xml')).toBe('feed');
    expect(textFormat(head('<!DOCTYPE html><html>'), 'page')).toBe('html');
    expect(textFormat(head('# Title'), 'notes.md')).toBe('markdown');
    expect(textFormat(head('{"a":1}\n{"a":2}'), 'rows.jsonl')).toBe('jsonl');
    expect(textFormat(head('anything'), 'readme')).toBe('text');
  });

  it('tells ZIP containers by their parts and OLE files by their streams', () => {
    expect(zipFormat(['[Content_Types].xml', 'word/document.xml'], undefined)).toBe('docx');
    expect(zipFormat(['[Content_Types].xml', 'ppt/presentation.xml'], undefined)).toBe('pptx');
    expect(zipFormat(['[Content_Types].xml', 'xl/workbook.xml'], undefined)).toBe('xlsx');
    expect(zipFormat(['mimetype', 'META-INF/container.xml'], 'application/epub+zip')).toBe('epub');
    expect(zipFormat(['a.txt'], undefined)).toBe('zip');
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    expect(() => cfbFormat(utf16('EncryptedPackage'), 'secret.docx')).toThrow(expect.objectContaining({ extractCode: 'FILE_ENCRYPTED' }));
    expect(() => cfbFormat(utf16('WordDocument'), 'old.doc')).toThrow(/legacy Word/);
    expect(cfbFormat(utf16('__substg1.0_0037001F'), 'mail.msg')).toBe('msg');
  });

  it('sees binary where text has NULs or control bytes', () => {
    expect(looksLikeText(Buffer.from([0x41, 0x00, 0x42]))).toBe(false);
    expect(looksLikeText(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe(true);
  });

  it('detects encodings a short sample does not reveal statistically', () => {
    expect(detectEncoding(iconv.encode('名前,年齢,住所\r\n佐藤太郎,30,東京\r\n', 'Shift_JIS'))).toBe('Shift_JIS');
    expect(detectEncoding(Buffer.from('naïve café', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(iconv.encode('Ça coûte très cher à Noël, déjà réglé.', 'windows-1252'))).toMatch(/windows-1252|ISO-8859-1/);
  });
});
