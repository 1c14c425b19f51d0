import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

let e2e: E2e;

interface Shown {
  version: number;
  versions: Array<{ version: number; note: string; source: string }>;
  cases: Array<{ key: string; human: Record<string, unknown> | null }>;
}

/** Five support questions; s3 compares two answers (pairwise), s5 carries a label already. */
const golden = [
  { id: 's1', vars: { question: 'How do I reset my password?' }, expected: 'Use "Forgot password" on the sign-in page.', tags: ['account'] },
  { id: 's2', vars: { question: 'Can I export my data?' }, expected: 'Yes, from Settings → Export.', contexts: ['Settings has an Export tab that writes a ZIP file.'] },
  { id: 's3', vars: { question: 'Which reply is more helpful?' }, tags: ['pairwise'] },
  { id: 's4', vars: { question: 'Is there an offline mode?' }, expected: 'Yes: everything runs on your machine.' },
  { id: 's5', vars: { question: 'Who can see my prompts?' }, expected: 'Only accounts you share them with.', human: { score: 2 } },
].map((row) => JSON.stringify(row)).join('\n');

beforeAll(async () => {
  e2e = await startE2e('datasets');
  const imported = await e2e.rpc<{ version: number; imported: number }>('eval.datasets.import', { name: 'support', content: golden, format: 'jsonl', description: 'Support answers, labeled by the support team' });
  expect(imported).toMatchObject({ version: 1, imported: 5 });
  await e2e.rpc('eval.datasets.import', { name: 'triage', content: golden, format: 'jsonl' });
  await e2e.rpc('users.add', { name: 'lena', password: 'lena long password', roles: ['labeler'] });
  await e2e.rpc('users.add', { name: 'vic', password: 'vic long password', roles: ['viewer'] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

const row = (page: Page, key: string) => page.locator(`[data-testid="dataset-case-row"][data-case="${key}"]`);

async function rowLabel(page: Page, key: string): Promise<string | null> {
  return row(page, key).getAttribute('data-label');
}

test(
  'a labeler labels cases with the keyboard, saves them as a new version with a note, and is told to reload when another labeler saved first',
  async () => {
    const { page, errors: pageErrors } = await watchedPage(e2e.browser, { acceptDownloads: true });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-datasets').click();
      await page.locator('[data-testid="dataset-row"][data-name="support"]').getByTestId('dataset-open').click();
      await page.locator('[data-testid="dataset-version"][data-version="1"]').waitFor();
      expect(await page.getByTestId('dataset-case-row').count()).toBe(5);
      expect(await rowLabel(page, 's5')).toBe('2');
      // The first case in full: its variables, expected answer and tags.
      const detail = page.getByTestId('dataset-case-detail');
      expect(await detail.getAttribute('data-case')).toBe('s1');
      expect(await detail.textContent()).toContain('How do I reset my password?');
      await screenshot(page, 'datasets-browse');

      // Labeling: s1 = 4 + pass, s2 = 2 + fail, s3 (pairwise) = 5 + preference B; j moves on.
      await page.getByTestId('dataset-label-mode').click();
      await page.getByTestId('label-controls').waitFor();
      expect(await page.getByTestId('label-preference-A').count()).toBe(0);
      for (const key of ['4', 'p', 'j', '2', 'f', 'j', '5', 'b']) await page.keyboard.press(key);
      await page.locator('[data-testid="dataset-pending-count"][data-count="3"]').waitFor();
      expect(await detail.getAttribute('data-case')).toBe('s3');
      expect(await page.getByTestId('label-preference-B').getAttribute('aria-pressed')).toBe('true');
      expect([await rowLabel(page, 's1'), await rowLabel(page, 's2'), await rowLabel(page, 's3')]).toEqual(['4 · pass', '2 · fail', '5 · B']);
      expect(await row(page, 's1').getAttribute('data-unsaved')).toBe('true');
      await screenshot(page, 'datasets-pairwise');
      // k goes back; u undoes a case's unsaved label, and pressing the keys again brings it back.
      await page.keyboard.press('k');
      await page.keyboard.press('u');
      await page.locator('[data-testid="dataset-pending-count"][data-count="2"]').waitFor();
      for (const key of ['2', 'f']) await page.keyboard.press(key);
      await page.locator('[data-testid="dataset-pending-count"][data-count="3"]').waitFor();
      await screenshot(page, 'datasets-labeling');

      // Typing the note does not label (the keys go to the field); Save writes v2.
      await page.getByTestId('dataset-note').fill('first pass: password, export and pairwise replies');
      await page.getByTestId('dataset-save').click();
      await page.locator('[data-testid="dataset-saved"][data-version="2"]').waitFor();
      await page.locator('[data-testid="dataset-version"][data-version="2"]').waitFor();
      expect(await page.getByTestId('dataset-saved').textContent()).toBe('Saved 3 labels as v2 (from v1).');
      expect([await rowLabel(page, 's1'), await rowLabel(page, 's2'), await rowLabel(page, 's3'), await rowLabel(page, 's4')]).toEqual(['4 · pass', '2 · fail', '5 · B', '—']);
      expect(await row(page, 's1').getAttribute('data-unsaved')).toBe('false');
      const versions = page.getByTestId('dataset-version-item');
      expect(await versions.count()).toBe(2);
      expect(await versions.first().getByTestId('dataset-version-note').textContent()).toBe('first pass: password, export and pairwise replies');
      await screenshot(page, 'datasets-saved');

      const v2 = await e2e.rpc<Shown>('eval.datasets.show', { dataset: 'support@2' });
      expect(Object.fromEntries(v2.cases.map((c) => [c.key, c.human]))).toEqual({
        s1: { score: 4, pass: true }, s2: { score: 2, pass: false }, s3: { score: 5, preference: 'B' }, s4: null, s5: { score: 2 },
      });
      const v1 = await e2e.rpc<Shown>('eval.datasets.show', { dataset: 'support@1' });
      expect(v1.cases.map((c) => c.human)).toEqual([null, null, null, null, { score: 2 }]);

      // Another labeler saves v3 meanwhile: this save (on v2) is refused and says why; the labels are kept.
      await row(page, 's4').click();
      await page.keyboard.press('3');
      await e2e.rpc('eval.datasets.label', { dataset: 'support@2', labels: [{ caseKey: 's5', human: { score: 1 } }], note: 'someone else' });
      await page.getByTestId('dataset-save').click();
      const refusal = page.getByTestId('dataset-save-error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('is at version 3 now, but these labels were made on version 2');
      // The refusal is an HTTP 409 (a conflict with another labeler), which Chromium logs; that one is expected.
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 409')]);
      await screenshot(page, 'datasets-stale');
      await page.getByTestId('dataset-reload-latest').click();
      await page.locator('[data-testid="dataset-version"][data-version="3"]').waitFor();
      expect([await rowLabel(page, 's4'), await rowLabel(page, 's5')]).toEqual(['3', '1']);
      await page.getByTestId('dataset-save').click();
      await page.locator('[data-testid="dataset-saved"][data-version="4"]').waitFor();
      expect(await page.getByTestId('dataset-version-item').count()).toBe(4);

      // Export: the version shown, as JSONL.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dataset-export').click()]);
      expect(download.suggestedFilename()).toBe('support@4.jsonl');
      const exported = readFileSync((await download.path()) as string, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; human?: unknown });
      expect(exported.map((c) => [c.id, c.human ?? null])).toEqual([['s1', { score: 4, pass: true }], ['s2', { score: 2, pass: false }], ['s3', { score: 5, preference: 'B' }], ['s4', { score: 3 }], ['s5', { score: 1 }]]);

      // An older version can be read, not labeled.
      await page.locator('[data-testid="dataset-version-item"][data-version="1"]').getByTestId('dataset-version-open').click();
      await page.locator('[data-testid="dataset-version"][data-version="1"]').waitFor();
      expect(await page.getByTestId('label-controls').count()).toBe(0);
      expect(await page.getByTestId('dataset-label-mode').isDisabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

async function signIn(page: Page, user: string): Promise<void> {
  await page.goto(e2e.server.origin);
  await page.getByTestId('sign-in-user').fill(user);
  await page.getByTestId('sign-in-password').fill(`${user} long password`);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('account-name').waitFor();
  await page.getByTestId('nav-datasets').click();
  await page.locator('[data-testid="dataset-row"][data-name="triage"]').getByTestId('dataset-open').click();
  await page.locator('[data-testid="dataset-version"][data-version="1"]').waitFor();
}

test(
  'a viewer reads a dataset without a way to label it; a labeler labels it and is the new version\'s author',
  async () => {
    for (const user of ['vic', 'lena']) {
      // Opened without the access token: the sign-in form's first auth.me answers 401, which Chromium logs.
      const { page, errors: pageErrors } = await watchedPage(e2e.browser, { allow: [/status of 401/] });
      try {
        await signIn(page, user);
        if (user === 'vic') {
          expect(await page.getByTestId('dataset-case-row').count()).toBe(5);
          expect(await page.getByTestId('dataset-label-mode').count()).toBe(0);
          continue;
        }
        await page.getByTestId('dataset-label-mode').click();
        await page.getByTestId('label-controls').waitFor();
        for (const key of ['1', 'f']) await page.keyboard.press(key);
        await page.getByTestId('dataset-save').click();
        await page.locator('[data-testid="dataset-saved"][data-version="2"]').waitFor();
        const newest = page.getByTestId('dataset-version-item').first();
        expect(await newest.textContent()).toContain('· lena ·');
        expect(await newest.getByTestId('dataset-version-note').textContent()).toBe('1 label changed');
        expect(pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    }
  },
  TIMEOUT_MS,
);
