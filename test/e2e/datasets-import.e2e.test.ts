import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('datasets-import');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');

test(
  'an admin imports a JSONL file from the empty state, sees its cases, is shown the broken lines of a bad file (nothing imported), and imports a second version',
  async () => {
    // The refused import answers 400 (DATASET_INVALID), which Chromium logs as a failed resource.
    const { page, errors } = await watchedPage(e2e.browser, { allow: [/status of 400/] });
    const good = path.join(e2e.dataDir, 'faq.jsonl');
    writeFileSync(
      good,
      jsonl([
        { id: 'q1', vars: { question: 'How do I reset my password?' }, expected: 'Use "Forgot password".' },
        { id: 'q2', vars: { question: 'Can I export my data?' }, expected: 'Yes, from Settings.' },
        { id: 'q3', vars: { question: 'Is there an offline mode?' }, expected: 'Yes.' },
      ]),
    );
    const bad = path.join(e2e.dataDir, 'broken.jsonl');
    writeFileSync(bad, ['{"vars": {"question": "unfinished"', '', '[1, 2]'].join('\n'));
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-datasets').click();
      // No dataset yet: the empty state is the import form, with a short mention of the CLI.
      await page.getByTestId('datasets-empty').waitFor();
      expect(await page.getByTestId('datasets-empty').textContent()).toContain('enclave datasets import');
      await page.getByTestId('dataset-import-file').setInputFiles(good);
      await page.getByTestId('dataset-import-picked').waitFor();
      expect(await page.getByTestId('dataset-import-name').inputValue()).toBe('faq');
      expect(await page.getByTestId('dataset-import-format').inputValue()).toBe('jsonl');
      await page.getByLabel('Description (optional)').fill('Frequent questions');
      await page.getByLabel('Version note (optional)').fill('first export');
      await screenshot(page, 'datasets-import-empty');
      await page.getByTestId('dataset-import-submit').click();

      // The new dataset opens at v1 with its three cases.
      await page.locator('[data-testid="dataset-page"][data-name="faq"] [data-testid="dataset-version"][data-version="1"]').waitFor();
      expect(await page.getByTestId('dataset-case-row').count()).toBe(3);
      expect(await page.getByTestId('dataset-imported').textContent()).toContain('Imported 3 cases into "faq" as v1.');
      expect(await page.getByTestId('dataset-row').count()).toBe(1);
      expect(await page.getByTestId('dataset-version-note').first().textContent()).toBe('first export');
      await screenshot(page, 'datasets-import-done');

      // A file whose every line is broken: the lines and their problems, and nothing imported.
      await page.getByTestId('datasets-import-open').click();
      await page.getByTestId('dataset-import-file').setInputFiles(bad);
      await page.getByTestId('dataset-import-picked').waitFor();
      expect(await page.getByTestId('dataset-import-name').inputValue()).toBe('broken');
      await page.getByTestId('dataset-import-submit').click();
      const refusal = page.getByTestId('dataset-import-error');
      await refusal.waitFor();
      const lines = await refusal.locator('li').allTextContents();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^Line 1: not valid JSON/);
      expect(lines[1]).toMatch(/^Line 3: each line must be a JSON object/);
      expect(await refusal.textContent()).toContain('Nothing was imported');
      await screenshot(page, 'datasets-import-refused');
      expect(await e2e.rpc<unknown[]>('eval.datasets.list', {})).toHaveLength(1);
      expect(await page.getByTestId('dataset-row').count()).toBe(1);

      // The same name again adds a version; the form says so, and a broken line among good ones is skipped and listed.
      const next = path.join(e2e.dataDir, 'faq-v2.jsonl');
      writeFileSync(next, [jsonl([{ id: 'q1', vars: { question: 'How do I reset my password?' }, expected: 'Use the sign-in page.' }]), '{oops'].join('\n'));
      await page.getByTestId('dataset-import-file').setInputFiles(next);
      await page.locator('[data-testid="dataset-import-picked"]', { hasText: 'faq-v2.jsonl' }).waitFor();
      await page.getByTestId('dataset-import-name').fill('faq');
      expect(await page.getByTestId('dataset-import-target').textContent()).toContain('become v2');
      expect(await page.getByTestId('dataset-import-submit').textContent()).toBe('Import as v2');
      await page.getByTestId('dataset-import-submit').click();
      await page.locator('[data-testid="dataset-page"][data-name="faq"] [data-testid="dataset-version"][data-version="2"]').waitFor();
      expect(await page.getByTestId('dataset-case-row').count()).toBe(1);
      const notice = page.getByTestId('dataset-imported');
      expect(await notice.textContent()).toContain('Imported 1 case into "faq" as v2. 1 row was skipped:');
      expect(await notice.locator('li').allTextContents()).toEqual([expect.stringMatching(/^Line 2: not valid JSON/)]);
      await screenshot(page, 'datasets-import-version');
      expect(errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'datasets-import-failed');
      throw error;
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
