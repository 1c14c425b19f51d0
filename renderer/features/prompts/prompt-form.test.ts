import { expect, test } from 'vitest';
import { asClientError, contentFromForm, emptyContentForm, FormProblem, formFromVersion, newVariableRow, placeholderNames, renderValues, undeclaredPlaceholders, unusedVariables, type ContentForm } from './prompt-form.js';

const version = {
  kind: 'chat' as const,
  system: 'You summarise.',
  user: 'Summarise {{text}} in {{words}} words.',
  variables: [
    { name: 'text', type: 'string' as const, required: true },
    { name: 'words', type: 'number' as const, required: false, default: 50, description: 'length' },
  ],
  params: { temperature: 0.2, maxTokens: 128, stop: ['\n\n', 'END'] },
  outputSchema: { type: 'object' },
  guard: { input: { pii: { action: 'block' } } },
};

test('a version becomes a form and back without change', () => {
  const form = formFromVersion(version);
  expect(form.variables[1]).toEqual({ name: 'words', type: 'number', required: false, default: '50', description: 'length' });
  expect(form.params).toMatchObject({ temperature: '0.2', maxTokens: '128', model: '', stop: '\\n\\n, END' });
  expect(JSON.parse(form.guard)).toEqual(version.guard);
  expect(contentFromForm(form)).toEqual(version);
  expect(formFromVersion({ ...version, guard: null }).guard).toBe('');
});

test('placeholders are found in order, once, and escaped braces are not placeholders', () => {
  expect(placeholderNames('Hi {{ name }}, {{name}} and {{user.city}}; \\{{literal}}')).toEqual(['name', 'user.city']);
  const form: ContentForm = { ...emptyContentForm, system: 'About {{topic}}', user: 'Write for {{audience}} on {{topic}}', variables: [newVariableRow('topic'), newVariableRow('unused')] };
  expect(undeclaredPlaceholders(form)).toEqual(['audience']);
  expect(unusedVariables(form)).toEqual(['unused']);
});

test('empty fields are left out; numbers go to the core as typed numbers for it to validate', () => {
  const form: ContentForm = { ...emptyContentForm, user: 'x', params: { ...emptyContentForm.params, temperature: ' 0.7 ', topK: 'abc', model: ' m1 ' } };
  const content = contentFromForm(form);
  expect(content.params.temperature).toBe(0.7);
  expect(content.params.topK).toBeNaN();
  expect(content.params.model).toBe('m1');
  expect(content.params).not.toHaveProperty('seed');
  expect(content.outputSchema).toBeNull();
  expect(content.guard).toBeNull();
});

test('with inferVariables and nothing declared, the core infers the variables', () => {
  expect(contentFromForm({ ...emptyContentForm, user: '{{a}}' }, { inferVariables: true })).not.toHaveProperty('variables');
  expect(contentFromForm({ ...emptyContentForm, user: '{{a}}' })).toHaveProperty('variables', []);
});

test('defaults are parsed by type; lists take JSON or commas', () => {
  const rows = [
    { ...newVariableRow('s'), default: ' spaced ' },
    { ...newVariableRow('n'), type: 'number' as const, default: '3' },
    { ...newVariableRow('b'), type: 'boolean' as const, default: 'true' },
    { ...newVariableRow('l'), type: 'list' as const, default: 'a, b' },
    { ...newVariableRow('j'), type: 'json' as const, default: '{"k":1}' },
    { ...newVariableRow('e'), type: 'number' as const, default: '' },
  ];
  const variables = contentFromForm({ ...emptyContentForm, user: 'x', variables: rows }).variables ?? [];
  expect(variables.map((v) => v.default)).toEqual([' spaced ', 3, true, ['a', 'b'], { k: 1 }, undefined]);
  expect(variables[5]).not.toHaveProperty('default');
});

test('text that is not JSON is caught before sending', () => {
  expect(() => contentFromForm({ ...emptyContentForm, user: 'x', outputSchema: '{ nope' })).toThrow(FormProblem);
  expect(() => contentFromForm({ ...emptyContentForm, user: 'x', outputSchema: '[1]' })).toThrow('The output schema is not a JSON object');
  expect(() => contentFromForm({ ...emptyContentForm, user: 'x', variables: [{ ...newVariableRow('j'), type: 'json', default: '{' }] })).toThrow('default of variable "j"');
  expect(() => contentFromForm({ ...emptyContentForm, user: 'x', guard: '{"input": ' })).toThrow('The guardrail overrides are not valid JSON');
  expect(() => contentFromForm({ ...emptyContentForm, user: 'x', guard: '"block"' })).toThrow('The guardrail overrides are not a JSON object');
});

test('guardrail overrides go as typed: unknown keys are the core\'s to name (guard.inptu)', () => {
  expect(contentFromForm({ ...emptyContentForm, user: 'x', guard: ' {"inptu": {}} ' }).guard).toEqual({ inptu: {} });
  expect(contentFromForm({ ...emptyContentForm, user: 'x', guard: '  \n ' }).guard).toBeNull();
});

test('a form problem reads as INVALID_INPUT; anything else keeps its own shape', () => {
  expect(asClientError(new FormProblem('bad'))).toMatchObject({ code: 'INVALID_INPUT', message: 'bad' });
  expect(asClientError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
});

test('render values leave out empty fields (defaults apply) and names no variable has', () => {
  expect(renderValues([{ name: 'a' }, { name: 'b' }, { name: 'c' }], { a: 'x', b: '', d: 'stray' })).toEqual({ a: 'x' });
});
