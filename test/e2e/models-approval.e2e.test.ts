import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('models-approval');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'an administrator approves from the Models screen with a reason; rejecting what a collection uses asks to confirm and lists it',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/409|Conflict/] });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-models').click();
      await page.getByTestId('model-path-input').fill(modelPath);
      await page.getByTestId('model-import').click();
      const row = page.locator('[data-testid="model-row"][data-model-name="stories260K"]');
      await row.locator('[data-testid="model-approval"][data-approval="pending"]').waitFor({ timeout: 60_000 });

      await row.getByTestId('model-approve').click();
      await row.getByTestId('model-decision-reason').fill('passed the golden set');
      await row.getByTestId('model-decision-submit').click();
      await row.locator('[data-testid="model-approval"][data-approval="approved"]').waitFor();
      const history = await e2e.rpc<Array<{ action: string; reason: string | null }>>('models.history', { ref: 'stories260K' });
      expect(history.at(-1)).toMatchObject({ action: 'approved', reason: 'passed the golden set' });
      // The inspector shows the decision with its reason.
      await row.getByTestId('model-inspect').click();
      await page.locator('[data-testid="model-history"] li[data-action="approved"]').waitFor();
      expect(await page.getByTestId('model-history').textContent()).toContain('passed the golden set');
      await page.getByTestId('model-inspector-close').click();

      await e2e.rpc('rag.collections.create', { name: 'handbook', settings: { answer: { model: 'stories260K' } } });
      await row.getByTestId('model-reject').click();
      // A rejection needs a reason: the core refuses an empty one and says so.
      await row.getByTestId('model-decision-submit').click();
      await row.locator('[data-testid="model-decision-error"][data-code="INVALID_INPUT"]').waitFor();
      await row.getByTestId('model-decision-reason').fill('licence withdrawn');
      await row.getByTestId('model-decision-submit').click();
      const warning = row.locator('[data-testid="model-decision-error"][data-code="MODEL_IN_USE"]');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('collection "handbook" (answer model)');
      await screenshot(page, 'models-reject-confirm');
      await row.getByTestId('model-decision-confirm').click();
      await row.locator('[data-testid="model-approval"][data-approval="rejected"]').waitFor();
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
