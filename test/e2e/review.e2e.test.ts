import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('review');
  await e2e.runJob('models.import', { path: modelPath, name: 'stories', approve: true });
  const docs = path.join(e2e.dataDir, 'docs');
  mkdirSync(docs);
  writeFileSync(path.join(docs, 'pump.md'), '# Coolant pump\n\nThe coolant pump is inspected every month by the site engineer.');
  // A high-stakes collection: every answer waits for a reviewer.
  await e2e.rpc('rag.collections.create', { name: 'clinical', settings: { answer: { model: 'stories', maxTokens: 16, review: 'always' }, retrieval: { minRelevance: 0 } } });
  await e2e.runJob('rag.ingest', { collection: 'clinical', paths: [docs], acl: ['public'] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'an answer from a high-stakes collection awaits review on the Ask screen until a reviewer releases an edit of it',
  async () => {
    // The edit without a reason is refused on purpose (400 from the server).
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/status of 400/] });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-ask').click();
      await page.getByTestId('ask-collection').selectOption({ label: 'clinical' });
      await page.getByTestId('ask-question').fill('How often is the coolant pump inspected?');
      await page.getByTestId('ask-submit').click();
      await page.locator('[data-testid="ask-status"][data-outcome="held"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('ask-awaiting-review').waitFor();
      await screenshot(page, 'review-ask-awaiting');

      await page.getByTestId('nav-review').click();
      await page.getByTestId('review-row').first().click();
      await page.getByTestId('review-detail').waitFor();
      expect(await page.getByTestId('review-question').textContent()).toBe('How often is the coolant pump inspected?');
      expect(await page.getByTestId('review-passages').textContent()).toContain('inspected every month');
      await page.getByTestId('review-answer').fill('The coolant pump is inspected every month [1].');
      // An edit without a reason is refused by the core, and the screen says why.
      await page.getByTestId('review-approve').click();
      await page.getByTestId('review-error').waitFor();
      expect(await page.getByTestId('review-error').textContent()).toMatch(/needs a reason/);
      await page.getByTestId('review-reason').fill('The model wrote a story; the passage says monthly');
      await screenshot(page, 'review-queue');
      await page.getByTestId('review-approve').click();
      await page.locator('[data-testid="review-detail"][data-status="edited"]').waitFor();

      await page.getByTestId('nav-ask').click();
      await page.getByTestId('ask-review-released').waitFor();
      expect(await page.getByTestId('ask-review-released').textContent()).toContain('The coolant pump is inspected every month [1].');
      await screenshot(page, 'review-ask-released');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'the Compliance screen shows the model card, runs a bias audit and exports the decision record of the reviewed answer',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { acceptDownloads: true });
    try {
      const decided = await e2e.rpc<Array<{ traceId: string }>>('review.list', { status: 'decided' });
      const traceId = decided[0]!.traceId;
      await page.goto(e2e.server.url);
      // From the model's details on the Models screen to its card on the Compliance screen.
      await page.getByTestId('nav-models').click();
      await page.locator('[data-testid="model-row"][data-model-name="stories"]').getByTestId('model-inspect').click();
      await page.getByTestId('model-card-open').click();
      await page.getByTestId('model-card').waitFor();
      expect(await page.getByTestId('model-card').getAttribute('aria-label')).toBe('Model card');
      expect(await page.getByTestId('card-details').textContent()).toMatch(/SHA-256[0-9a-f]{64}/);
      await page.getByTestId('bias-attr-age').uncheck();
      await page.getByTestId('bias-run').click();
      await page.getByTestId('bias-report').waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('bias-report').textContent()).toMatch(/gender.*length.*man: .*woman: /s);
      await screenshot(page, 'compliance-bias');

      await page.getByTestId('record-trace-id').fill(traceId!);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-download').click()]);
      const file = await download.path();
      const record = JSON.parse(readFileSync(file, 'utf8')) as { traceId: string; reviews: Array<{ status: string }> };
      expect(record.traceId).toBe(traceId);
      expect(record.reviews.map((r) => r.status)).toEqual(['edited']);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
