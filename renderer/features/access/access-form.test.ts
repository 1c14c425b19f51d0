import { expect, test } from 'vitest';
import {
  canShareWorkstation,
  newTokenForm,
  orderRoles,
  parseGroups,
  passwordProblem,
  roleOptions,
  sameItems,
  sortTokens,
  tokenParams,
  tokenState,
  toggled,
  whenText,
  type ApiToken,
  type User,
} from './access-form.js';

const user = (over: Partial<User>): User => ({
  name: 'ana',
  roles: ['analyst'],
  groups: [],
  disabled: false,
  hasPassword: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastSignInAt: null,
  ...over,
});

const token = (over: Partial<ApiToken>): ApiToken => ({
  id: 't1',
  name: 'ci',
  user: 'ana',
  permissions: ['models.read'],
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

test('the role list is the contract order; chosen roles keep it', () => {
  expect(roleOptions).toEqual(['admin', 'analyst', 'labeler', 'reviewer', 'security-auditor', 'viewer']);
  expect(orderRoles(['viewer', 'analyst', 'viewer'])).toEqual(['analyst', 'viewer']);
});

test('ticking and clearing a box keeps the options order', () => {
  expect(toggled(roleOptions, ['viewer'], 'analyst', true)).toEqual(['analyst', 'viewer']);
  expect(toggled(roleOptions, ['analyst', 'viewer'], 'analyst', false)).toEqual(['viewer']);
  expect(toggled(roleOptions, ['analyst'], 'analyst', true)).toEqual(['analyst']);
});

test('a comma list of groups is trimmed, sorted, without blanks or duplicates', () => {
  expect(parseGroups(' ops, analysts,, ops ,')).toEqual(['analysts', 'ops']);
  expect(parseGroups('   ')).toEqual([]);
  expect(sameItems(['a', 'b'], ['b', 'a'])).toBe(true);
  expect(sameItems(['a'], ['a', 'b'])).toBe(false);
});

test('a password typed twice must match; its strength is left to the core', () => {
  expect(passwordProblem('', '')).toBe('Type the password');
  expect(passwordProblem('short', '')).toBe('Type it again to confirm');
  expect(passwordProblem('short', 'shorter')).toBe('The two passwords differ');
  expect(passwordProblem('short', 'short')).toBeNull();
});

test('a missing time reads as never', () => {
  expect(whenText(null)).toBe('never');
  expect(whenText(null, '—')).toBe('—');
  expect(whenText('2026-01-01T00:00:00.000Z')).not.toBe('never');
});

test('a token is active, expired or revoked', () => {
  const now = Date.parse('2026-02-01T00:00:00.000Z');
  expect(tokenState(token({}), now)).toBe('active');
  expect(tokenState(token({ expiresAt: '2026-03-01T00:00:00.000Z' }), now)).toBe('active');
  expect(tokenState(token({ expiresAt: '2026-01-15T00:00:00.000Z' }), now)).toBe('expired');
  expect(tokenState(token({ expiresAt: '2026-01-15T00:00:00.000Z', revokedAt: '2026-01-10T00:00:00.000Z' }), now)).toBe('revoked');
});

test('tokens list newest first', () => {
  const sorted = sortTokens([token({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z' }), token({ id: 'b', createdAt: '2026-01-02T00:00:00.000Z' })]);
  expect(sorted.map((t) => t.id)).toEqual(['b', 'a']);
});

test('a token form becomes a tokens.create call: permissions in held order, days optional', () => {
  const held = ['account.self', 'models.read', 'rag.read'] as const;
  expect(tokenParams({ name: ' ci ', permissions: ['rag.read', 'account.self'], days: ' 30 ' }, held)).toEqual({
    name: 'ci',
    permissions: ['account.self', 'rag.read'],
    expiresInDays: 30,
  });
  expect(tokenParams({ ...newTokenForm, name: 'x', permissions: ['models.read'], days: '' }, held)).toEqual({ name: 'x', permissions: ['models.read'] });
  // A permission the caller no longer holds is not sent (the core would refuse it).
  expect(tokenParams({ name: 'x', permissions: ['audit.read'], days: '' }, held).permissions).toEqual([]);
});

test('the workstation may be shared only while an enabled administrator has a password', () => {
  expect(canShareWorkstation([user({ roles: ['admin'], hasPassword: false })])).toBe(false);
  expect(canShareWorkstation([user({ roles: ['admin'], disabled: true })])).toBe(false);
  expect(canShareWorkstation([user({ roles: ['analyst'] })])).toBe(false);
  expect(canShareWorkstation([user({ roles: ['analyst'] }), user({ name: 'root', roles: ['admin'] })])).toBe(true);
});
