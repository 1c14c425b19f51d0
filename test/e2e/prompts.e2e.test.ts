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

const abCard = (page: Page, id: string) => page.locator(`[data-testid="prompts-ab-test"][data-id="${id}"]`);

/** Starts a test from the A/B tab's form (staging against candidate), returning its id once its card shows. */
async function startAbTest(page: Page, fields: { name?: string; percent?: string; metric?: string; threshold?: string; minSamples?: string }): Promise<string> {
  await page.getByTestId('prompts-ab-new').click();
  await page.getByTestId('prompts-ab-control').selectOption('staging');
  await page.getByTestId('prompts-ab-candidate').selectOption('candidate');
  if (fields.name) await page.getByTestId('prompts-ab-name').fill(fields.name);
  if (fields.percent) await page.getByTestId('prompts-ab-percent').fill(fields.percent);
  if (fields.metric) await page.getByTestId('prompts-ab-metric').selectOption(fields.metric);
  if (fields.threshold) await page.getByTestId('prompts-ab-threshold').fill(fields.threshold);
  if (fields.minSamples) await page.getByTestId('prompts-ab-min-samples').fill(fields.minSamples);
  if (fields.name) {
    expect(await page.getByTestId('prompts-ab-form-summary').textContent()).toContain(`${fields.percent ?? '20'}% of subjects get candidate (2.0.0), the rest staging (1.0.0)`);
    await screenshot(page, 'prompts-ab-form');
  }
  await page.getByTestId('prompts-ab-create-submit').click();
  const card = page.locator('[data-testid="prompts-ab-test"][data-status="running"]');
  await card.waitFor();
  return (await card.getAttribute('data-id')) ?? '';
}

/** The open prompt's label chips in the table, as label=version. */
async function labelChipsAre(page: Page, expected: string[]): Promise<void> {
  const chips = page.locator(`[data-testid="prompts-row"][data-name="${NAME}"] [data-testid="prompts-label-chip"]`);
  await expect.poll(() => chips.evaluateAll((all) => all.map((c) => `${c.getAttribute('data-label')}=${c.getAttribute('data-version')}`).sort())).toEqual(expected);
}

test(
  'the prompts screen creates a prompt and a version, diffs them, moves and rolls back a label, renders a preview, and starts, rolls back and promotes A/B tests',
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

      // A/B tests: started from the form between staging (1.0.0) and a candidate label (2.0.0); outcomes arrive through the API.
      await page.getByTestId('prompts-tab-ab').click();
      await page.getByTestId('prompts-ab-empty').waitFor();
      await e2e.rpc('prompts.label', { prompt: NAME, label: 'candidate', version: '2.0.0' });
      await page.getByTestId('prompts-reload').click();
      await page.locator('[data-testid="prompts-page"] [data-testid="prompts-label-chip"][data-label="candidate"][data-version="2.0.0"]').waitFor();
      const first = await startAbTest(page, { name: 'shorter summaries', percent: '50' });
      expect(await page.getByTestId('prompts-ab-done').textContent()).toBe('Started: 50% of subjects now get candidate.');
      expect(await page.getByTestId('prompts-ab-new').isDisabled()).toBe(true);
      for (const [arm, values] of [['control', [0.4, 0.5, 0.4, 0.5]], ['candidate', [0.9, 0.8, 0.9, 0.8]]] as const) {
        for (const value of values) await e2e.rpc('prompts.ab.record', { testId: first, arm, metric: 'feedback', value });
      }
      await page.getByTestId('prompts-reload').click();
      const card = abCard(page, first);
      await expect.poll(() => card.getByTestId('prompts-ab-arm').nth(1).locator('td').nth(4).textContent()).toBe('4');
      expect(await card.getAttribute('data-status')).toBe('running');
      const cells = await card.getByTestId('prompts-ab-arm').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(cells.map((row) => row.filter((_, i) => i !== 3 && i !== 6))).toEqual([
        ['control', 'staging', '1.0.0', '4', '0.450'],
        ['candidate', 'candidate', '2.0.0', '4', '0.850'],
      ]);
      expect(cells.map((row) => row[6])).toEqual([expect.stringMatching(/^0\.\d{3}$/), expect.stringMatching(/^0\.\d{3}$/)]);
      const significance = (await card.getByTestId('prompts-ab-significance').textContent()) ?? '';
      expect(significance).toMatch(/^feedback: candidate \+0\.400 vs control \(t = [\d.]+, df = [\d.]+, p [<=] [\d.]+\): significant$/);
      await screenshot(page, 'prompts-ab');

      // Roll back with a reason: the test ends, no label moves.
      await card.getByTestId('prompts-ab-rollback').click();
      expect(await card.getByTestId('prompts-ab-rollback-box').textContent()).toContain('every subject gets staging (1.0.0) again. No label moves.');
      await card.getByTestId('prompts-ab-rollback-reason').fill('the summaries drop the ticket number');
      await screenshot(page, 'prompts-ab-rollback');
      await card.getByTestId('prompts-ab-rollback-confirm').click();
      await page.locator(`[data-testid="prompts-ab-test"][data-id="${first}"][data-status="rolled_back"]`).waitFor();
      expect(await card.getByTestId('prompts-ab-decision').textContent()).toContain('reason: the summaries drop the ticket number');
      expect(await card.getByTestId('prompts-ab-done').textContent()).toBe('Rolled back: every subject gets staging (1.0.0) again; no label moved.');
      expect(await card.getByTestId('prompts-ab-promote').count()).toBe(0);
      await labelChipsAre(page, ['candidate=2.0.0', 'staging=1.0.0']);

      // A threshold rolls a test back by itself; a Promote from the stale screen is refused and the panel reads again.
      const second = await startAbTest(page, { metric: 'judge', threshold: '0.5', minSamples: '3' });
      expect(await abCard(page, second).textContent()).toContain('watching judge, rolls back below 0.5 after 3 outcomes');
      for (const value of [0.2, 0.3, 0.1]) await e2e.rpc('prompts.ab.record', { testId: second, arm: 'candidate', metric: 'judge', value });
      await abCard(page, second).getByTestId('prompts-ab-promote').click();
      await abCard(page, second).getByTestId('prompts-ab-promote-confirm').click();
      const stale = abCard(page, second).getByTestId('prompts-ab-action-error');
      await stale.waitFor();
      expect(await stale.locator('.notice-code').textContent()).toBe('INVALID_INPUT');
      expect(await stale.textContent()).toContain('already ended (rolled_back)');
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
      await page.locator(`[data-testid="prompts-ab-test"][data-id="${second}"][data-status="rolled_back"]`).waitFor();
      expect(await abCard(page, second).getByTestId('prompts-ab-decision').textContent()).toContain('reason: automatic');
      await screenshot(page, 'prompts-ab-refused');

      // Promote: staging (the control label) moves to the candidate's version and the test ends.
      const third = await startAbTest(page, { percent: '10' });
      await abCard(page, third).getByTestId('prompts-ab-promote').click();
      expect(await abCard(page, third).getByTestId('prompts-ab-promote-box').textContent()).toContain(
        'staging moves from 1.0.0 to 2.0.0 (the version candidate points at) and the test ends; every caller of staging then gets 2.0.0.',
      );
      await screenshot(page, 'prompts-ab-promote');
      await abCard(page, third).getByTestId('prompts-ab-promote-confirm').click();
      await page.locator(`[data-testid="prompts-ab-test"][data-id="${third}"][data-status="promoted"]`).waitFor();
      expect(await abCard(page, third).getByTestId('prompts-ab-done').textContent()).toBe('Promoted: staging now points at 2.0.0; the test ended.');
      await labelChipsAre(page, ['candidate=2.0.0', 'staging=2.0.0']);
      expect(await page.getByTestId('prompts-ab-test').evaluateAll((all) => all.map((c) => c.getAttribute('data-status')))).toEqual(['promoted', 'rolled_back', 'rolled_back']);
      expect(await page.getByTestId('prompts-ab-new').isDisabled()).toBe(false);
      await page.getByTestId('prompts-tab-overview').click();
      await labelPointsAt(page, 'staging', '2.0.0');
      expect(await page.locator('[data-testid="prompts-label-history-item"]').first().getAttribute('data-action')).toBe('promote');
      await page.getByTestId('prompts-tab-ab').click();
      await page.getByTestId('prompts-ab-tests').waitFor();
      await screenshot(page, 'prompts-ab-ended');

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'a viewer reads the A/B tests without a way to start, promote or roll one back',
  async () => {
    await e2e.rpc('users.add', { name: 'vic', password: 'vic long password', roles: ['viewer'] });
    await e2e.rpc('prompts.create', { name: 'reply-draft', user: 'Draft a reply to {{ticket}}.', message: 'first' });
    await e2e.rpc('prompts.version', { prompt: 'reply-draft', user: 'Draft a short reply to {{ticket}}.', message: 'shorter', version: '1.1.0' });
    await e2e.rpc('prompts.label', { prompt: 'reply-draft', label: 'production', version: '1.0.0' });
    await e2e.rpc('prompts.label', { prompt: 'reply-draft', label: 'staging', version: '1.1.0' });
    await e2e.rpc('prompts.ab.create', { prompt: 'reply-draft', candidatePercent: 30 });
    // Opened without the access token: the sign-in form's first auth.me answers 401, which Chromium logs.
    const { page, errors: pageErrors } = await watchedPage(e2e.browser, { allow: [/status of 401/] });
    try {
      await page.goto(e2e.server.origin);
      await page.getByTestId('sign-in-user').fill('vic');
      await page.getByTestId('sign-in-password').fill('vic long password');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('account-name').waitFor();
      await page.getByTestId('nav-prompts').click();
      await page.locator('[data-testid="prompts-row"][data-name="reply-draft"]').getByTestId('prompts-open').click();
      await page.locator('[data-testid="prompts-page"][data-name="reply-draft"]').waitFor();
      await page.getByTestId('prompts-tab-ab').click();
      await page.locator('[data-testid="prompts-ab-test"][data-status="running"]').waitFor();
      expect(await page.getByTestId('prompts-ab-arm').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-arm')))).toEqual(['control', 'candidate']);
      for (const control of ['prompts-ab-new', 'prompts-ab-promote', 'prompts-ab-rollback']) expect(await page.getByTestId(control).count()).toBe(0);
      // Nor a way to create prompts, write versions or move labels: the screen reads only.
      for (const control of ['prompts-new', 'prompts-tab-version', 'prompts-label-set', 'prompts-label-rollback']) expect(await page.getByTestId(control).count()).toBe(0);
      await screenshot(page, 'prompts-ab-viewer');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
