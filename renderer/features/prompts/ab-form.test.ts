import { expect, test } from 'vitest';
import { abInputFromForm, CUSTOM_METRIC, defaultAbForm, type AbForm } from './ab-form.js';
import { describePromotion } from './ab-format.js';

const label = (name: string, version = '1.0.0') => ({ label: name, version, protected: false, updatedAt: '', updatedBy: '' });

test('production against staging by default, else the first two labels', () => {
  expect(defaultAbForm([label('staging'), label('production')])).toMatchObject({ controlLabel: 'production', candidateLabel: 'staging', percent: '20', metric: 'feedback', threshold: '' });
  expect(defaultAbForm([label('blue'), label('green')])).toMatchObject({ controlLabel: 'blue', candidateLabel: 'green' });
  expect(defaultAbForm([label('only')])).toMatchObject({ controlLabel: 'only', candidateLabel: '' });
});

test('the form becomes prompts.ab.create input; wrong fields are named', () => {
  const form: AbForm = { ...defaultAbForm([label('production'), label('staging', '2.0.0')]), percent: '25', threshold: '0.6', minSamples: '10' };
  expect(abInputFromForm('writer', form)).toEqual({
    prompt: 'writer', controlLabel: 'production', candidateLabel: 'staging', candidatePercent: 25, monitor: { metric: 'feedback', threshold: 0.6, minSamples: 10 },
  });
  expect(abInputFromForm('writer', { ...form, name: ' trial ', threshold: ' ', metric: CUSTOM_METRIC, customMetric: 'resolved' })).toMatchObject({ name: 'trial', monitor: { metric: 'resolved', threshold: null } });
  expect(() => abInputFromForm('writer', { ...form, percent: '150' })).toThrow('Candidate % must be from 0 to 100, got 150');
  expect(() => abInputFromForm('writer', { ...form, percent: 'lots' })).toThrow('Candidate % must be a number, got "lots"');
  expect(() => abInputFromForm('writer', { ...form, threshold: 'high' })).toThrow('Threshold must be a number');
  expect(() => abInputFromForm('writer', { ...form, minSamples: '2.5' })).toThrow('Minimum samples must be a whole number');
  expect(() => abInputFromForm('writer', { ...form, candidateLabel: 'production' })).toThrow('two different labels');
  expect(() => abInputFromForm('writer', { ...form, metric: CUSTOM_METRIC, customMetric: ' ' })).toThrow('Name the custom metric');
});

test('promotion says which label moves where', () => {
  const arms = [
    { arm: 'control' as const, label: 'production', version: '1.0.0', subjects: 0, n: 0, mean: null, sd: null },
    { arm: 'candidate' as const, label: 'staging', version: '2.0.0', subjects: 0, n: 0, mean: null, sd: null },
  ];
  const test = { controlLabel: 'production', candidateLabel: 'staging', arms } as Parameters<typeof describePromotion>[0];
  expect(describePromotion(test)).toBe('production moves from 1.0.0 to 2.0.0 (the version staging points at) and the test ends; every caller of production then gets 2.0.0.');
});
