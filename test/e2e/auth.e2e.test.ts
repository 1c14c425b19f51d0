import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../electron/server/server.js';
import { ensureRendererBuilt, EXPECTED_CONSOLE_ERRORS, launchChromium, rpcOf, screenshot } from './harness.js';

const TIMEOUT_MS = 120_000;
/** Failed sign-ins answer 401; the test provokes them on purpose. */
const EXPECTED_HERE = [...EXPECTED_CONSOLE_ERRORS, /status of 401/];

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  dataDir = mkdtempSync(path.join(tmpdir(), 'enclave-auth-e2e-'));
  server = await startServer({ dataDir: path.join(dataDir, 'data'), modelsDir: path.join(dataDir, 'models'), port: 0 });
  await rpcOf(server, 'users.add', { name: 'alice', password: 'alice long password', roles: ['analyst'] });
  await rpcOf(server, 'users.add', { name: 'mallory', password: 'mallory long password', roles: ['viewer'] });
  browser = await launchChromium();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, TIMEOUT_MS);

async function watchedPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_HERE.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
  });
  return { page, errors };
}

test(
  'a visitor without the printed URL signs in with a password, sees only what the role allows, and signs out',
  async () => {
    const { page, errors } = await watchedPage();
    try {
      await page.goto(server.origin);
      await page.getByTestId('sign-in-form').waitFor();
      await page.getByTestId('sign-in-user').fill('alice');
      await page.getByTestId('sign-in-password').fill('not her password');
      await page.getByTestId('sign-in-submit').click();
      await page.getByText('Wrong user name or password', { exact: false }).waitFor();
      await screenshot(page, 'auth-sign-in-failed');

      await page.getByTestId('sign-in-password').fill('alice long password');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('account-name').waitFor();
      expect(await page.getByTestId('account-name').textContent()).toBe('alice');
      // An analyst works with models, documents, prompts and evals, but cannot read the audit trail.
      await page.getByTestId('nav-playground').waitFor();
      expect(await page.getByTestId('nav-audit').count()).toBe(0);
      await screenshot(page, 'auth-signed-in');

      await page.getByTestId('sign-out').click();
      await page.getByTestId('sign-in-form').waitFor();
      // The session is gone for the core too, not just hidden.
      const me = await page.evaluate(async () => (await fetch('/rpc/auth.me', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      expect(me).toBe(401);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'an administrator sees an anomaly alert arrive in the header and inspects its entry on the audit trail',
  async () => {
    const { page, errors } = await watchedPage();
    try {
      await page.goto(server.url);
      await page.getByTestId('account-name').waitFor();
      // Wait for the event stream, then provoke a burst of failed sign-ins to one account.
      await page.waitForTimeout(500);
      for (let i = 0; i < 5; i++) {
        await fetch(`${server.origin}/rpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'mallory', password: `guess ${i}` }) });
      }
      await page.getByTestId('alerts-button').waitFor();
      expect(await page.getByTestId('alerts-button').textContent()).toMatch(/new alert/);
      await page.getByTestId('alerts-button').click();
      const alert = page.getByTestId('alert').first();
      expect(await alert.textContent()).toContain('Repeated failed sign-ins to one account');
      await screenshot(page, 'auth-alert');
      await alert.getByTestId('alert-inspect').click();
      await page.getByTestId('audit-inspector').waitFor();
      expect(await page.getByTestId('audit-inspector').textContent()).toContain('auth.signIn');
      await screenshot(page, 'auth-alert-inspected');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
