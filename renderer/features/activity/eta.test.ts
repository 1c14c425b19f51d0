import { expect, test } from 'vitest';
import { formatDuration, MIN_ELAPSED_MS, remainingMs } from './eta.js';

test('the rest takes as long per unit of progress as what is done', () => {
  expect(remainingMs(0.25, 10_000)).toBe(30_000);
  expect(remainingMs(0.5, 60_000)).toBe(60_000);
  expect(remainingMs(0.9, 9_000)).toBe(1_000);
});

test('no estimate without progress, before a few seconds, or once complete', () => {
  expect(remainingMs(null, 60_000)).toBeNull();
  expect(remainingMs(0, 60_000)).toBeNull();
  expect(remainingMs(0.5, MIN_ELAPSED_MS - 1)).toBeNull();
  expect(remainingMs(0.5, MIN_ELAPSED_MS)).toBe(MIN_ELAPSED_MS);
  expect(remainingMs(1, 60_000)).toBeNull();
});

test('nonsense in, no estimate out', () => {
  expect(remainingMs(Number.NaN, 60_000)).toBeNull();
  expect(remainingMs(0.5, -5_000)).toBeNull();
  expect(remainingMs(0.5, Number.NaN)).toBeNull();
});

test('durations read in seconds, minutes or hours', () => {
  expect(formatDuration(0)).toBe('0 s');
  expect(formatDuration(8_400)).toBe('8 s');
  expect(formatDuration(59_400)).toBe('59 s');
  expect(formatDuration(185_000)).toBe('3 min 05 s');
  expect(formatDuration(2 * 3_600_000 + 7 * 60_000 + 30_000)).toBe('2 h 07 min');
  expect(formatDuration(-1)).toBe('0 s');
});
