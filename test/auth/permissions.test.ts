import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../../electron/core/contract/api.js';
import { authApi, permissionNames, roleNames, type PermissionName, type RoleName } from '../../electron/core/contract/auth.api.js';
import type { AuthCallContext } from '../../electron/core/auth/auth-context.js';
import { authCodeOf } from '../../electron/core/auth/auth-errors.js';
import { authorize, methodPermissions, requirementOf, rolePermissions, type Requirement } from '../../electron/core/auth/permissions.js';
import { anonymousHttp, bearer, signedIn, startHarness, trusted, type Harness } from './harness.js';

/** Every method of the contract: the merged `api` plus `authApi` (until the lead merges it into `api`). */
const allMethods = [...new Set([...Object.keys(api), ...Object.keys(authApi)])].sort();

/** The matrix, computed from the two tables alone. */
function expected(role: RoleName, method: string): 'allowed' | 'FORBIDDEN' {
  const required = requirementOf(method) as Requirement;
  if (required === 'public') return 'allowed';
  if (required === 'setup') return 'FORBIDDEN';
  return rolePermissions[role].includes(required) ? 'allowed' : 'FORBIDDEN';
}

function decision(method: string, ctx: AuthCallContext | ReturnType<typeof trusted>): string {
  try {
    authorize(method, ctx);
    return 'allowed';
  } catch (error) {
    return authCodeOf(error) ?? String(error);
  }
}

describe('the permission table', () => {
  test('every contract method declares the permission it needs (add new methods to electron/core/auth/permissions.ts)', () => {
    const missing = allMethods.filter((m) => requirementOf(m) === undefined);
    expect(missing, `methods without a permission entry: ${missing.join(', ')}`).toEqual([]);
  });

  test('the table names no method the contract does not have', () => {
    expect(Object.keys(methodPermissions).filter((m) => !allMethods.includes(m))).toEqual([]);
  });

  test('every permission a method needs is known and held by at least one role', () => {
    for (const [method, required] of Object.entries(methodPermissions)) {
      if (required === 'public' || required === 'setup') continue;
      expect(permissionNames, method).toContain(required);
      expect(roleNames.some((role) => rolePermissions[role].includes(required as PermissionName)), `${method} needs ${required}, which no role holds`).toBe(true);
    }
  });

  test('a method that is not in the table is refused, not allowed (fail closed)', () => {
    expect(decision('reports.delete', trusted('root', ['admin']))).toBe('FORBIDDEN');
  });

  test('the roles mean what their names say', () => {
    const can = (role: RoleName, method: string): boolean => expected(role, method) === 'allowed';
    for (const method of allMethods) if (method !== 'auth.setup') expect(can('admin', method), method).toBe(true);
    expect(can('analyst', 'rag.ingest') && can('analyst', 'rag.ask') && can('analyst', 'inference.generate')).toBe(true);
    expect(can('analyst', 'models.import') || can('analyst', 'users.add') || can('analyst', 'settings.update') || can('analyst', 'audit.list')).toBe(false);
    expect(can('security-auditor', 'audit.export') && can('security-auditor', 'users.list')).toBe(true);
    expect(can('security-auditor', 'rag.search') || can('security-auditor', 'inference.generate') || can('security-auditor', 'users.setRoles')).toBe(false);
    expect(can('labeler', 'rag.search')).toBe(true);
    expect(can('labeler', 'rag.ingest') || can('labeler', 'inference.generate')).toBe(false);
    expect(can('viewer', 'rag.search') && can('viewer', 'models.list')).toBe(true);
    expect(can('viewer', 'rag.ask') || can('viewer', 'jobs.cancel') || can('viewer', 'rag.ingest') || can('viewer', 'audit.list')).toBe(false);
    for (const role of roleNames) expect(can(role, 'auth.me') && can(role, 'tokens.create') && can(role, 'auth.signIn')).toBe(true);
  });
});

describe('the role matrix: every method × every role → allowed or FORBIDDEN', () => {
  test.each(roleNames)('authorize(method, %s)', (role) => {
    const ctx = trusted(`someone-${role}`, [role]);
    const actual = Object.fromEntries(allMethods.map((m) => [m, decision(m, ctx)]));
    const wanted = Object.fromEntries(allMethods.map((m) => [m, expected(role, m)]));
    expect(actual).toEqual(wanted);
  });

  test('a caller with no role may only call public methods', () => {
    const ctx = trusted('nobody', []);
    for (const method of allMethods) expect(decision(method, ctx), method).toBe(requirementOf(method) === 'public' ? 'allowed' : 'FORBIDDEN');
  });

  const refusal = (method: string, ctx: ReturnType<typeof trusted>): { message: string; details: unknown } | undefined => {
    try {
      authorize(method, ctx);
    } catch (e) {
      return e as { message: string; details: unknown };
    }
    return undefined;
  };

  test('FORBIDDEN says which permission is missing and which roles short of admin grant it, narrowest first', () => {
    const error = refusal('rag.ingest', trusted('vera', ['viewer']));
    expect(error?.message).toBe('vera may not call "rag.ingest": it needs the permission "rag.ingest", which the role viewer does not grant. Ask an administrator for the role analyst (`enclave users set-role vera viewer,analyst`)');
    expect(error?.details).toMatchObject({ permission: 'rag.ingest', rolesGranting: ['admin', 'analyst'] });
    expect(refusal('eval.datasets.label', trusted('vera', ['viewer']))?.message).toBe(
      'vera may not call "eval.datasets.label": it needs the permission "eval.label", which the role viewer does not grant. Ask an administrator for one of the roles labeler, analyst (`enclave users set-role vera viewer,labeler`)',
    );
  });

  test('a permission only administrators hold is asked for as access, never as the admin role', () => {
    expect(refusal('users.setRoles', trusted('ana', ['analyst', 'viewer']))?.message).toBe(
      'ana may not call "users.setRoles": it needs the permission "users.manage", which the roles analyst, viewer do not grant. Ask an administrator for access',
    );
    for (const role of roleNames.filter((r) => r !== 'admin')) {
      for (const method of allMethods) {
        const message = refusal(method, trusted('ana', [role]))?.message ?? '';
        expect(message, `${role} × ${method}`).not.toMatch(/\badmin\b/);
      }
    }
  });

  describe('through dispatch, with real accounts signed in over HTTP', () => {
    let h: Harness;
    const sessions = new Map<RoleName, AuthCallContext>();

    beforeAll(async () => {
      h = startHarness();
      for (const role of roleNames) sessions.set(role, (await signedIn(h, `user-${role}`, [role])).ctx as AuthCallContext);
    });
    afterAll(() => h.close());

    // Parameters no method accepts: an allowed call fails validation (INVALID_INPUT), a refused one is FORBIDDEN
    // before its input is even looked at, and nothing runs either way.
    test.each(roleNames)('dispatch(method, 42, %s)', async (role) => {
      const ctx = sessions.get(role)!;
      const actual: Record<string, string> = {};
      for (const method of allMethods) {
        const result = await h.core.dispatch(method, 42, ctx);
        actual[method] = result.ok ? 'ran!' : result.error.code === 'INVALID_INPUT' ? 'allowed' : result.error.code;
      }
      expect(actual).toEqual(Object.fromEntries(allMethods.map((m) => [m, expected(role, m)])));
    });

    test('an anonymous HTTP caller reaches only the public methods; everything else is UNAUTHORIZED', async () => {
      for (const method of allMethods) {
        const result = await h.core.dispatch(method, 42, anonymousHttp());
        const wanted = requirementOf(method) === 'public' ? 'INVALID_INPUT' : requirementOf(method) === 'setup' ? 'FORBIDDEN' : 'UNAUTHORIZED';
        expect(result.ok ? 'ran!' : result.error.code, method).toBe(wanted);
      }
      expect((await h.failure('models.list', {}, bearer('ens_not-a-real-session'))).message).toMatch(/session has ended/);
    });

    test('refusals of signed-in callers are on the audit trail as denied', async () => {
      await h.core.dispatch('users.add', { name: 'sneaky', roles: ['admin'] }, sessions.get('viewer')!);
      await h.settle();
      const denied = h.audit.list({ limit: 500 }).filter((e) => e.outcome === 'denied' && e.action === 'users.add' && e.actor === 'user-viewer');
      expect(denied.length).toBeGreaterThan(0);
      expect(denied[0]!.target).toBe('permission:users.manage');
    });
  });
});
