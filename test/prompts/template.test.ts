import { describe, expect, test } from 'vitest';
import { promptReasonOf } from '../../electron/core/prompts/prompt-errors.js';
import { bindVariables, checkTemplates, placeholders, renderTemplate } from '../../electron/core/prompts/prompt-template.js';

function thrown(fn: () => unknown): { message: string; details: Record<string, unknown>; code: string } {
  try {
    fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected an error');
}

describe('templates with typed variables', () => {
  test('placeholders are found with their line and column', () => {
    const found = placeholders('Hello {{ name }},\n  about {{topic}} and {{name}}.', 'user');
    expect(found.map((p) => [p.name, p.line, p.column])).toEqual([['name', 1, 7], ['topic', 2, 9], ['name', 2, 23]]);
  });

  test('an unknown variable is named with its template, line and column', () => {
    const error = thrown(() => checkTemplates('You are kind.', 'Write about {{topic}}\nfor {{audeince}}.', [{ name: 'topic', type: 'string', required: true }, { name: 'audience', type: 'string', required: true }]));
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(promptReasonOf(error)).toBe('TEMPLATE_INVALID');
    expect(error.message).toBe('Unknown variable "audeince" in the user template, line 2, column 5; declared variables: topic, audience');
    expect(error.details).toMatchObject({ variable: 'audeince', template: 'user', line: 2, column: 5 });
  });

  test('an unknown variable in the system template says so', () => {
    expect(thrown(() => checkTemplates('Be {{tone}}.', 'Hi', [])).message).toContain('"tone" in the system template, line 1, column 4');
  });

  test('unclosed and malformed placeholders are errors with their place; \\{{ is a literal', () => {
    expect(thrown(() => placeholders('a\nb {{topic', 'user')).message).toContain('Unclosed placeholder "{{topic" in the user template, line 2, column 3');
    expect(thrown(() => placeholders('x {{two words}}', 'system')).message).toContain('is not a valid placeholder');
    expect(placeholders('JSON like \\{{"a": 1}}', 'user')).toEqual([]);
    expect(renderTemplate('JSON like \\{{"a": 1}} for {{x}}', 'user', new Map([['x', '\\{{y']]))).toBe('JSON like {{"a": 1}} for \\{{y');
  });

  test('undeclared templates infer required string variables', () => {
    expect(checkTemplates('Be {{tone}}', '{{topic}} and {{tone}}', undefined)).toEqual([
      { name: 'tone', type: 'string', required: true },
      { name: 'topic', type: 'string', required: true },
    ]);
  });

  test('a variable declared twice is refused', () => {
    expect(thrown(() => checkTemplates('', '{{a}}', [{ name: 'a', type: 'string', required: true }, { name: 'a', type: 'number', required: true }])).message).toContain('declared twice');
  });

  test('binding checks types, applies defaults and names missing variables', () => {
    const variables = [
      { name: 'topic', type: 'string' as const, required: true },
      { name: 'count', type: 'number' as const, required: true },
      { name: 'formal', type: 'boolean' as const, required: false, default: false },
      { name: 'facts', type: 'list' as const, required: false },
      { name: 'meta', type: 'json' as const, required: false },
    ];
    const bound = bindVariables(variables, { topic: 'owls', count: '3', facts: ['a', 'b'], meta: { k: 1 } }, 'story@1.0.0');
    expect(Object.fromEntries(bound)).toEqual({ topic: 'owls', count: '3', formal: 'false', facts: 'a\nb', meta: '{"k":1}' });
    expect(thrown(() => bindVariables(variables, { count: 1 }, 'story@1.0.0')).message).toBe('Missing variable "topic" for story@1.0.0; give it a value (declared type string)');
    expect(thrown(() => bindVariables(variables, { topic: 'x', count: 'many' }, 'story@1.0.0')).message).toContain('Variable "count" of story@1.0.0 must be a number');
    expect(thrown(() => bindVariables(variables, { topic: 'x', count: 1, formal: 'yes' }, 'p')).message).toContain('must be true or false');
  });

  test('rendering fills every placeholder, nested names included', () => {
    const bound = bindVariables([{ name: 'user.name', type: 'string', required: true }], { user: { name: 'Ada' } }, 'p');
    expect(renderTemplate('Dear {{ user.name }}, hi {{user.name}}', 'user', bound)).toBe('Dear Ada, hi Ada');
  });
});
