import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../electron/server/server.js';
import { ensureRendererBuilt, EXPECTED_CONSOLE_ERRORS, launchChromium, modelPath, rpcOf, screenshot } from './harness.js';

const TIMEOUT_MS = 180_000;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  dataDir = mkdtempSync(path.join(tmpdir(), 'enclave-pseudonyms-e2e-'));
  server = await startServer({ dataDir: path.join(dataDir, 'data'), modelsDir: path.join(dataDir, 'models'), port: 0 });
  const rpc = <T>(method: string, params: unknown): Promise<T> => rpcOf<T>(server, method, params);
  await rpc('jobs.wait', await rpc<{ jobId: string }>('models.import', { path: modelPath, name: 'stories' }));
  const docs = path.join(dataDir, 'docs');
  mkdirSync(docs);
  writeFileSync(path.join(docs, 'pump.md'), '# Coolant pump\n\nThe coolant pump is inspected every month by the site engineer.');
  await rpc('rag.collections.create', { name: 'hr', settings: { answer: { model: 'stories', maxTokens: 8 }, retrieval: { minRelevance: 0 }, guard: { input: { pii: { mode: 'pseudonym' } } } } });
  await rpc('jobs.wait', await rpc<{ jobId: string }>('rag.ingest', { collection: 'hr', paths: [docs], acl: ['public'] }));
  browser = await launchChromium();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, TIMEOUT_MS);

test(
  'the model and the trace see a pseudonym; an administrator restores the value on demand',
  async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
    });
    try {
      await page.goto(server.url);
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
      const { entries } = await rpcOf<{ entries: Array<{ action: string; outcome: string }> }>(server, 'audit.list', { action: 'guard.restore' });
      expect(entries.map((e) => e.outcome)).toEqual(['success']);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
