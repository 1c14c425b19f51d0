import { expect, test } from 'vitest';
import { ClientError } from '../../api/client-error.js';
import { formatFromFileName, importSummary, nameFromFileName, rowErrorLines, rowErrorsOf } from './dataset-import.js';

test('the format and the default name come from the file name', () => {
  expect([formatFromFileName('a.JSONL'), formatFromFileName('b.ndjson'), formatFromFileName('c.csv'), formatFromFileName('d.txt')]).toEqual(['jsonl', 'jsonl', 'csv', null]);
  expect(nameFromFileName('support cases.v2.jsonl')).toBe('support cases.v2');
  expect(nameFromFileName('team@home.csv')).toBe('team-home');
});

test('DATASET_INVALID row errors become numbered lines; other errors have none', () => {
  const errors = Array.from({ length: 52 }, (_, i) => ({ row: i + 1, message: 'not valid JSON' }));
  const refusal = new ClientError({ code: 'DATASET_INVALID', message: 'No case could be imported', details: { errors } });
  expect(rowErrorsOf(refusal)).toHaveLength(52);
  expect(rowErrorLines(rowErrorsOf(refusal)).slice(0, 1)).toEqual(['Line 1: not valid JSON']);
  expect(rowErrorLines(errors).at(-1)).toBe('… and 2 more');
  expect(rowErrorsOf(new ClientError({ code: 'FORBIDDEN', message: 'no', details: { errors } }))).toEqual([]);
});

test('the summary says what the import added', () => {
  expect(importSummary({ dataset: 'faq', version: 2, imported: 1, reused: false, errors: [{ row: 2, message: 'x' }] })).toBe('Imported 1 case into "faq" as v2. 1 row was skipped:');
  expect(importSummary({ dataset: 'faq', version: 2, imported: 3, reused: true, errors: [] })).toBe('"faq" v2 already has these 3 cases; no new version was added.');
});
