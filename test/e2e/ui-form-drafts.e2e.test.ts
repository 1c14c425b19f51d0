import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-form-drafts');
  // Full text only: no model to import, the form drafts are what is tested.
  await e2e.rpc('rag.collections.create', { name: 'manuals' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

async function openManuals(page: Page): Promise<void> {
  await page.getByTestId('nav-collections').click();
  await page.locator('[data-testid="collection-row"][data-collection-name="manuals"]').getByTestId('collection-select').click();
  await page.getByTestId('ingest-panel').waitFor();
}

test(
  'the ingest form keeps its tags and access list across another screen, a reload and a re-run',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await openManuals(page);
      await page.getByTestId('ingest-tags').fill('pumps, 2024');
      await page.getByTestId('ingest-acl').fill('group:engineers, public');

      // Another screen and back: the form is as it was left.
      await page.getByTestId('nav-models').click();
      await page.locator('[data-testid="nav-models"][aria-current="page"]').waitFor();
      await openManuals(page);
      expect(await page.getByTestId('ingest-tags').inputValue()).toBe('pumps, 2024');
      expect(await page.getByTestId('ingest-acl').inputValue()).toBe('group:engineers, public');

      // A reload of the tab too.
      await page.reload();
      await openManuals(page);
      await expect.poll(() => page.getByTestId('ingest-tags').inputValue()).toBe('pumps, 2024');
      expect(await page.getByTestId('ingest-acl').inputValue()).toBe('group:engineers, public');

      // An ingestion run twice keeps its tags: the second run needs no retyping.
      for (const run of [1, 2]) {
        await page.getByTestId('ingest-file-input').setInputFiles([{ name: `pump-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Pump check ${run}: every 90 days.`) }]);
        await page.getByTestId('ingest-start').click();
        await page.locator('[data-testid="ingest-status"][data-status="done"]').waitFor({ timeout: 60_000 });
        expect(await page.getByTestId('ingest-tags').inputValue()).toBe('pumps, 2024');
      }
      await screenshot(page, 'ui-form-drafts-ingest');
      const listed = await e2e.rpc<{ items: Array<{ tags: string[] }> }>('rag.documents.list', { collection: 'manuals' });
      expect(listed.items.map((doc) => doc.tags)).toEqual([['2024', 'pumps'], ['2024', 'pumps']]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'the new-prompt form keeps its draft across another screen and a reload, and a created prompt clears it',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-prompts').click();
      await page.getByTestId('prompts-new').click();
      await page.getByTestId('prompts-create-name').fill('ticket-summary');
      await page.getByTestId('prompts-create-description').fill('One paragraph per ticket');

      await page.getByTestId('nav-datasets').click();
      await page.locator('[data-testid="nav-datasets"][aria-current="page"]').waitFor();
      await page.getByTestId('nav-prompts').click();
      await page.getByTestId('prompts-new').click();
      expect(await page.getByTestId('prompts-create-name').inputValue()).toBe('ticket-summary');

      await page.reload();
      await page.getByTestId('nav-prompts').click();
      await page.getByTestId('prompts-new').click();
      await expect.poll(() => page.getByTestId('prompts-create-name').inputValue()).toBe('ticket-summary');
      expect(await page.getByTestId('prompts-create-description').inputValue()).toBe('One paragraph per ticket');
      await screenshot(page, 'ui-form-drafts-prompt');

      await page.getByTestId('prompts-user').fill('Summarise: {{ticket}}');
      await page.getByTestId('prompts-create-submit').click();
      await page.getByTestId('prompts-create-form').waitFor({ state: 'detached' });
      await page.getByTestId('prompts-new').click();
      expect(await page.getByTestId('prompts-create-name').inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
