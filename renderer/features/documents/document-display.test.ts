import { expect, test } from 'vitest';
import { displayName, displayStatus } from './document-display.js';

test('archive members show their archive path; plain files their name', () => {
  expect(displayName('/data/in/bundle.zip!/a/test.docx')).toBe('bundle.zip › a/test.docx');
  expect(displayName('/data/in/bundle.zip!/b/test.docx')).toBe('bundle.zip › b/test.docx');
  expect(displayName('/data/in/report.pdf')).toBe('report.pdf');
});

test('an indexed document without chunks says why', () => {
  const ocr = { code: 'NEEDS_OCR', message: 'Page 1 is an image' };
  expect(displayStatus({ status: 'indexed', chunkCount: 0, warnings: [ocr] })).toBe('needs OCR');
  expect(displayStatus({ status: 'indexed', chunkCount: 0, warnings: [{ code: 'NO_TEXT', message: 'empty' }] })).toBe('no text');
  expect(displayStatus({ status: 'indexed', chunkCount: 3, warnings: [ocr] })).toBe('indexed');
  expect(displayStatus({ status: 'failed', chunkCount: 0, warnings: [] })).toBe('failed');
});
