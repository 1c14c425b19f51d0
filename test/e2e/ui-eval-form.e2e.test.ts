import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;
let e2e: E2e;
let modelName: string;

beforeAll(async () => {
  e2e = await startE2e('ui-eval-form');
  await e2e.runJob('models.import', { path: modelPath, approve: true });
  const [model] = await e2e.rpc<Array<{ name: string }>>('models.list', {});
  modelName = model!.name;
  const cases = ['cat', 'dog'].map((animal, i) => JSON.stringify({ id: `c${i + 1}`, vars: { animal }, expected: `Once upon a time there was a ${animal}` })).join('\n');
  await e2e.rpc('eval.datasets.import', { name: 'animals', content: cases, format: 'jsonl' });
  await e2e.rpc('eval.datasets.import', { name: 'animals', content: cases, format: 'jsonl', note: 'second version' });
  await e2e.rpc('prompts.create', { name: 'opening', kind: 'completion', user: 'Once upon a time there was a {{animal}}', params: { maxTokens: 8, temperature: 0 } });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

/** Tables wider than the box they sit in, and the page itself when it scrolls sideways. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push(`page ${document.documentElement.scrollWidth}px`);
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const box = table.parentElement as HTMLElement;
      if (table.scrollWidth > box.clientWidth + 1) wide.push(`${table.getAttribute('data-testid') ?? table.className} ${table.scrollWidth}px in ${box.clientWidth}px`);
    }
    return wide;
  });
}

test(
  'a run built from the form shows its suite YAML as it is filled in, validates and runs; the tables fit 1440 px',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-evaluations').click();
      const form = page.getByTestId('eval-run-form');
      await form.getByText('opening@1.0.0').waitFor();
      await page.getByTestId('run-form-description').fill('form run');
      await page.getByTestId('run-form-dataset').selectOption('animals');
      await page.getByTestId('run-form-version').selectOption('1');
      await page.getByTestId('run-form-prompts').getByLabel('opening@1.0.0').check();
      await page.getByTestId('run-form-models').getByLabel(modelName).check();
      await page.getByTestId('run-form-max-tokens').fill('8');
      // Many metrics make the summary wide: it must still fit the window.
      for (const metric of ['bleu', 'chrf++', 'rougeL', 'rougeLsum', 'meteor', 'f1']) await page.getByTestId('run-form-metrics').getByLabel(metric, { exact: true }).check();
      await page.getByTestId('run-form-judge').selectOption(modelName);
      // The YAML follows each change: the judge shows, then goes when it is unset (it would slow the run).
      expect(parse(await page.getByTestId('eval-suite-text').inputValue()).judge).toEqual({ model: modelName, rubric: 'default' });
      await page.getByTestId('run-form-judge').selectOption('');
      await page.getByTestId('run-form-add-assertion').click();
      await page.getByLabel('Assertion 1 value').fill('the');
      await page.getByTestId('run-form-pass-rate').fill('0');

      const suite = parse(await page.getByTestId('eval-suite-text').inputValue());
      expect(suite).toEqual({
        description: 'form run',
        prompts: ['opening@1.0.0'],
        providers: [{ id: modelName, config: { maxTokens: 8 } }],
        dataset: 'animals@1',
        metrics: ['bleu', 'chrf++', 'rougeL', 'rougeLsum', 'meteor', 'f1'],
        defaultTest: { assert: [{ type: 'icontains', value: 'the' }] },
        thresholds: { passRate: 0 },
      });
      await page.getByTestId('eval-validate').click();
      expect(await page.getByTestId('eval-suite-valid').textContent()).toContain('1 prompt(s) × 1 model(s) × 2 case(s)');
      await screenshot(page, 'ui-eval-form');

      await page.getByTestId('eval-run').click();
      await page.locator('[data-testid="eval-start-progress"][data-status="done"]').waitFor({ timeout: 120_000 });
      // The runs table fits the 1440 px window: nothing wider than its panel, no sideways scrolling of the page.
      await page.locator('[data-testid="eval-run-row"]').first().waitFor();
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, 'ui-eval-runs-1440');
      await page.getByTestId('eval-start-open').click();
      await page.getByText('form run').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, 'ui-eval-run-1440');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
