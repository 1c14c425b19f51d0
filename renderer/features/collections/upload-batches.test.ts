import { expect, test } from 'vitest';
import { base64Length, envelopeBytes, fileBodyBytes, MAX_BODY_BYTES, MAX_FILES_PER_CALL, MAX_UPLOAD_BYTES, maxFileBytes, planUploads, refusal } from './upload-batches.js';

const MiB = 1024 * 1024;
const envelope = envelopeBytes({ collection: 'c1', files: [], acl: ['group:ops'], tags: ['q3'], removeMissing: false });
const label = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;

test('a file costs its base64 text, its JSON-quoted name and the object around it', () => {
  expect(base64Length(0)).toBe(0);
  expect(base64Length(1)).toBe(4);
  expect(base64Length(3)).toBe(4);
  expect(base64Length(4)).toBe(8);
  const file = { name: 'ré"port.txt', size: 5 };
  const exact = new TextEncoder().encode(JSON.stringify({ name: file.name, contentBase64: 'x'.repeat(8) })).length + 1; // and its comma
  expect(fileBodyBytes(file)).toBe(exact);
});

test('small files share one call; 201 small files need two', () => {
  const two = [{ name: 'a.txt', size: 10 }, { name: 'b.txt', size: 20 }];
  expect(planUploads(two, envelope)).toEqual({ batches: [[0, 1]], tooLarge: [] });
  const many = Array.from({ length: MAX_FILES_PER_CALL + 1 }, (_, i) => ({ name: `f${i}.txt`, size: 100 }));
  const plan = planUploads(many, envelope);
  expect(plan.batches.map((batch) => batch.length)).toEqual([MAX_FILES_PER_CALL, 1]);
});

test('no call passes the body limit or the decoded-bytes limit, and the order is kept', () => {
  const files = [5, 5, 5, 1, 11, 0.5].map((mib, i) => ({ name: `part-${i}.pdf`, size: Math.round(mib * MiB) }));
  const plan = planUploads(files, envelope);
  expect(plan.tooLarge).toEqual([]);
  expect(plan.batches.flat()).toEqual([0, 1, 2, 3, 4, 5]);
  for (const batch of plan.batches) {
    const body = envelope + batch.reduce((sum, at) => sum + fileBodyBytes(files[at]!), 0);
    expect(body).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(batch.reduce((sum, at) => sum + files[at]!.size, 0)).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
  }
  expect(plan.batches).toEqual([[0, 1], [2, 3], [4, 5]]);
});

test('a file too large for any call is set apart, and refused on picking with its name and the limit', () => {
  const limit = maxFileBytes('big.pdf');
  expect(limit).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
  expect(limit).toBeGreaterThanOrEqual(11.9 * MiB);
  const files = [{ name: 'ok.txt', size: 10 }, { name: 'big.pdf', size: 13 * MiB }];
  expect(planUploads(files, envelope)).toEqual({ batches: [[0]], tooLarge: [1] });
  expect(refusal(files[1]!, label)).toBe('big.pdf is 13.0 MB; an uploaded file may be at most 11.9 MB. Split it, or ask an administrator to import it from a server folder.');
  expect(refusal({ name: 'big.pdf', size: limit }, label)).toBeUndefined();
  expect(refusal({ name: 'big.pdf', size: limit + 1 }, label)).toMatch(/^big\.pdf is/);
  expect(refusal({ name: '.env', size: 3 }, label)).toMatch(/hidden file/);
});
