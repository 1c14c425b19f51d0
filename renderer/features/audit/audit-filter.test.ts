import { expect, test } from 'vitest';
import { emptyAuditFilter, formatPayload, listParams, matchesAction, shortHash } from './audit-filter.js';

test('an empty form asks only for a page', () => {
  expect(listParams(emptyAuditFilter, 100, null)).toEqual({ limit: 100 });
});

test('filled fields are sent trimmed; the action is left to the list; until covers its whole day', () => {
  const params = listParams({ actor: ' user:ada ', action: 'inference', outcome: 'failure', since: '2025-01-31', until: '2025-02-01' }, 50, 42);
  expect(params).toMatchObject({ limit: 50, actor: 'user:ada', outcome: 'failure', beforeSeq: 42 });
  expect(params).not.toHaveProperty('action');
  expect(params.since).toBe(new Date(2025, 0, 31).toISOString());
  expect(params.until).toBe(new Date(2025, 1, 2).toISOString());
});

test('a malformed date is left out rather than sent', () => {
  expect(listParams({ ...emptyAuditFilter, since: 'yesterday' }, 10, null)).toEqual({ limit: 10 });
});

test('the action matches as a case-insensitive prefix', () => {
  expect(matchesAction({ action: 'inference.generate.completed' }, 'inference')).toBe(true);
  expect(matchesAction({ action: 'inference.generate' }, ' Inference.GEN ')).toBe(true);
  expect(matchesAction({ action: 'models.import' }, 'inference')).toBe(false);
  expect(matchesAction({ action: 'models.import' }, '')).toBe(true);
});

test('hashes shorten, payloads indent', () => {
  expect(shortHash('a'.repeat(64))).toBe('aaaaaaaaaa');
  expect(shortHash(null)).toBe('—');
  expect(formatPayload({ text: '<b>hi</b>' })).toBe('{\n  "text": "<b>hi</b>"\n}');
});
