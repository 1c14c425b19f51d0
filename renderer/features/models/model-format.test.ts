import { expect, test } from 'vitest';
import { scanSummary } from './model-format.js';

test('a scan notice names the folder it scanned', () => {
  expect(scanSummary({ folder: '/data/models', added: [{}], skipped: [{}] })).toBe('Scanned /data/models: 1 model added, 1 skipped');
  expect(scanSummary({ folder: '/data/models', added: [], skipped: [] })).toBe('Scanned /data/models: 0 models added, 0 skipped');
});
