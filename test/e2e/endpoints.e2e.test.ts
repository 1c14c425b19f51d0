import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useLlamaServers } from '../helpers/llama-server.js';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
const API_KEY = 'sk-e2e-9c1f3b7d2a';

describe('Endpoints screen against a real llama-server', () => {
  const servers = useLlamaServers(1, { apiKey: API_KEY, alias: 'stories' });
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e('endpoints');
  }, TIMEOUT_MS);
  afterAll(() => e2e?.close(), TIMEOUT_MS);

  test(
    'add an endpoint with its key typed once, see its health and latency, find its model pending on Models, remove it',
    async () => {
      const { page, errors } = await watchedPage(e2e.browser);
      try {
        await page.goto(e2e.server.url);
        await page.getByTestId('nav-endpoints').click();
        await page.getByTestId('endpoint-table').getByText(/No endpoints/).waitFor();

        await page.getByTestId('endpoint-name').fill('cluster');
        await page.getByTestId('endpoint-url').fill(servers[0]!.url);
        await page.getByTestId('endpoint-api-key').fill(API_KEY);
        await page.getByTestId('endpoint-concurrency').fill('2');
        await page.getByTestId('endpoint-add').click();
        await page.getByTestId('notice-banner').getByText(/Endpoint cluster added; its API key is sealed/).waitFor();
        await page.getByTestId('notice-banner').getByText(/cluster\/stories/).waitFor();
        // The key field is empty again and the key appears nowhere on the page.
        expect(await page.getByTestId('endpoint-api-key').inputValue()).toBe('');

        const row = page.locator('[data-testid="endpoint-row"][data-endpoint-name="cluster"]');
        await row.getByText('sealed').waitFor();
        await row.getByTestId('endpoint-test').click();
        await row.getByTestId('endpoint-health').getByText(/ok · [\d.]+ ms/).waitFor();
        expect(await page.content()).not.toContain(API_KEY);
        await screenshot(page, 'endpoints');

        await page.getByTestId('nav-models').click();
        const model = page.locator('[data-testid="model-row"][data-model-name="cluster/stories"]');
        await model.getByTestId('model-remote-tag').waitFor();
        await model.getByText('pending').waitFor();
        await screenshot(page, 'endpoints-models');

        await page.getByTestId('nav-endpoints').click();
        await row.getByTestId('endpoint-remove').click();
        await row.getByTestId('endpoint-remove-confirm').click();
        await page.getByTestId('notice-banner').getByText(/Endpoint cluster removed/).waitFor();
        await page.getByTestId('endpoint-table').getByText(/No endpoints/).waitFor();
        expect(await e2e.rpc<unknown[]>('endpoints.list', {})).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    TIMEOUT_MS,
  );
});
