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

test(
  'an administrator purges payloads past a retention period from the Audit screen; the trail still verifies',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-audit').click();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByTestId('audit-retention-days').fill('0');
      await page.getByTestId('audit-purge').click();
      await expect.poll(async () => (await page.textContent('body')) ?? '', { timeout: 30_000 }).toMatch(/Purged the payloads of \d+ entries/);
      const { entries } = await e2e.rpc<{ entries: Array<{ seq: number; action: string }> }>('audit.list', { limit: 500 });
      expect(entries.some((entry) => entry.action === 'audit.purge')).toBe(true);
      const first = await e2e.rpc<{ purged: boolean }>('audit.get', { seq: Math.min(...entries.map((entry) => entry.seq)) });
      expect(first.purged).toBe(true);
      expect(await e2e.rpc<{ ok: boolean }>('audit.verify', {})).toMatchObject({ ok: true });
      await screenshot(page, 'ui-audit-retention');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
