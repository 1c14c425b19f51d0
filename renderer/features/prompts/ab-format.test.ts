import { expect, test } from 'vitest';
import { describeDecision, describeSignificance, formatMetric, formatPValue } from './ab-format.js';

test('metrics get decimals by size; missing ones are a dash', () => {
  expect(formatMetric(null)).toBe('—');
  expect(formatMetric(0.4567)).toBe('0.457');
  expect(formatMetric(4.567)).toBe('4.57');
  expect(formatMetric(1234.5)).toBe('1,235');
});

test('p-values and the significance line', () => {
  expect(formatPValue(0.0004)).toBe('p < 0.001');
  expect(formatPValue(0.0264)).toBe('p = 0.026');
  expect(describeSignificance({ metric: 'feedback', difference: 0.12, t: 2.314, df: 41.23, pValue: 0.0264, significant: true })).toBe(
    'feedback: candidate +0.120 vs control (t = 2.31, df = 41.2, p = 0.026): significant',
  );
  expect(describeSignificance({ metric: 'latencyMs', difference: -12, t: -0.5, df: 8, pValue: 0.63, significant: false })).toContain('candidate −12.0 vs control');
});

test('decisions read as key: value', () => {
  expect(describeDecision(null)).toBe('');
  expect(describeDecision({ action: 'promoted', by: 'ada', stats: { n: 3 } })).toBe('action: promoted · by: ada · stats: {"n":3}');
  expect(describeDecision({ reason: 'automatic', candidateMean: 0.19999999999999998, threshold: 0.5, significance: { pValue: 0.01 }, note: null })).toBe('reason: automatic · candidateMean: 0.2 · threshold: 0.5');
});
