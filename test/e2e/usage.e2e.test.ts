import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GenerationResult } from '../../electron/core/contract/schemas.js';
import type { Route } from '../../electron/core/contract/usage.api.js';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;

describe('Usage screen', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e('usage');
    await e2e.runJob('models.import', { path: modelPath, name: 'stories', approve: true });
  }, TIMEOUT_MS);
  afterAll(() => e2e?.close(), TIMEOUT_MS);

  test(
    'an administrator adds a price and a route, sees usage by model with the cache hit rate and route shares, and sets a quota',
    async () => {
      const { page, errors } = await watchedPage(e2e.browser);
      try {
        await page.goto(e2e.server.url);
        await page.getByTestId('nav-usage').click();
        await page.getByTestId('usage-table').getByText('No model calls in this range.').waitFor();

        await page.getByTestId('price-model').fill('stories');
        await page.getByTestId('price-in').fill('1.5');
        await page.getByTestId('price-out').fill('3');
        await page.getByTestId('price-save').click();
        await page.locator('[data-testid="price-row"]').getByText('stories').waitFor();

        await page.getByTestId('route-small').fill('stories');
        await page.getByTestId('route-large').fill('stories');
        await page.getByTestId('route-save').click();
        await page.locator('[data-testid="route-row"]').getByText('auto').waitFor();
        expect(await e2e.rpc<Route>('routes.get', { name: 'auto' })).toMatchObject({ defaultTarget: 'stories', rules: [{ target: 'stories', maxPromptTokens: 200 }] });

        // Two identical greedy requests through the route: the second is served by the cache.
        const request = { model: 'auto', prompt: 'Once upon a time', maxTokens: 8, temperature: 0 };
        await e2e.runJob<GenerationResult>('inference.generate', request);
        expect((await e2e.runJob<GenerationResult>('inference.generate', request)).gateway?.cache).toBe('hit');

        await page.getByTestId('usage-by').selectOption('model');
        await page.locator('[data-testid="usage-row"]').getByText('stories').waitFor();
        await page.getByTestId('usage-hit-rate').getByText('50%').waitFor();
        await page.getByTestId('usage-route').getByText(/stories 100%/).waitFor();

        await page.getByTestId('quota-name').fill('ann');
        await page.getByTestId('quota-tokens-day').fill('10000');
        await page.getByTestId('quota-save').click();
        await page.locator('[data-testid="quota-row"]').getByText('user ann').waitFor();
        await screenshot(page, 'usage');
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    TIMEOUT_MS,
  );
});
