import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

let e2e: E2e;
let generatedText: string;

beforeAll(async () => {
  e2e = await startE2e('audit');
  // The trail is filled through the API: an import and one generation, each recorded by the core.
  await e2e.runJob('models.import', { path: modelPath });
  const [model] = await e2e.rpc<Array<{ id: string }>>('models.list', {});
  const result = await e2e.runJob<{ text: string }>('inference.generate', { model: model!.id, prompt: 'Once upon a time', maxTokens: 24, temperature: 0, seed: 7 });
  generatedText = result.text;
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'the audit screen verifies the trail, lists, filters and inspects entries, and exports them',
  async () => {
    expect(generatedText.trim()).not.toBe('');
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-audit').click();

      // Integrity is checked on open: the chain is intact.
      const integrity = page.locator('[data-testid="audit-integrity"][data-ok]');
      await integrity.waitFor();
      expect(await integrity.getAttribute('data-ok')).toBe('true');
      expect(await integrity.textContent()).toMatch(/^Intact: \d+ entr(y|ies), \d+ signed checkpoints?, head [0-9a-f]{12}, key \S+/);

      // The import and the generation are both on the list, newest first.
      const importRow = page.locator('[data-testid="audit-row"][data-action="models.import"]');
      const generationRow = page.locator('[data-testid="audit-row"][data-action="inference.generate.completed"]');
      await importRow.first().waitFor();
      await generationRow.first().waitFor();
      const all = await page.getByTestId('audit-row').count();
      const seqs = (await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq')))));
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

      // Filtering by an action prefix narrows the list to the inference entries.
      await page.getByTestId('audit-filter-action').fill('inference');
      await page.getByTestId('audit-apply').click();
      await expect.poll(() => page.getByTestId('audit-row').count()).toBeLessThan(all);
      const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action') ?? ''));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((action) => action.startsWith('inference'))).toBe(true);
      expect(actions).toContain('inference.generate.completed');

      // The outcome filter goes to the core: nothing failed.
      await page.getByTestId('audit-filter-outcome').selectOption('failure');
      await page.getByTestId('audit-apply').click();
      await page.getByTestId('audit-empty').waitFor();
      await page.getByTestId('audit-filter-outcome').selectOption('');
      await page.getByTestId('audit-apply').click();
      await generationRow.first().waitFor();

      // The generation's entry: every field, its chain link, and the payload with the generated text, as text.
      await generationRow.first().click();
      const inspector = page.getByTestId('audit-inspector');
      await inspector.waitFor();
      expect(await inspector.getAttribute('data-seq')).toBe(await generationRow.first().getAttribute('data-seq'));
      const payload = page.getByTestId('audit-payload');
      await payload.waitFor();
      expect(await payload.getAttribute('data-purged')).toBe('false');
      const payloadText = (await payload.textContent()) ?? '';
      expect(JSON.parse(payloadText)).toMatchObject({ result: { text: generatedText } });
      expect(await payload.evaluate((element) => element.children.length)).toBe(0);
      expect(await page.getByTestId('audit-chain').locator('code').allTextContents()).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);

      // Export as JSON lines: the screen says where the file went.
      await page.getByTestId('audit-export-jsonl').click();
      const exported = page.getByTestId('audit-export-result');
      await exported.waitFor();
      const exportPath = (await exported.getAttribute('data-path')) ?? '';
      expect(exportPath).toMatch(/\.jsonl$/);
      expect(existsSync(exportPath)).toBe(true);
      expect(await exported.textContent()).toContain(exportPath);

      // The public key, read-only, for verifying exports elsewhere.
      await page.getByTestId('audit-public-key').click();
      const pem = page.getByTestId('audit-public-key-pem');
      await pem.waitFor();
      expect(await pem.inputValue()).toContain('BEGIN PUBLIC KEY');
      expect(await pem.getAttribute('readonly')).not.toBeNull();

      // Verify again on demand: still intact.
      await page.getByTestId('audit-verify').click();
      await expect.poll(() => page.getByTestId('audit-verify').isEnabled()).toBe(true);
      expect(await page.getByTestId('audit-integrity').getAttribute('data-ok')).toBe('true');
      await screenshot(page, 'audit');

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
