import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../electron/server/server.js';
import { ensureRendererBuilt, EXPECTED_CONSOLE_ERRORS, launchChromium, modelPath, rpcOf, screenshot } from './harness.js';

const TIMEOUT_MS = 180_000;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let dataDir: string;
let generatedText: string;

const rpc = <T>(method: string, params: unknown): Promise<T> => rpcOf<T>(server, method, params);

beforeAll(async () => {
  await ensureRendererBuilt();
  dataDir = mkdtempSync(path.join(tmpdir(), 'enclave-audit-e2e-'));
  server = await startServer({ dataDir: path.join(dataDir, 'data'), modelsDir: path.join(dataDir, 'models'), port: 0 });
  // The trail is filled through the API: an import and one generation, each recorded by the core.
  const imported = await rpc<{ jobId: string }>('models.import', { path: modelPath });
  await rpc('jobs.wait', { jobId: imported.jobId });
  const [model] = await rpc<Array<{ id: string }>>('models.list', {});
  const generation = await rpc<{ jobId: string }>('inference.generate', { model: model!.id, prompt: 'Once upon a time', maxTokens: 24, temperature: 0, seed: 7 });
  const result = await rpc<{ text: string }>('jobs.wait', { jobId: generation.jobId });
  generatedText = result.text;
  browser = await launchChromium();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, TIMEOUT_MS);


test(
  'the audit screen verifies the trail, lists, filters and inspects entries, and exports them',
  async () => {
    expect(generatedText.trim()).not.toBe('');
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((pattern) => pattern.test(message.text()))) pageErrors.push(message.text());
    });
    try {
      await page.goto(server.url);
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
