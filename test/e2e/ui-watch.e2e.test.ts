import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;
let folder = '';

beforeAll(async () => {
  e2e = await startE2e('ui-watch');
  folder = path.join(e2e.dataDir, 'inbox');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'memo.txt'), 'The pump in hall 3 is serviced every March.');
  await e2e.rpc('rag.collections.create', { name: 'plant' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'a folder is watched from the Collections screen, listed, and no longer watched after Stop watching',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collection-select').first().click();
      await page.getByTestId('watched-folder-path').fill(folder);
      await page.getByTestId('watched-folder-add').click();
      const row = page.locator(`[data-testid="watched-folder"][data-folder="${folder}"][data-status="active"]`);
      await row.waitFor();
      expect(await e2e.rpc<{ folder: string }[]>('rag.watch.list', { collection: 'plant' })).toEqual([expect.objectContaining({ folder, status: 'active' })]);
      await screenshot(page, 'ui-watch');

      await row.getByTestId('watched-folder-remove').click();
      await row.waitFor({ state: 'detached' });
      expect(await e2e.rpc('rag.watch.list', { collection: 'plant' })).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
