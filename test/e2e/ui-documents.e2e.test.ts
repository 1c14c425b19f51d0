import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, repoRoot, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
const SCAN = path.resolve(repoRoot, '../shared/corpus/docs/files/MEDRPT-2024-PAT-3847_medical_report_scan.pdf');
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-documents');
  const folder = path.join(e2e.dataDir, 'inbox');
  mkdirSync(folder);
  const members = { 'a/test.txt': Buffer.from('Pumps are serviced in March.'), 'b/test.txt': Buffer.from('Valves are checked in May.') };
  writeFileSync(path.join(folder, 'bundle.zip'), zipSync(members, { level: 1 }));
  copyFileSync(SCAN, path.join(folder, 'scan.pdf'));
  await e2e.rpc('rag.collections.create', { name: 'plant' });
  await e2e.runJob('rag.ingest', { collection: 'plant', paths: [folder] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'archive members show their archive path and a scanned PDF reads "needs OCR"',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-collection').selectOption({ label: 'plant' });
      await expect.poll(() => page.getByTestId('document-row').count()).toBeGreaterThanOrEqual(3);
      const names = await page.getByTestId('document-source').allTextContents();
      expect(names).toEqual(expect.arrayContaining(['bundle.zip › a/test.txt', 'bundle.zip › b/test.txt']));
      const scan = page.locator('[data-testid="document-row"]').filter({ hasText: 'scan.pdf' });
      expect(await scan.getByTestId('document-status').textContent()).toBe('needs OCR');
      await screenshot(page, 'ui-documents');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
