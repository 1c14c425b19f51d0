import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
/** Chromium logs every non-2xx response as a console error: the empty prompt's 400 is provoked on purpose. */
const ALLOW = [/Failed to load resource: the server responded with a status of 400/];

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('playground');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

/** Reads a stat cell and checks it is a plain number. */
async function statValue(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  expect(text.trim(), `${testId} shows a number`).toMatch(/^-?\d+(\.\d+)?$/);
  return Number(text);
}

test('a request without the access token is refused with 401', async () => {
  const response = await fetch(`${e2e.server.origin}/rpc/models.list`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(401);
});

test(
  'import stories260K, generate from a prompt with streamed output and stats, refuse an empty prompt',
  async () => {
    const { page, errors: pageErrors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await page.goto(e2e.server.url);
      await expect.poll(() => page.getByTestId('offline-badge').isVisible()).toBe(true);

      // Models: import by path.
      await page.getByTestId('nav-models').click();
      await page.getByTestId('model-path-input').fill(modelPath);
      await page.getByTestId('model-import').click();
      const row = page.locator('[data-testid="model-row"][data-model-name="stories260K"]');
      await row.waitFor({ timeout: 60_000 });
      expect(await row.getByTestId('model-name').textContent()).toContain('stories260K');

      // Playground: prompt mode, deterministic sampling.
      await page.getByTestId('nav-playground').click();
      await page.getByTestId('model-select').selectOption({ label: 'stories260K' });
      await page.getByTestId('mode-prompt').click();
      await page.getByTestId('prompt-input').fill('Once upon a time');
      await page.getByTestId('param-max-tokens').fill('64');
      await page.getByTestId('param-temperature').fill('0');
      await page.getByTestId('generate').click();

      await page.getByTestId('stat-ttft').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('output').textContent()).toContain('Lily');
      expect(await statValue(page, 'stat-ttft')).toBeGreaterThanOrEqual(0);
      expect(await statValue(page, 'stat-tps')).toBeGreaterThan(0);
      expect(await statValue(page, 'stat-prompt-tokens')).toBeGreaterThan(0);
      const completionTokens = await statValue(page, 'stat-completion-tokens');
      expect(completionTokens).toBeGreaterThan(0);
      expect(completionTokens).toBeLessThanOrEqual(64);

      await screenshot(page, 'playground');

      // An empty prompt: the core's INVALID_INPUT message is shown, readable.
      await page.getByTestId('prompt-input').fill('');
      await page.getByTestId('generate').click();
      const error = page.getByTestId('generate-error');
      await error.waitFor();
      const errorText = (await error.textContent()) ?? '';
      expect(errorText).toContain('INVALID_INPUT');
      expect(errorText).toMatch(/prompt is empty/i);
      expect(errorText).not.toContain('{');

      // Models: the generation left stories260K in memory; its weights and KV cache are shown, and Unload frees them.
      await page.getByTestId('nav-models').click();
      const loaded = page.getByTestId('loaded-model');
      await loaded.first().waitFor({ timeout: 15_000 });
      const cells = await loaded.first().locator('td').allTextContents();
      expect(cells[0]).toBe('stories260K');
      expect(cells[4]).toMatch(/\d+(\.\d+)? (KB|MB|kB|MiB|KiB|B)/);
      expect(cells[5]).toMatch(/\d+(\.\d+)? (KB|MB|kB|MiB|KiB|B)/);
      await screenshot(page, 'models-loaded');
      await loaded.first().getByRole('button', { name: 'Unload' }).click();
      await expect.poll(() => loaded.count(), { timeout: 15_000 }).toBe(0);

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
