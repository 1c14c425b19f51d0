import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;
/**
 * Refusals provoked on purpose: 400 (a weak password, the last administrator), 409 (a name taken), 401 (a revoked
 * token, a disabled account, a workstation made shared).
 */
const ALLOW = [/status of 40[019]/];
const ANA_PASSWORD = 'ana long password';
const ADMIN_PASSWORD = 'admin long password';
const NEW_ADMIN_PASSWORD = 'admin newer long password';
const SAM_PASSWORD = 'sam long password';

let e2e: E2e;
/** The OS user who started the server: its printed URL signs in as this account, the administrator. */
let admin = '';

beforeAll(async () => {
  e2e = await startE2e('access');
  await e2e.rpc('users.add', { name: 'sam', password: SAM_PASSWORD, roles: ['security-auditor'] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

/** The administrator's page on the Access screen, signed in by the printed URL. */
async function openAccess(page: Page): Promise<void> {
  await page.goto(e2e.server.url);
  await page.getByTestId('account-name').waitFor();
  admin = (await page.getByTestId('account-name').textContent()) ?? '';
  await page.getByTestId('nav-access').click();
  await page.getByTestId('users-table').waitFor();
}

const userRow = (page: Page, name: string) => page.locator(`[data-testid="user-row"][data-user="${name}"]`);

/** An RPC as a script makes it, with a bearer token: the HTTP status and the answer. */
async function rpcWith(token: string, method: string): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  const response = await fetch(`${e2e.server.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean } };
}

test(
  'an administrator adds ana as an analyst in ops, gives her the labeler role too, and reads the typed refusals',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await openAccess(page);
      expect(await userRow(page, admin).getByTestId('user-password').textContent()).toBe('OS only');

      await page.getByTestId('user-add').click();
      await page.getByTestId('user-add-name').fill('ana');
      await page.getByTestId('user-add-password').fill('short');
      await page.getByTestId('user-add-password-again').fill('shorter');
      expect(await page.getByTestId('user-add-submit').isDisabled()).toBe(true);
      await page.getByText('The two passwords differ').waitFor();
      await page.getByTestId('user-add-password-again').fill('short');
      await page.getByTestId('user-add-role-viewer').uncheck();
      await page.getByTestId('user-add-role-analyst').check();
      await page.getByTestId('user-add-groups').fill(' ops ');
      await page.getByTestId('user-add-submit').click();
      // The core judges the password's strength; its message says what to fix.
      await page.getByTestId('user-add-error').waitFor();
      expect(await page.getByTestId('user-add-error').textContent()).toContain('at least 8 characters');
      await screenshot(page, 'access-add-user-weak-password');

      await page.getByTestId('user-add-password').fill(ANA_PASSWORD);
      await page.getByTestId('user-add-password-again').fill(ANA_PASSWORD);
      await page.getByTestId('user-add-submit').click();
      await userRow(page, 'ana').waitFor();
      const ana = userRow(page, 'ana');
      expect(await ana.getByTestId('user-roles').textContent()).toBe('analyst');
      expect(await ana.getByTestId('user-groups').textContent()).toBe('ops');
      expect(await ana.getByTestId('user-password').textContent()).toBe('yes');
      expect(await ana.getByTestId('user-state').textContent()).toBe('enabled');

      // The same name again (names ignore case) is refused with its own code.
      await page.getByTestId('user-add').click();
      await page.getByTestId('user-add-name').fill('ANA');
      await page.getByTestId('user-add-submit').click();
      await page.getByTestId('user-add-error').waitFor();
      expect(await page.getByTestId('user-add-error').textContent()).toContain('USER_EXISTS');
      await page.getByRole('button', { name: 'Cancel' }).click();

      await ana.getByTestId('user-edit').click();
      await page.getByTestId('user-edit-role-labeler').check();
      await screenshot(page, 'access-edit-roles');
      await page.getByTestId('user-edit-save').click();
      await page.getByTestId('user-edit-form').waitFor({ state: 'detached' });
      expect(await ana.getByTestId('user-roles').textContent()).toBe('analyst, labeler');
      const stored = await e2e.rpc<{ name: string; roles: string[]; groups: string[] }[]>('users.list', {});
      expect(stored.find((u) => u.name === 'ana')).toMatchObject({ roles: ['analyst', 'labeler'], groups: ['ops'] });

      // Enclave never goes without an enabled administrator.
      await userRow(page, admin).getByTestId('user-disable').click();
      await page.getByTestId('user-disable-confirm').click();
      await page.getByTestId('user-row-error').waitFor();
      expect(await page.getByTestId('user-row-error').textContent()).toContain('last enabled administrator');
      await screenshot(page, 'access-users');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'an API token with two permissions is shown once, works as a bearer token, and stops working when revoked',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await openAccess(page);
      await page.getByTestId('token-new').click();
      await page.getByTestId('token-name').fill('ci');
      await page.getByTestId('token-permission-account.self').check();
      await page.getByTestId('token-permission-models.read').check();
      await page.getByTestId('token-days').fill('30');
      await screenshot(page, 'access-token-create');
      await page.getByTestId('token-create-submit').click();
      await page.getByTestId('token-secret').waitFor();
      const secret = await page.getByTestId('token-secret-value').inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await page.getByTestId('token-secret-copy').click();
      await page.getByTestId('token-secret-copy-status').getByText(/Copied|copy it with Ctrl\+C/).waitFor();
      await screenshot(page, 'access-token-secret');

      const me = await rpcWith(secret, 'auth.me');
      expect(me.status).toBe(200);
      expect(me.body.value).toMatchObject({ user: { name: admin }, via: 'apiToken', permissions: ['account.self', 'models.read'] });

      // Done forgets the secret; the list shows the token without it.
      await page.getByTestId('token-secret-done').click();
      await page.getByTestId('token-secret').waitFor({ state: 'detached' });
      const row = page.locator('[data-testid="token-row"][data-token-name="ci"]');
      expect(await row.getByTestId('token-state').textContent()).toBe('active');
      expect(await row.getByTestId('token-permissions').textContent()).toBe('account.selfmodels.read');
      expect(await page.content()).not.toContain(secret);

      await row.getByTestId('token-revoke').click();
      await row.getByTestId('token-revoke-confirm').click();
      await row.getByTestId('token-state').getByText('revoked').waitFor();
      expect((await rpcWith(secret, 'auth.me')).status).toBe(401);
      await screenshot(page, 'access-token-revoked');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'disabling ana signs her out, and signing in as her then fails with a readable message',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    const second = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await second.page.goto(e2e.server.origin);
      await second.page.getByTestId('sign-in-user').fill('ana');
      await second.page.getByTestId('sign-in-password').fill(ANA_PASSWORD);
      await second.page.getByTestId('sign-in-submit').click();
      await second.page.getByTestId('account-name').waitFor();
      // An analyst and labeler sees only her own account there, not the account list.
      await second.page.getByTestId('nav-access').click();
      await second.page.getByTestId('my-password-current').waitFor();
      expect(await second.page.getByTestId('users-table').count()).toBe(0);

      await openAccess(page);
      await userRow(page, 'ana').getByTestId('user-disable').click();
      await page.getByText('They are signed out everywhere at once').waitFor();
      await screenshot(page, 'access-disable-confirm');
      await page.getByTestId('user-disable-confirm').click();
      await userRow(page, 'ana').getByTestId('user-state').getByText('disabled').waitFor();

      await second.page.reload();
      await second.page.getByTestId('sign-in-form').waitFor();
      await second.page.getByTestId('sign-in-user').fill('ana');
      await second.page.getByTestId('sign-in-password').fill(ANA_PASSWORD);
      await second.page.getByTestId('sign-in-submit').click();
      await second.page.getByText('The account "ana" is disabled; ask an administrator to enable it').waitFor();
      await screenshot(second.page, 'access-disabled-sign-in');
      expect(errors).toEqual([]);
      expect(second.errors).toEqual([]);
    } finally {
      await second.page.close();
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'the shared workstation is turned on (the OS account is signed out) and off again by an administrator with a password',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await openAccess(page);
      // No administrator has a password yet: turning it on would lock everyone out.
      expect(await page.getByTestId('workstation-shared').isDisabled()).toBe(true);
      await page.getByTestId('workstation-blocked').waitFor();

      await userRow(page, admin).getByTestId('user-set-password').click();
      await page.getByTestId('user-password-new').fill(ADMIN_PASSWORD);
      await page.getByTestId('user-password-new-again').fill(ADMIN_PASSWORD);
      await page.getByTestId('user-password-save').click();
      await page.getByTestId('user-row-notice').waitFor();
      expect(await userRow(page, admin).getByTestId('user-password').textContent()).toBe('yes');

      await page.getByTestId('workstation-shared').click();
      await page.getByTestId('workstation-confirm').waitFor();
      await screenshot(page, 'access-workstation-confirm');
      await page.getByTestId('workstation-confirm').click();
      // The printed URL's OS sign-in no longer counts: everyone signs in with a password.
      await page.getByTestId('sign-in-form').waitFor();
      expect(await page.getByTestId('sign-in-hint').textContent()).toContain('This workstation is shared');
      expect(await page.getByRole('alert').count()).toBe(0);
      await screenshot(page, 'access-workstation-shared-sign-in');

      await page.getByTestId('sign-in-user').fill(admin);
      await page.getByTestId('sign-in-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('account-name').waitFor();
      await page.getByTestId('nav-access').click();
      await page.getByTestId('workstation-state').getByText('on', { exact: true }).waitFor();
      expect(await page.getByTestId('workstation-shared').isChecked()).toBe(true);
      await screenshot(page, 'access-workstation-on');

      // My account: a wrong current password is refused without ending this session; the right one changes it.
      await page.getByTestId('my-password-current').fill('not my password');
      await page.getByTestId('my-password-new').fill(NEW_ADMIN_PASSWORD);
      await page.getByTestId('my-password-new-again').fill(NEW_ADMIN_PASSWORD);
      await page.getByTestId('my-password-submit').click();
      await page.getByTestId('my-password-error').waitFor();
      expect(await page.getByTestId('my-password-error').textContent()).toContain('The current password is wrong');
      await page.getByTestId('my-password-current').fill(ADMIN_PASSWORD);
      await page.getByTestId('my-password-new').fill(NEW_ADMIN_PASSWORD);
      await page.getByTestId('my-password-new-again').fill(NEW_ADMIN_PASSWORD);
      await page.getByTestId('my-password-submit').click();
      await page.getByTestId('my-password-changed').waitFor();
      await screenshot(page, 'access-my-password-changed');

      await page.getByTestId('workstation-shared').click();
      await page.getByTestId('workstation-state').getByText('off', { exact: true }).waitFor();
      expect(await e2e.rpc('auth.status', {})).toMatchObject({ sharedWorkstation: false });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'a security auditor reads the accounts but changes none of them',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { allow: ALLOW });
    try {
      await page.goto(e2e.server.origin);
      await page.getByTestId('sign-in-user').fill('sam');
      await page.getByTestId('sign-in-password').fill(SAM_PASSWORD);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('nav-access').click();
      await userRow(page, 'sam').waitFor();
      expect(await page.getByTestId('user-add').count()).toBe(0);
      expect(await page.getByTestId('user-edit').count()).toBe(0);
      expect(await page.getByTestId('workstation-panel').count()).toBe(0);
      expect(await page.getByTestId('token-scope').count()).toBe(0);
      await page.getByTestId('my-password-form').waitFor();
      await screenshot(page, 'access-auditor');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
