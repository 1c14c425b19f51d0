import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
/** Failed sign-ins answer 401; the test provokes them on purpose. */
const ALLOW = [/status of 401/];

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('auth');
  await e2e.rpc('users.add', { name: 'alice', password: 'alice long password', roles: ['analyst'] });
  await e2e.rpc('users.add', { name: 'mallory', password: 'mallory long password', roles: ['viewer'] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'a visitor without the printed URL signs in with a password, sees only what the role allows, and signs out',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await page.goto(e2e.server.origin);
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
      // Her own password and tokens are hers to manage; the account list is not hers to read.
      await page.getByTestId('nav-access').click();
      await page.getByTestId('my-password-current').waitFor();
      expect(await page.getByTestId('users-table').count()).toBe(0);

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
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('account-name').waitFor();
      // Wait for the event stream, then provoke a burst of failed sign-ins to one account.
      await page.waitForTimeout(500);
      for (let i = 0; i < 5; i++) {
        await fetch(`${e2e.server.origin}/rpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'mallory', password: `guess ${i}` }) });
      }
      await page.getByTestId('alerts-button').waitFor();
      expect(await page.getByTestId('alerts-button').textContent()).toMatch(/new alert/);
      await page.getByTestId('alerts-button').click();
      const alert = page.getByTestId('alert').first();
      expect(await alert.textContent()).toContain('Repeated failed sign-ins to one account');
      await screenshot(page, 'auth-alert');
      await alert.getByTestId('alert-inspect').click();
      // The inspector loads the entry after it opens ("Loading…" first): wait for the entry itself.
      await page.getByTestId('audit-inspector').getByText('auth.signIn').first().waitFor();
      expect(await page.getByTestId('audit-inspector').textContent()).toContain('auth.signIn');
      await screenshot(page, 'auth-alert-inspected');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
