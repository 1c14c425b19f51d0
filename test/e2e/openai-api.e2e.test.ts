import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('openai-api');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'Settings: the OpenAI-compatible API is off by default and is turned on with a port through the core; a bad port is refused',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/status of 400/] });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-settings').click();
      const enabled = page.getByTestId('openai-api-enabled');
      expect(await enabled.isChecked()).toBe(false);
      await page.getByTestId('openai-api-port').fill('80');
      await enabled.check();
      await page.getByTestId('openai-api-save').click();
      await page.getByTestId('notice-banner').getByText(/port/).waitFor();
      expect(await e2e.rpc<{ enabled: boolean }>('openai.settings.get', {})).toEqual({ enabled: false, port: 8745 });

      await page.getByTestId('openai-api-port').fill('9321');
      await page.getByTestId('openai-api-save').click();
      await page.getByTestId('notice-banner').getByText('http://127.0.0.1:9321/v1').waitFor();
      expect(await e2e.rpc('openai.settings.get', {})).toEqual({ enabled: true, port: 9321 });
      await page.getByTestId('openai-api-panel').scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-openai-api');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
