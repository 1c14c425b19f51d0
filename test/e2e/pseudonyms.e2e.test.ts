import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('pseudonyms');
  await e2e.runJob('models.import', { path: modelPath, name: 'stories', approve: true });
  const docs = path.join(e2e.dataDir, 'docs');
  mkdirSync(docs);
  writeFileSync(path.join(docs, 'pump.md'), '# Coolant pump\n\nThe coolant pump is inspected every month by the site engineer.');
  await e2e.rpc('rag.collections.create', { name: 'hr', settings: { answer: { model: 'stories', maxTokens: 8 }, retrieval: { minRelevance: 0 }, guard: { input: { pii: { mode: 'pseudonym' } } } } });
  await e2e.runJob('rag.ingest', { collection: 'hr', paths: [docs], acl: ['public'] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'the model and the trace see a pseudonym; an administrator restores the value on demand',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-ask').click();
      await page.getByTestId('ask-collection').selectOption({ label: 'hr' });
      await page.getByTestId('ask-question').fill('Does jane.doe@example.com inspect the coolant pump?');
      await page.getByTestId('ask-submit').click();
      await page.locator('[data-testid="ask-status"][data-status="done"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('ask-trace-toggle').click();
      const prompt = (await page.getByTestId('ask-trace-prompt').textContent()) ?? '';
      expect(prompt).toMatch(/Question: Does <EMAIL_ADDRESS_[0-9a-f]{10}> inspect/);
      expect(prompt).not.toContain('jane.doe');

      await page.getByTestId('restore-pseudonyms-button').click();
      await page.getByTestId('restored-text').waitFor();
      expect(await page.getByTestId('restored-text').textContent()).toContain('Question: Does jane.doe@example.com inspect');
      await screenshot(page, 'pseudonyms-restored');
      const { entries } = await e2e.rpc<{ entries: Array<{ action: string; outcome: string }> }>('audit.list', { action: 'guard.restore' });
      expect(entries.map((e) => e.outcome)).toEqual(['success']);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
