import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MAX_UPLOAD_BYTES as CORE_MAX_UPLOAD_BYTES } from '../../electron/core/rag/ingest/upload-staging.js';
import { MAX_BODY_BYTES as SERVER_MAX_BODY_BYTES } from '../../electron/server/request-body.js';
import { MAX_BODY_BYTES, MAX_FILES_PER_CALL, MAX_UPLOAD_BYTES } from '../../renderer/features/collections/upload-batches.js';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
const ANA_PASSWORD = 'ana long password';
/** Before signing in, the app's first auth.me answers 401 and the sign-in screen shows. */
const ALLOW = [/status of 401/];
const files = {
  'pumps.txt': 'The coolant pump is inspected every 90 days by a certified engineer.',
  'travel.md': '# Travel\n\nThe travel budget for the third quarter is 42,000 euros.',
};

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('upload');
  await e2e.rpc('users.add', { name: 'ana', password: ANA_PASSWORD, roles: ['analyst'] });
  // Full text only: no model to import, the upload is what is tested.
  await e2e.rpc('rag.collections.create', { name: 'handbook' });
  await e2e.rpc('rag.collections.create', { name: 'bulk' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

/** Signs in as ana on the sign-in screen and selects a collection on the Collections screen. */
async function openCollectionAsAna(page: Page, collection: string): Promise<void> {
  await page.goto(e2e.server.origin);
  await page.getByTestId('sign-in-user').fill('ana');
  await page.getByTestId('sign-in-password').fill(ANA_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('account-name').waitFor();
  await page.getByTestId('nav-collections').click();
  await page.locator(`[data-testid="collection-row"][data-collection-name="${collection}"]`).getByTestId('collection-select').click();
  await page.getByTestId('ingest-panel').waitFor();
}

test('the screen splits uploads by the limits the server and the core enforce', () => {
  expect(MAX_BODY_BYTES).toBe(SERVER_MAX_BODY_BYTES);
  expect(MAX_UPLOAD_BYTES).toBe(CORE_MAX_UPLOAD_BYTES);
});

test(
  'an analyst without server paths uploads two files through the file picker; a file over the limit is refused by name',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await openCollectionAsAna(page, 'handbook');
      // Server paths are an administrator's capability: no typed-path field, no folder sync.
      expect(await page.getByTestId('ingest-paths').count()).toBe(0);
      expect(await page.getByTestId('ingest-remove-missing').count()).toBe(0);
      expect(await page.getByTestId('ingest-start').isDisabled()).toBe(true);

      // Too large for any request: refused on picking, with its name; the small ones are taken.
      const input = page.getByTestId('ingest-file-input');
      await input.setInputFiles([
        ...Object.entries(files).map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })),
        { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(MAX_UPLOAD_BYTES + 1) },
      ]);
      await page.getByTestId('ingest-refused').waitFor();
      expect(await page.getByTestId('ingest-refused').textContent()).toMatch(/scan\.pdf is 12\.0 MiB; an uploaded file may be at most 11\.9 MiB/);
      await expect.poll(() => page.getByTestId('ingest-upload').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name')))).toEqual(['pumps.txt', 'travel.md']);
      expect(await page.getByTestId('ingest-uploads-summary').textContent()).toMatch(/^2 files, /);
      await screenshot(page, 'upload-chosen');

      await page.getByTestId('ingest-tags').fill('handbook');
      await page.getByTestId('ingest-start').click();
      await page.locator('[data-testid="ingest-status"][data-status="done"]').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('[data-testid="ingest-file"][data-state="indexed"]').count()).toBe(2);
      expect(await page.getByTestId('ingest-status').textContent()).toBe('Done: 2 of 2 files.');
      expect(await page.getByTestId('ingest-report').textContent()).toMatch(/^2 documents indexed/);
      // What went in leaves the list of chosen files.
      expect(await page.getByTestId('ingest-upload').count()).toBe(0);
      await screenshot(page, 'upload-done');

      // Ana's documents: on the Documents screen and through rag.documents.list with her session.
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-collection').selectOption({ label: 'handbook' });
      await expect.poll(() => page.getByTestId('document-row').count()).toBe(2);
      const sources = await page.getByTestId('document-source').allTextContents();
      expect(sources.map((source) => source.split(' ')[0]).sort()).toEqual(['pumps.txt', 'travel.md']);
      await screenshot(page, 'upload-documents');
      const listed = await page.evaluate(async () => {
        const response = await fetch('/rpc/rag.documents.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: 'handbook' }) });
        return (await response.json()) as { ok: boolean; value: { items: Array<{ source: string; acl: string[]; tags: string[] }> } };
      });
      expect(listed.ok).toBe(true);
      expect(listed.value.items.map((item) => item.source.split('/').pop()).sort()).toEqual(['pumps.txt', 'travel.md']);
      expect(listed.value.items.every((item) => item.acl.includes('user:ana') && item.tags.includes('handbook'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'picked and dropped files, more than one call may carry, go in two calls on one progress bar and are all indexed',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await openCollectionAsAna(page, 'bulk');
      const calls: number[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/rpc/rag.ingest')) calls.push((JSON.parse(request.postData() ?? '{}') as { files: unknown[] }).files.length);
      });
      const count = MAX_FILES_PER_CALL + 1;
      const notes = Array.from({ length: count }, (_, i) => ({ name: `note-${String(i).padStart(3, '0')}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Note ${i}: the pump in room ${i} was checked.`) }));
      await page.getByTestId('ingest-file-input').setInputFiles(notes.slice(0, -1));
      // The last one is dropped on the panel, as a browser drop hands it over.
      const last = notes.at(-1)!;
      const drop = await page.evaluateHandle(({ name, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'text/plain' }));
        return transfer;
      }, { name: last.name, text: last.buffer.toString() });
      await page.getByTestId('ingest-panel').dispatchEvent('dragenter', { dataTransfer: drop });
      await page.locator('.ingest-panel-over').waitFor();
      await page.getByTestId('ingest-panel').dispatchEvent('drop', { dataTransfer: drop });
      await page.locator(`[data-testid="ingest-upload"][data-name="${last.name}"]`).waitFor();
      expect(await page.locator('.ingest-panel-over').count()).toBe(0);
      expect(await page.getByTestId('ingest-uploads-summary').textContent()).toMatch(/^201 files, .* · sent in about 2 parts$/);
      await page.getByTestId('ingest-start').click();
      await page.locator('[data-testid="ingest-status"][data-status="done"]').waitFor({ timeout: 90_000 });
      expect(calls).toEqual([MAX_FILES_PER_CALL, 1]);
      expect(await page.getByTestId('ingest-status').textContent()).toBe(`Done: ${count} of ${count} files.`);
      expect(await page.getByTestId('ingest-report').textContent()).toMatch(/^201 documents indexed/);
      const row = page.locator('[data-testid="collection-row"][data-collection-name="bulk"]');
      await expect.poll(() => row.getByTestId('collection-documents').textContent()).toBe(String(count));
      await screenshot(page, 'upload-two-parts');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
