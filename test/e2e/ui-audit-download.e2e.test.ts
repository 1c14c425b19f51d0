import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-audit-download');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'an audit export downloads in the browser, byte for byte the file kept on the server, and the download verifies',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { acceptDownloads: true });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-audit').click();
      for (const format of ['jsonl', 'cef'] as const) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`audit-export-${format}`).click()]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-.*\\.${format}$`));
        const saved = readFileSync((await download.path())!, 'utf8');
        const result = page.getByTestId('audit-export-result');
        await expect.poll(() => result.getAttribute('data-path')).toMatch(new RegExp(`\\.${format}$`));
        expect(saved).toBe(readFileSync((await result.getAttribute('data-path'))!, 'utf8'));
        expect(saved.length).toBeGreaterThan(0);
        if (format === 'jsonl') expect(await e2e.rpc<{ ok: boolean }>('audit.verifyExport', { content: saved })).toMatchObject({ ok: true });
      }
      expect(await page.getByTestId('audit-export-result').textContent()).toContain('downloaded');
      await screenshot(page, 'ui-audit-download');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
