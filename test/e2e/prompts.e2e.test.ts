import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;
const NAME = 'ticket-summary';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('prompts');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

/** The label row's version once it shows `version`. */
async function labelPointsAt(page: Page, label: string, version: string): Promise<void> {
  await page.locator(`[data-testid="prompts-label-row"][data-label="${label}"][data-version="${version}"]`).waitFor();
}

async function moveLabel(page: Page, label: string, version: string): Promise<void> {
  await page.getByTestId('prompts-label-name').fill(label);
  await page.getByTestId('prompts-label-version').selectOption(version);
  await page.getByTestId('prompts-label-set').click();
}

test(
  'the prompts screen creates a prompt and a version, diffs them, moves and rolls back a label, renders a preview and lists A/B tests',
  async () => {
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-prompts').click();
      await page.getByTestId('prompts-empty').waitFor();

      // Create: the placeholder becomes a required string variable without being declared.
      await page.getByTestId('prompts-new').click();
      await page.getByTestId('prompts-create-name').fill(NAME);
      await page.getByTestId('prompts-create-description').fill('One paragraph on a support ticket');
      await page.getByTestId('prompts-system').fill('You summarise support tickets for colleagues.');
      await page.getByTestId('prompts-user').fill('Summarise {{ticket}} in one paragraph.');
      await page.getByTestId('prompts-param-temperature').fill('0.2');
      await screenshot(page, 'prompts-create');
      await page.getByTestId('prompts-create-submit').click();
      await page.locator(`[data-testid="prompts-row"][data-name="${NAME}"]`).waitFor();
      await page.locator(`[data-testid="prompts-page"][data-name="${NAME}"]`).waitFor();
      expect(await page.getByTestId('prompts-latest').textContent()).toBe('1.0.0');
      expect(await page.getByTestId('prompts-version-row').count()).toBe(1);

      // A new version: changed wording and a new variable. Undeclared, the core says so while typing; declared, a major bump.
      await page.getByTestId('prompts-tab-version').click();
      await page.getByTestId('prompts-user').fill('Briefly summarise {{ticket}} for {{audience}}.');
      const suggestionError = page.getByTestId('prompts-suggestion-error');
      await suggestionError.waitFor();
      expect(await suggestionError.textContent()).toContain('Unknown variable "audience"');
      // The refusals this test provokes are the only failed requests the browser may log.
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
      expect(await page.getByTestId('prompts-variables-undeclared').textContent()).toContain('{{audience}}');
      await page.locator('[data-testid="prompts-variable-declare"][data-name="audience"]').click();
      const suggestion = page.locator('[data-testid="prompts-suggestion"][data-bump="major"]');
      await suggestion.waitFor();
      const suggestionText = (await suggestion.textContent()) ?? '';
      expect(suggestionText).toContain('2.0.0');
      expect(suggestionText).toContain('variable added: audience');
      expect(suggestionText).toContain('user template wording changed');
      await page.getByTestId('prompts-editor-message').fill('Ask who the summary is for');
      await screenshot(page, 'prompts-editor');
      await page.getByTestId('prompts-editor-save').click();
      await page.locator('[data-testid="prompts-editor-saved"][data-version="2.0.0"]').waitFor();
      await expect.poll(() => page.getByTestId('prompts-latest').textContent()).toBe('2.0.0');

      // Side by side: the wording change marked word by word, the new variable as an added line.
      await page.getByTestId('prompts-editor-compare').click();
      await page.locator('[data-testid="prompts-diff"][data-base="1.0.0"][data-head="2.0.0"]').waitFor();
      const fields = await page.getByTestId('prompts-diff-section').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-field')));
      expect(fields).toEqual(['user', 'variables']);
      const userRow = page.locator('[data-testid="prompts-diff-section"][data-field="user"] [data-testid="prompts-diff-row"]');
      expect(await userRow.getAttribute('data-kind')).toBe('changed');
      expect(await userRow.getByTestId('prompts-diff-left').locator('mark').allTextContents()).toEqual(['Summarise', 'in one paragraph']);
      expect(await userRow.getByTestId('prompts-diff-right').locator('mark').allTextContents()).toEqual(['Briefly summarise', 'for {{audience}}']);
      const added = page.locator('[data-testid="prompts-diff-section"][data-field="variables"] [data-testid="prompts-diff-row"][data-kind="added"]');
      expect(await added.getByTestId('prompts-diff-right').textContent()).toBe('audience: string');
      expect(await page.getByTestId('prompts-diff-bump').getAttribute('data-bump')).toBe('major');
      expect(await page.getByTestId('prompts-diff-unchanged').textContent()).toContain('System template');
      await screenshot(page, 'prompts-diff');

      // Labels: staging at 1.0.0, then 2.0.0; a rollback puts it back. A protected label refuses a version without a gate run.
      await page.getByTestId('prompts-tab-overview').click();
      await moveLabel(page, 'staging', '1.0.0');
      await labelPointsAt(page, 'staging', '1.0.0');
      await moveLabel(page, 'staging', '2.0.0');
      await labelPointsAt(page, 'staging', '2.0.0');
      expect(await page.getByTestId('prompts-label-done').textContent()).toContain('staging moved: 1.0.0 → 2.0.0');
      await page.locator('[data-testid="prompts-label-row"][data-label="staging"]').getByTestId('prompts-label-rollback').click();
      await labelPointsAt(page, 'staging', '1.0.0');
      expect(await page.getByTestId('prompts-label-done').textContent()).toContain('staging rolled back: 2.0.0 → 1.0.0');
      await expect.poll(() => page.getByTestId('prompts-label-history-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-action')))).toEqual(['rollback', 'set', 'set']);

      await page.getByTestId('prompts-label-name').fill('production');
      await page.getByTestId('prompts-label-version').selectOption('2.0.0');
      await page.getByTestId('prompts-label-protected').check();
      await page.getByTestId('prompts-label-set').click();
      const refused = page.getByTestId('prompts-label-error');
      await refused.waitFor();
      expect(await refused.locator('.notice-code').textContent()).toBe('GATE_REQUIRED');
      expect(await refused.textContent()).toContain('passing gate run');
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 403')]);
      expect(await page.locator('[data-testid="prompts-label-row"][data-label="production"]').count()).toBe(0);
      const chips = page.locator(`[data-testid="prompts-row"][data-name="${NAME}"] [data-testid="prompts-label-chip"]`);
      expect(await chips.evaluateAll((all) => all.map((c) => `${c.getAttribute('data-label')}=${c.getAttribute('data-version')}`))).toEqual(['staging=1.0.0']);
      await screenshot(page, 'prompts-labels');

      // Try it: a missing variable is named; with both, the exact messages the model gets.
      await page.getByTestId('prompts-tab-try').click();
      await page.locator('[data-testid="prompts-render-var"][data-name="audience"]').waitFor();
      await page.locator('[data-testid="prompts-render-var"][data-name="ticket"]').fill('the printer on floor 3 jams on every job');
      await page.getByTestId('prompts-render-submit').click();
      const renderError = page.getByTestId('prompts-render-error');
      await renderError.waitFor();
      expect(await renderError.textContent()).toContain('Missing variable "audience"');
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
      await page.locator('[data-testid="prompts-render-var"][data-name="audience"]').fill('the help desk');
      await page.getByTestId('prompts-render-submit').click();
      await page.locator('[data-testid="prompts-render-output"][data-version="2.0.0"]').waitFor();
      const messages = page.getByTestId('prompts-render-message');
      expect(await messages.evaluateAll((all) => all.map((m) => m.getAttribute('data-role')))).toEqual(['system', 'user']);
      expect(await messages.nth(1).locator('pre').textContent()).toBe('Briefly summarise the printer on floor 3 jams on every job for the help desk.');
      expect(await page.getByTestId('prompts-render-output').textContent()).toContain('temperature 0.2');
      await screenshot(page, 'prompts-render');

      // A/B tests, read-only: one started and fed through the API shows its arms and the t-test.
      await page.getByTestId('prompts-tab-ab').click();
      await page.getByTestId('prompts-ab-empty').waitFor();
      await e2e.rpc('prompts.label', { prompt: NAME, label: 'candidate', version: '2.0.0' });
      const abTest = await e2e.rpc<{ id: string }>('prompts.ab.create', { prompt: NAME, controlLabel: 'staging', candidateLabel: 'candidate', candidatePercent: 50, monitor: { metric: 'feedback' } });
      for (const [arm, values] of [['control', [0.4, 0.5, 0.4, 0.5]], ['candidate', [0.9, 0.8, 0.9, 0.8]]] as const) {
        for (const value of values) await e2e.rpc('prompts.ab.record', { testId: abTest.id, arm, metric: 'feedback', value });
      }
      await page.getByTestId('prompts-reload').click();
      await page.locator('[data-testid="prompts-page"] [data-testid="prompts-label-chip"][data-label="candidate"][data-version="2.0.0"]').waitFor();
      const card = page.getByTestId('prompts-ab-test');
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('running');
      const arms = page.getByTestId('prompts-ab-arm');
      const cells = await arms.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(cells.map((row) => row.filter((_, i) => i !== 3 && i !== 6))).toEqual([
        ['control', 'staging', '1.0.0', '4', '0.450'],
        ['candidate', 'candidate', '2.0.0', '4', '0.850'],
      ]);
      expect(cells.map((row) => row[6])).toEqual([expect.stringMatching(/^0\.\d{3}$/), expect.stringMatching(/^0\.\d{3}$/)]);
      const significance = (await page.getByTestId('prompts-ab-significance').textContent()) ?? '';
      expect(significance).toMatch(/^feedback: candidate \+0\.400 vs control \(t = [\d.]+, df = [\d.]+, p [<=] [\d.]+\): significant$/);
      await screenshot(page, 'prompts-ab');

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
