import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-drafts');
  const cases = [{ id: 'c1', vars: { question: 'Is there an offline mode?' } }, { id: 'c2', vars: { question: 'Who sees my prompts?' } }];
  await e2e.rpc('eval.datasets.import', { name: 'faq', content: cases.map((c) => JSON.stringify(c)).join('\n'), format: 'jsonl' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'unsaved labels hold the navigation and the reload until confirmed; a Playground draft survives a reload',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-datasets').click();
      await page.locator('[data-testid="dataset-row"][data-name="faq"]').getByTestId('dataset-open').click();
      await page.getByTestId('dataset-label-mode').click();
      await page.getByTestId('label-controls').waitFor();
      await page.keyboard.press('4');
      await page.locator('[data-testid="dataset-pending-count"][data-count="1"]').waitFor();

      // Leaving asks first; declining stays, with the label still pending.
      const asked: string[] = [];
      page.once('dialog', (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByTestId('nav-models').click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain('1 label is not saved on faq.');
      expect(await page.getByTestId('nav-datasets').getAttribute('aria-current')).toBe('page');
      await page.locator('[data-testid="dataset-pending-count"][data-count="1"]').waitFor();
      // A reload or closing the window is held too (beforeunload is cancelled while labels are pending).
      expect(await page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      })).toBe(true);
      await screenshot(page, 'ui-drafts-unsaved-labels');

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByTestId('nav-playground').click();
      await page.locator('[data-testid="nav-playground"][aria-current="page"]').waitFor();

      // The Playground's draft is kept in this tab across a reload.
      await page.getByTestId('mode-prompt').click();
      await page.getByTestId('prompt-input').fill('Once upon a draft');
      await page.getByTestId('param-max-tokens').fill('33');
      await page.reload();
      await page.getByTestId('nav-playground').click();
      await expect.poll(() => page.getByTestId('prompt-input').inputValue()).toBe('Once upon a draft');
      expect(await page.getByTestId('param-max-tokens').inputValue()).toBe('33');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
