import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;
const NAME = 'story';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('playground-registry');
  await e2e.runJob('models.import', { path: modelPath, approve: true });
  // A completion prompt that names no model: the Playground has to pick one.
  await e2e.rpc('prompts.create', { name: NAME, kind: 'completion', user: 'Once upon a time {{hero}}', params: { maxTokens: 16, temperature: 0 } });
  await e2e.rpc('prompts.label', { prompt: NAME, label: 'staging', version: '1.0.0' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

/** The verdict rows as `stage/scanner/outcome: reasons`. */
function verdictRows(page: Page): Promise<string[]> {
  return page
    .getByTestId('registry-verdict')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-stage')}/${r.getAttribute('data-scanner')}/${r.getAttribute('data-outcome')}: ${r.querySelector('[data-testid="registry-verdict-reasons"]')?.textContent ?? ''}`),
    );
}

test(
  'the playground runs a registry prompt by label, then a guarded new version blocks a variable with personal data',
  async () => {
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-playground').click();
      await page.getByTestId('prompt-input').waitFor();
      await page.getByTestId('source-registry').click();

      // story@staging resolves by its label to 1.0.0 and asks for its one variable.
      await page.getByTestId('registry-prompt').selectOption(NAME);
      await page.getByTestId('registry-ref').selectOption(`${NAME}@staging`);
      const resolved = page.locator('[data-testid="registry-resolved"][data-version="1.0.0"]');
      await resolved.waitFor();
      expect(await resolved.textContent()).toContain('via label');
      expect(await resolved.textContent()).toContain('names no model');
      const hero = page.locator('[data-testid="registry-var"][data-name="hero"]');
      expect(await hero.evaluate((el) => el.tagName)).toBe('TEXTAREA');
      await hero.fill('a brave little fox');

      // The version names no model and none is chosen: the core's typed error, readable.
      expect(await page.getByTestId('registry-model-select').inputValue()).toBe('');
      await page.getByTestId('registry-run').click();
      const failure = page.getByTestId('registry-error');
      await failure.waitFor();
      expect(await failure.locator('.notice-code').textContent()).toBe('MODEL_NOT_FOUND');
      expect(await failure.textContent()).toContain(`${NAME}@1.0.0 names no model`);
      await screenshot(page, 'playground-registry-no-model');
      // jobs.wait may have answered the failed job with its HTTP status before the event settled it.
      expect(pageErrors.splice(0).filter((e) => !/status of 404/.test(e))).toEqual([]);

      // With a model: the text streams in and the result names the version that ran.
      await page.getByTestId('registry-model-select').selectOption({ label: 'stories260K' });
      await page.getByTestId('registry-run').click();
      const ran = page.locator('[data-testid="registry-ran"][data-version="1.0.0"]');
      await ran.waitFor({ timeout: 60_000 });
      expect(await ran.textContent()).toContain('story 1.0.0');
      expect(await ran.getAttribute('data-arm')).toBe('');
      expect(await page.getByTestId('registry-result').getAttribute('data-blocked')).toBe('false');
      expect(await page.getByTestId('registry-error').count()).toBe(0);
      const text = (await page.getByTestId('registry-output').textContent()) ?? '';
      expect(text.trim().length).toBeGreaterThan(0);
      const completionTokens = Number(await page.getByTestId('registry-stat-completion-tokens').textContent());
      expect(completionTokens).toBeGreaterThan(0);
      expect(completionTokens).toBeLessThanOrEqual(16);
      expect(await verdictRows(page)).toContain('input/pii/pass: variable:hero');
      await screenshot(page, 'playground-registry-run');

      // Prompts screen: a new version with a guardrail override; a typo is named by the core before saving.
      await page.getByTestId('nav-prompts').click();
      await page.locator(`[data-testid="prompts-page"][data-name="${NAME}"]`).waitFor();
      await page.getByTestId('prompts-tab-version').click();
      const guard = page.getByTestId('prompts-guard');
      expect(await guard.inputValue()).toBe('');
      await guard.fill('{"input": ');
      await page.getByTestId('prompts-editor-message').fill('Block personal data in the hero');
      await page.getByTestId('prompts-editor-save').click();
      const editorError = page.getByTestId('prompts-editor-error');
      await editorError.waitFor();
      expect(await editorError.textContent()).toContain('The guardrail overrides are not valid JSON');
      await guard.fill('{"inptu": {"pii": {"action": "block"}}}');
      const suggestionError = page.getByTestId('prompts-suggestion-error');
      await expect.poll(() => suggestionError.textContent()).toContain('guard.inptu');
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
      await guard.fill('{"input": {"pii": {"action": "block"}}}');
      const suggestion = page.locator('[data-testid="prompts-suggestion"][data-bump="minor"]');
      await suggestion.waitFor();
      expect(await suggestion.textContent()).toContain('guardrails changed');
      expect(await suggestion.textContent()).toContain('1.1.0');
      expect(await editorError.count()).toBe(0);
      await screenshot(page, 'playground-registry-guard-editor');
      await page.getByTestId('prompts-editor-save').click();
      await page.locator('[data-testid="prompts-editor-saved"][data-version="1.1.0"]').waitFor();
      // The editor starts again from 1.1.0, its guard prefilled.
      await expect.poll(async () => JSON.parse((await guard.inputValue()) || 'null') as unknown).toEqual({ input: { pii: { action: 'block' } } });

      await page.getByTestId('prompts-editor-compare').click();
      await page.locator('[data-testid="prompts-diff"][data-base="1.0.0"][data-head="1.1.0"]').waitFor();
      const guardSection = page.locator('[data-testid="prompts-diff-section"][data-field="guard"]');
      expect(await guardSection.locator('.diff-section-title').textContent()).toContain('Guardrails');
      expect(await page.getByTestId('prompts-diff-section').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-field')))).toEqual(['guard']);
      await screenshot(page, 'playground-registry-guard-diff');

      await page.getByTestId('prompts-tab-overview').click();
      await page.getByTestId('prompts-label-name').fill('staging');
      await page.getByTestId('prompts-label-version').selectOption('1.1.0');
      await page.getByTestId('prompts-label-set').click();
      await page.locator('[data-testid="prompts-label-row"][data-label="staging"][data-version="1.1.0"]').waitFor();

      // Back in the Playground: story@staging is 1.1.0 now, and an e-mail address in the hero is refused.
      await page.getByTestId('nav-playground').click();
      await page.locator('[data-testid="registry-resolved"][data-version="1.1.0"]').waitFor();
      expect(await page.getByTestId('registry-ref').inputValue()).toBe(`${NAME}@staging`);
      await hero.fill('jane.doe@example.com');
      await page.getByTestId('registry-run').click();
      await page.locator('[data-testid="registry-ran"][data-version="1.1.0"]').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('registry-result').getAttribute('data-blocked')).toBe('true');
      expect(await page.getByTestId('registry-blocked').textContent()).toContain('input guardrails refused');
      expect(await page.getByTestId('registry-output').textContent()).toContain('not run');
      expect(await page.getByTestId('registry-stat-completion-tokens').textContent()).toBe('0');
      const blocked = (await verdictRows(page)).filter((row) => row.startsWith('input/pii/blocked'));
      expect(blocked).toHaveLength(1);
      expect(blocked[0]).toContain('variable:hero');
      await screenshot(page, 'playground-registry-blocked');

      // Free mode is as it was.
      await page.getByTestId('source-free').click();
      await page.getByTestId('prompt-input').waitFor();
      expect(await page.getByTestId('generate').isEnabled()).toBe(true);

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'an A/B split: the playground runs the arm the test assigns and sends feedback to it; a bad arm is rolled back',
  async () => {
    await e2e.rpc('prompts.label', { prompt: NAME, label: 'production', version: '1.0.0' });
    await e2e.rpc('prompts.label', { prompt: NAME, label: 'canary', version: '1.1.0' });
    const ab = await e2e.rpc<{ id: string }>('prompts.ab.create', {
      prompt: NAME, controlLabel: 'production', candidateLabel: 'canary', candidatePercent: 100, monitor: { metric: 'feedback', threshold: 0.5, minSamples: 1 },
    });
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-playground').click();
      await page.getByTestId('source-registry').click();
      await page.getByTestId('registry-prompt').selectOption(NAME);
      await page.getByTestId('registry-ref').selectOption(`${NAME}@production`);
      await page.locator('[data-testid="registry-var"][data-name="hero"]').fill('a quiet owl');
      await page.getByTestId('registry-model-select').selectOption({ label: 'stories260K' });
      await page.getByTestId('registry-run').click();
      const ran = page.locator('[data-testid="registry-ran"][data-version="1.1.0"]');
      await ran.waitFor({ timeout: 60_000 });
      expect(await ran.getAttribute('data-arm')).toBe('candidate');
      await page.getByTestId('ab-feedback-bad').click();
      await page.getByTestId('ab-feedback-sent').waitFor();
      expect(await page.getByTestId('ab-feedback-sent').textContent()).toContain('rolled back automatically');
      await screenshot(page, 'playground-registry-ab-feedback');
      expect(await e2e.rpc<{ status: string }>('prompts.ab.get', { testId: ab.id })).toMatchObject({ status: 'rolled_back' });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
