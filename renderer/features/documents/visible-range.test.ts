import { expect, test } from 'vitest';
import { visibleRange } from './visible-range.js';

const base = { rowHeight: 30, height: 300, overscan: 5 };

test('draws the rows in view plus the overscan, never past the ends', () => {
  expect(visibleRange({ ...base, scrollTop: 0, count: 10_000 })).toEqual({ first: 0, last: 15 });
  expect(visibleRange({ ...base, scrollTop: 3000, count: 10_000 })).toEqual({ first: 95, last: 115 });
  expect(visibleRange({ ...base, scrollTop: 299_700, count: 10_000 })).toEqual({ first: 9985, last: 10_000 });
});

test('a list shorter than the viewport draws every row; an empty one draws none', () => {
  expect(visibleRange({ ...base, scrollTop: 0, count: 3 })).toEqual({ first: 0, last: 3 });
  expect(visibleRange({ ...base, scrollTop: 0, count: 0 })).toEqual({ first: 0, last: 0 });
});

test('a viewport scrolled past a list that shrank still yields a valid range', () => {
  const range = visibleRange({ ...base, scrollTop: 90_000, count: 50 });
  expect(range.first).toBeLessThanOrEqual(range.last);
  expect(range.last).toBe(50);
});

test('before the viewport is measured, a screenful is drawn', () => {
  expect(visibleRange({ ...base, height: 0, scrollTop: 0, count: 1000 })).toEqual({ first: 0, last: 25 });
});
