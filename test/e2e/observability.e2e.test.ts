import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Output } from '../../electron/core/contract/api.js';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

describe('Traces and Dashboard screens', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e('observability');
    await e2e.runJob('models.import', { path: modelPath, name: 'stories', approve: true });
    for (const prompt of ['Once upon a time', 'The little dog', 'A red ball']) {
      await e2e.runJob('inference.generate', { model: 'stories', prompt, maxTokens: 12, temperature: 0 });
    }
    // One failing call: errors by code show on the dashboard.
    await e2e.runJob('inference.generate', { model: 'missing-model', prompt: 'x', maxTokens: 2 }).catch(() => undefined);
  }, TIMEOUT_MS);
  afterAll(() => e2e?.close(), TIMEOUT_MS);

  test('the Traces list filters and searches; a trace shows its waterfall and takes a thumbs-down with a correction', async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-traces').click();
      await page.locator('[data-testid="trace-row"]').first().waitFor();
      expect(await page.locator('[data-testid="trace-row"]').count()).toBe(4);

      await page.getByTestId('traces-filter-text').fill('dog');
      await page.getByTestId('traces-apply').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="trace-row"]').length === 1);
      await page.locator('[data-testid="trace-row"]').first().click();
      await page.getByTestId('trace-inspector').waitFor();
      await page.getByTestId('trace-input').getByText('The little dog').waitFor();
      // The generation span, with the gateway's attempt under it.
      await page.getByTestId('trace-waterfall').getByText('text_completion stories').waitFor();
      expect(await page.locator('[data-testid="trace-span"]').count()).toBeGreaterThanOrEqual(1);

      await page.getByTestId('feedback-down').click();
      await page.getByTestId('feedback-comment').fill('Not about a dog');
      await page.getByTestId('feedback-correction').fill('The little dog barked at the mailman.');
      await page.getByTestId('feedback-send').click();
      await page.getByTestId('feedback-saved').waitFor();
      await page.locator('.trace-feedback').getByText(/corrected: The little dog barked/).waitFor();

      await page.getByTestId('to-dataset-name').fill('golden');
      await page.getByTestId('to-dataset-add').click();
      await page.getByTestId('to-dataset-done').getByText(/in golden@1/).waitFor();

      await page.getByTestId('traces-filter-text').fill('');
      await page.getByTestId('traces-filter-feedback').selectOption('down');
      await page.getByTestId('traces-apply').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="trace-row"]').length === 1);
      await screenshot(page, 'traces');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, TIMEOUT_MS);

  test('the Dashboard draws uPlot charts of requests, latency percentiles, TTFT, tokens and errors by code under the CSP', async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('dashboard-totals').getByText('Requests').waitFor();
      await page.getByTestId('dashboard-error-codes').getByText(/MODEL_NOT_FOUND 1/).waitFor();
      for (const chart of ['requests', 'latency', 'ttft', 'tokens']) await page.getByTestId(`chart-${chart}`).locator('canvas').waitFor();
      await page.getByTestId('dashboard-groups').getByText('stories').waitFor();
      await page.getByTestId('dashboard-range').getByText('24 hours').click();
      await page.getByTestId('chart-latency').locator('canvas').waitFor();
      const summary = await e2e.rpc<Output<'monitor.summary'>>('monitor.summary', { since: '1h' });
      expect(summary.totals).toMatchObject({ requests: 4, errors: 1 });
      expect(summary.totals.feedback.down).toBe(1);
      await page.getByTestId('drift-baseline').fill('1h..');
      await page.getByTestId('drift-current').fill('1h..');
      await page.getByTestId('drift-check').click();
      await page.getByTestId('drift-verdict').getByText(/No drift: score 0/).waitFor();
      await screenshot(page, 'dashboard');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, TIMEOUT_MS);
});
