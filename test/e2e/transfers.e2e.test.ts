import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { seedWork } from '../transfer/transfer-helpers.js';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

let e2e: E2e;
let bundleFile: string;
let keyFile: string;
let aFingerprint: string;

/** Installation A (its own data dir, in this process) prepares a bundle and its key file; the browser works on B. */
beforeAll(async () => {
  e2e = await startE2e('transfers');
  const a = createInProcessCore({ dataDir: path.join(e2e.dataDir, 'site-a'), modelsDir: e2e.dataDir });
  try {
    const client = coreClient(a);
    const { runId } = await seedWork(client);
    const exported = await client.job<{ content: string }>('transfer.export', { prompts: ['story'], datasets: ['animals'], runs: [runId] });
    bundleFile = path.join(e2e.dataDir, 'site-a.bundle');
    writeFileSync(bundleFile, Buffer.from(exported.content, 'base64'));
    const self = await client.call<{ keyFile: string; display: string }>('transfer.trust.self', {});
    keyFile = path.join(e2e.dataDir, 'site-a.enclave-key');
    writeFileSync(keyFile, self.keyFile);
    aFingerprint = self.display;
  } finally {
    await a.close();
  }
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'an admin uploads a bundle from an untrusted installation (refused, fingerprint shown), trusts its key, imports it, and exports a bundle',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-transfers').click();
      await page.getByTestId('transfers-self-fingerprint').waitFor();

      // Not trusted yet: the preview names the signer's fingerprint and offers no import.
      await page.getByTestId('transfers-import-file').setInputFiles(bundleFile);
      await page.getByTestId('transfers-untrusted').waitFor();
      expect(await page.getByTestId('transfers-fingerprint').textContent()).toBe(aFingerprint);
      expect(await page.getByTestId('transfers-import-button').isDisabled()).toBe(true);
      await screenshot(page, 'transfers-untrusted');

      // The administrator trusts A's key file.
      await page.getByTestId('transfers-trust-name').fill('site-a');
      await page.getByTestId('transfers-trust-file').setInputFiles(keyFile);
      await page.getByTestId('transfers-trust-add').click();
      await page.getByTestId('transfers-trusted-site-a').waitFor();

      // The same bundle again: signed by site-a, everything new; importing merges it.
      const again = path.join(e2e.dataDir, 'site-a-again.bundle');
      copyFileSync(bundleFile, again);
      await page.getByTestId('transfers-import-file').setInputFiles(again);
      await page.getByTestId('transfers-signer').waitFor();
      expect(await page.getByTestId('transfers-signer').textContent()).toBe('site-a');
      expect(await page.getByTestId('transfers-counts').textContent()).toMatch(/^\d+ new · 0 already here · 0 conflict\(s\) · 0 corrupt$/);
      await page.getByTestId('transfers-import-button').click();
      await page.getByTestId('transfers-imported').waitFor();
      await page.locator('[data-testid="transfers-provenance"] td', { hasText: 'prompt:story@1.0.0' }).waitFor();
      await screenshot(page, 'transfers-imported');
      expect((await e2e.rpc<Array<{ name: string }>>('prompts.list', {})).map((p) => p.name)).toEqual(['story']);

      // Export: pick the imported prompt; the bundle downloads.
      await page.reload();
      await page.getByTestId('nav-transfers').click();
      await page.getByTestId('transfers-export-prompts').getByText('story').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transfers-export-button').click()]);
      expect(download.suggestedFilename()).toMatch(/^enclave-[0-9a-f]{8}\.bundle$/);
      await page.getByTestId('transfers-export-done').waitFor();
      await screenshot(page, 'transfers-export');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
