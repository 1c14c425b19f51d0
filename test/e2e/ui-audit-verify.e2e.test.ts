import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
let e2e: E2e;
let exported = '';

beforeAll(async () => {
  e2e = await startE2e('ui-audit-verify');
  const { path } = await e2e.rpc<{ path: string }>('audit.export', { format: 'jsonl' });
  exported = readFileSync(path, 'utf8');
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'an uploaded audit export verifies on the Audit screen, and an edited copy names the edited line',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-verify-file').setInputFiles({ name: 'trail.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(exported) });
      await page.getByTestId('audit-verify-submit').click();
      await page.locator('[data-testid="audit-verify-result"][data-ok="true"]').waitFor();
      expect(await page.getByTestId('audit-verify-result').textContent()).toContain('trail.jsonl is intact');

      // Someone edits who did it: the file no longer verifies, and the report says which line.
      const edited = exported.replace('"actor":"', '"actor":"x');
      expect(edited).not.toBe(exported);
      await page.getByTestId('audit-verify-file').setInputFiles({ name: 'edited.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(edited) });
      await page.getByTestId('audit-verify-submit').click();
      await page.locator('[data-testid="audit-verify-result"][data-ok="false"]').waitFor();
      expect(await page.getByTestId('audit-verify-problems').textContent()).toMatch(/line \d+ .*was edited/);
      await screenshot(page, 'ui-audit-verify');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
