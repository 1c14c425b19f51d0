import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('settings');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'the Settings screen changes the context size and import roots through the core, and shows its refusals',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/status of 400/] });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-contextSize').fill('2048');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('notice-banner').getByText('Settings saved').waitFor();
      expect((await e2e.rpc<{ contextSize: number }>('settings.get', {})).contextSize).toBe(2048);

      // The core validates: a context below 256 tokens is refused and nothing changes.
      await page.getByTestId('settings-contextSize').fill('12');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('notice-banner').getByText('Context size must be at least 256').waitFor();
      expect((await e2e.rpc<{ contextSize: number }>('settings.get', {})).contextSize).toBe(2048);

      await page.getByTestId('settings-roots').fill(e2e.dataDir);
      await page.getByTestId('settings-roots-save').click();
      await page.getByTestId('notice-banner').getByText('Import roots saved: 1.').waitFor();
      expect((await e2e.rpc<{ roots: string[] | null }>('files.roots.get', {})).roots).toEqual([e2e.dataDir]);
      await screenshot(page, 'settings');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
