import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, repoRoot, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
const SCAN = path.resolve(repoRoot, '../shared/corpus/docs/files/MEDRPT-2024-PAT-3847_medical_report_scan.pdf');
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-documents-detail');
  const folder = path.join(e2e.dataDir, 'inbox');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'notes.md'), '# Plant notes\n\n## Pumps\n\nPumps are serviced in March by the north team.\n\n## Valves\n\nValves are checked in May.');
  writeFileSync(path.join(folder, 'guide.txt'), 'Short guide.');
  copyFileSync(SCAN, path.join(folder, 'scan.pdf'));
  await e2e.rpc('rag.collections.create', { name: 'plant' });
  await e2e.runJob('rag.ingest', { collection: 'plant', paths: [folder] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'documents sort by a column, filter by name, status and type, and a row opens its detail with chunks, locations, warnings and access',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-collection').selectOption({ label: 'plant' });
      const names = async () => (await page.getByTestId('document-source').allTextContents()).map((text) => text.split(' ')[0]);
      await expect.poll(names).toEqual(['guide.txt', 'notes.md', 'scan.pdf']);

      // Size, largest first: the PDF, the notes, the guide; a second click reverses.
      await page.getByTestId('documents-sort-size').click();
      await page.getByTestId('documents-sort-size').click();
      await expect.poll(names).toEqual(['scan.pdf', 'notes.md', 'guide.txt']);
      expect(await page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain('Size');

      await page.getByTestId('documents-filter-status').selectOption('attention');
      await expect.poll(names).toEqual(['scan.pdf']);
      await page.getByTestId('documents-filter-status').selectOption('all');
      await page.getByTestId('documents-filter-format').selectOption('markdown');
      await expect.poll(names).toEqual(['notes.md']);
      await page.getByTestId('documents-filter-format').selectOption('');
      await page.getByTestId('documents-filter-name').fill('GUI');
      await expect.poll(names).toEqual(['guide.txt']);
      await page.getByTestId('documents-filter-name').fill('nothing-like-this');
      await page.getByTestId('documents-empty').waitFor();
      expect(await page.getByTestId('documents-empty').textContent()).toContain('match these filters');
      await page.getByTestId('documents-filter-name').fill('');

      await page.locator('[data-testid="document-row"]').filter({ hasText: 'notes.md' }).getByTestId('document-open').click();
      const detail = page.getByTestId('document-detail');
      await detail.getByTestId('document-chunk').first().waitFor();
      const chunkText = (await detail.getByTestId('document-detail-chunks').textContent()) ?? '';
      expect(chunkText).toContain('Pumps are serviced in March');
      expect((await detail.getByTestId('document-chunk-location').allTextContents()).join('\n')).toMatch(/Plant notes › (Pumps|Valves).*chars \d+–\d+/);
      expect(await detail.getByTestId('document-detail-acl').textContent()).not.toBe('');
      await detail.getByTestId('document-detail-no-warnings').waitFor();
      await screenshot(page, 'ui-documents-detail');

      await page.locator('[data-testid="document-row"]').filter({ hasText: 'scan.pdf' }).getByTestId('document-open').click();
      await detail.getByTestId('document-detail-warnings').waitFor();
      expect(await detail.getByTestId('document-detail-warnings').textContent()).toContain('NEEDS_OCR');
      expect(await detail.getByTestId('document-detail-status').textContent()).toBe('needs OCR');
      await detail.getByTestId('document-detail-close').click();
      await detail.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
