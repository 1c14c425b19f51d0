import { expect, test } from 'vitest';
import { buildPromptRunInput, emptyRegistryForm, parseVariableValue, refOptions, variableInputKind, verdictTone } from './prompt-run-request.js';

test('refs: latest, each label, each version', () => {
  expect(refOptions('story', '1.1.0', [{ label: 'staging', version: '1.0.0' }], ['1.1.0', '1.0.0'])).toEqual([
    { value: 'story', label: 'latest (1.1.0)' },
    { value: 'story@staging', label: '@staging (1.0.0)' },
    { value: 'story@1.1.0', label: '@1.1.0' },
    { value: 'story@1.0.0', label: '@1.0.0' },
  ]);
});

test('each variable type gets its input', () => {
  expect(['string', 'number', 'boolean', 'json', 'list'].map((t) => variableInputKind(t as 'string'))).toEqual(['text', 'number', 'boolean', 'json', 'json']);
});

test('values are parsed by type; an empty field is left out so the default applies', () => {
  expect(parseVariableValue({ name: 's', type: 'string' }, ' spaced ')).toBe(' spaced ');
  expect(parseVariableValue({ name: 's', type: 'string' }, '')).toBeUndefined();
  expect(parseVariableValue({ name: 'n', type: 'number' }, ' 2.5 ')).toBe(2.5);
  expect(parseVariableValue({ name: 'n', type: 'number' }, '  ')).toBeUndefined();
  expect(parseVariableValue({ name: 'b', type: 'boolean' }, 'false')).toBe(false);
  expect(parseVariableValue({ name: 'b', type: 'boolean' }, 'true')).toBe(true);
  expect(parseVariableValue({ name: 'l', type: 'list' }, '["a", "b"]')).toEqual(['a', 'b']);
  expect(parseVariableValue({ name: 'j', type: 'json' }, '{"k": 1}')).toEqual({ k: 1 });
});

test('a number or JSON that does not parse is refused before sending, naming the variable', () => {
  expect(() => parseVariableValue({ name: 'n', type: 'number' }, 'abc')).toThrow('"n" is not a number');
  const failure = (() => {
    try {
      parseVariableValue({ name: 'tags', type: 'list' }, '[a');
    } catch (error) {
      return error;
    }
  })();
  expect(failure).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"tags" is not valid JSON') as unknown });
  expect((failure as Error).message).toContain('["a", "b"]');
});

test('the run request: declared values only, overrides only when set', () => {
  const form = { ...emptyRegistryForm, prompt: 'story', ref: 'story@staging', values: { hero: 'a fox', stale: 'x', n: '' } };
  const variables = [
    { name: 'hero', type: 'string' as const },
    { name: 'n', type: 'number' as const },
  ];
  expect(buildPromptRunInput(form, variables)).toEqual({ ref: 'story@staging', variables: { hero: 'a fox' } });
  const overridden = buildPromptRunInput({ ...form, modelId: 'm1', maxTokens: '16', temperature: '0', seed: '7', subject: ' user-42 ' }, variables);
  expect(overridden).toEqual({ ref: 'story@staging', variables: { hero: 'a fox' }, model: 'm1', maxTokens: 16, temperature: 0, seed: 7, subject: 'user-42' });
});

test('verdict tones', () => {
  expect(['pass', 'blocked', 'dropped', 'redacted', 'flagged', 'replaced'].map(verdictTone)).toEqual(['success', 'failure', 'failure', 'blocked', 'blocked', 'blocked']);
});
