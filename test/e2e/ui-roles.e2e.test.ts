import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-roles');
  await e2e.rpc('users.add', { name: 'lena', password: 'lena long password', roles: ['labeler'] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'a labeler signs in to Datasets and is offered no control her role cannot use',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/status of 401/] });
    try {
      await page.goto(e2e.server.origin);
      await page.getByTestId('sign-in-user').fill('lena');
      await page.getByTestId('sign-in-password').fill('lena long password');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('account-name').waitFor();
      // She lands on the screen of her work, not on the model library everyone may read.
      await page.locator('[data-testid="nav-datasets"][aria-current="page"]').waitFor();
      await page.getByRole('heading', { name: 'Datasets' }).waitFor();
      expect(await page.getByTestId('nav-playground').count()).toBe(0);
      await screenshot(page, 'ui-roles-labeler-landing');

      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections-empty').waitFor();
      expect(await page.getByTestId('collection-new').count()).toBe(0);

      await page.getByTestId('nav-evaluations').click();
      await page.getByRole('heading', { name: 'Evaluations' }).waitFor();
      await page.waitForTimeout(300);
      expect(await page.getByTestId('eval-validate').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'an administrator reads validation errors in plain words; notices stay on their screen and info clears itself',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/status of 400/] });
    try {
      await page.goto(e2e.server.url);
      await page.locator('[data-testid="nav-models"][aria-current="page"]').waitFor();
      await page.getByTestId('nav-evaluations').click();
      await page.getByTestId('eval-validate').waitFor();
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collection-new').waitFor();

      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-contextSize').fill('12');
      await page.getByTestId('settings-save').click();
      const error = page.getByTestId('notice-banner').getByTestId('error-notice');
      await error.getByText('Context size must be at least 256').waitFor();
      expect(await error.textContent()).not.toMatch(/Too small|expected number/);
      await screenshot(page, 'ui-roles-plain-error');
      // The error belongs to Settings: on another screen it is gone.
      await page.getByTestId('nav-models').click();
      expect(await page.getByTestId('notice-banner').count()).toBe(0);

      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-contextSize').fill('2048');
      await page.getByTestId('settings-save').click();
      const saved = page.getByTestId('notice-banner').getByText('Settings saved');
      await saved.waitFor();
      await saved.waitFor({ state: 'detached', timeout: 10_000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
