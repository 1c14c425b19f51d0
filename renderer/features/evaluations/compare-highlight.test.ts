import { expect, test } from 'vitest';
import { bestMatch, changeKey, metricOutcome, orderForCompare, sortMetricRows, togglePick } from './compare-highlight.js';

test('only a significant difference is a change; its direction depends on the metric', () => {
  expect(metricOutcome({ metric: 'bleu', delta: 0.1, significant: true })).toBe('improved');
  expect(metricOutcome({ metric: 'bleu', delta: -0.1, significant: true })).toBe('regressed');
  expect(metricOutcome({ metric: 'bleu', delta: -0.4, significant: false })).toBe('unchanged');
  expect(metricOutcome({ metric: 'bleu', delta: 0, significant: true })).toBe('unchanged');
  // Lower is better: a rise in error rate or latency is a regression.
  expect(metricOutcome({ metric: 'ter', delta: 0.2, significant: true })).toBe('regressed');
  expect(metricOutcome({ metric: 'latencyMs', delta: -40, significant: true })).toBe('improved');
  expect(metricOutcome({ metric: 'hallucination', delta: 0.1, significant: true })).toBe('regressed');
});

test('regressions come first, then improvements, then the rest by name', () => {
  const rows = [
    { metric: 'rougeL', delta: 0.01, significant: false },
    { metric: 'bleu', delta: 0.2, significant: true },
    { metric: 'chrf', delta: -0.2, significant: true },
    { metric: 'accuracy', delta: 0.0, significant: false },
  ];
  expect(sortMetricRows(rows).map((r) => r.metric)).toEqual(['chrf', 'bleu', 'accuracy', 'rougeL']);
});

test('at most two runs are picked; a third pick replaces the older pick; a second click unpicks', () => {
  expect(togglePick([], 'a')).toEqual(['a']);
  expect(togglePick(['a'], 'b')).toEqual(['a', 'b']);
  expect(togglePick(['a', 'b'], 'c')).toEqual(['b', 'c']);
  expect(togglePick(['a', 'b'], 'a')).toEqual(['b']);
});

test('the older run is the base', () => {
  const older = { id: 'r1', createdAt: '2025-01-01T10:00:00.000Z' };
  const newer = { id: 'r2', createdAt: '2025-01-02T10:00:00.000Z' };
  expect(orderForCompare(newer, older)).toEqual({ base: 'r1', head: 'r2' });
  expect(orderForCompare(older, newer)).toEqual({ base: 'r1', head: 'r2' });
});

test('a change finds its result: exact case × prompt × model first, then the same case and model, then the case', () => {
  const items = [
    { id: 1, caseKey: '1', prompt: 'a', model: 'm' },
    { id: 2, caseKey: '2', prompt: 'a', model: 'm' },
    { id: 3, caseKey: '2', prompt: 'b', model: 'm' },
    { id: 4, caseKey: '3', prompt: 'a', model: 'n' },
  ];
  expect(bestMatch(items, { caseKey: '2', prompt: 'b', model: 'm' })).toEqual({ result: items[2], exact: true });
  expect(bestMatch(items, { caseKey: '1', prompt: 'story@2', model: 'm' })).toEqual({ result: items[0], exact: false });
  expect(bestMatch(items, { caseKey: '3', prompt: 'z', model: 'm' })).toEqual({ result: items[3], exact: false });
  expect(bestMatch(items, { caseKey: '9', prompt: 'a', model: 'm' })).toBeNull();
  expect(changeKey({ caseKey: '1', prompt: 'a', model: 'm', metric: 'bleu' })).toBe('1|a|m|bleu');
});
