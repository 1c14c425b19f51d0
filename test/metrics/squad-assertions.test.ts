// Exact match, SQuAD EM/F1 and the deterministic assertions (contains, regex, JSON / JSON Schema).
import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/contract/errors.js';
import { contains, containsAll, containsAny, jsonValidity, matchesRegex } from '../../electron/core/eval/metrics/assertion.metric.js';
import { exactMatch, normalizeAnswer, squadExactMatch, squadF1, squadF1Single } from '../../electron/core/eval/metrics/squad.metric.js';

describe('SQuAD normalisation, EM and F1', () => {
  test('normalisation lowercases, drops punctuation and articles, collapses spaces', () => {
    expect(normalizeAnswer('  The  Eiffel-Tower, in  Paris! ')).toBe('eiffeltower in paris');
    expect(normalizeAnswer('An apple a day')).toBe('apple day');
    // Articles are whole words only, with Unicode word boundaries (Python's \b): "thé" and "lathe" keep theirs.
    expect(normalizeAnswer('thé lathe theory')).toBe('thé lathe theory');
  });

  test('EM is 1 when any reference matches after normalisation', () => {
    expect(squadExactMatch('the Eiffel Tower.', ['Big Ben', 'Eiffel Tower'])).toBe(1);
    expect(squadExactMatch('Eiffel', ['Eiffel Tower'])).toBe(0);
  });

  test('F1 is token overlap, best over the references', () => {
    // pred {eiffel, tower, paris} vs ref {eiffel, tower}: P 2/3, R 1, F1 0.8.
    expect(squadF1Single('Eiffel Tower Paris', 'the Eiffel Tower')).toBeCloseTo(0.8, 12);
    expect(squadF1('Eiffel Tower Paris', ['London', 'the Eiffel Tower'])).toBeCloseTo(0.8, 12);
    // Repeated tokens count only as often as the reference has them.
    expect(squadF1Single('paris paris', 'paris')).toBeCloseTo((2 * 0.5 * 1) / 1.5, 12);
    expect(squadF1Single('nothing', 'else')).toBe(0);
  });

  test('empty answers: 1 only against an empty reference (SQuAD v2)', () => {
    expect(squadF1Single('the', '')).toBe(1); // "the" normalises to nothing
    expect(squadF1Single('', 'paris')).toBe(0);
  });

  test('exact match is strict apart from surrounding whitespace', () => {
    expect(exactMatch(' Paris\n', ['Paris'])).toBe(1);
    expect(exactMatch('paris', ['Paris'])).toBe(0);
  });
});

describe('assertions', () => {
  test('contains, case-insensitive contains, any and all', () => {
    expect(contains('The answer is 42.', '42')).toBe(true);
    expect(contains('The answer is 42.', 'ANSWER')).toBe(false);
    expect(contains('The answer is 42.', 'ANSWER', { ignoreCase: true })).toBe(true);
    expect(containsAll('alpha beta', ['alpha', 'beta'])).toBe(true);
    expect(containsAll('alpha beta', ['alpha', 'gamma'])).toBe(false);
    expect(containsAny('alpha beta', ['gamma', 'beta'])).toBe(true);
  });

  test('regex matches anywhere, repeatedly the same way, and rejects a bad pattern as INVALID_INPUT', () => {
    expect(matchesRegex('Order #1234 shipped', '#\\d{4}')).toBe(true);
    expect(matchesRegex('order', '^ORDER$', 'i')).toBe(true);
    const global = /a/g;
    expect([matchesRegex('a', global), matchesRegex('a', global)]).toEqual([true, true]);
    expect(() => matchesRegex('x', '(')).toThrow(AppError);
    try {
      matchesRegex('x', '(');
    } catch (error) {
      expect((error as AppError).code).toBe('INVALID_INPUT');
    }
  });

  const schema = {
    type: 'object',
    properties: { name: { type: 'string', minLength: 2 }, age: { type: 'integer', minimum: 0 } },
    required: ['name'],
    additionalProperties: false,
  };

  test('JSON validity, with and without a schema, fenced or not', () => {
    expect(jsonValidity('{"name": "Ada", "age": 36}', schema)).toEqual({ valid: true, errors: [], value: { name: 'Ada', age: 36 } });
    expect(jsonValidity('```json\n{"name": "Ada"}\n```', schema).valid).toBe(true);
    expect(jsonValidity('[1, 2]').valid).toBe(true);
    const notJson = jsonValidity('name: Ada');
    expect(notJson.valid).toBe(false);
    expect(notJson.errors[0]).toMatch(/^not JSON/);
  });

  test('schema violations are listed by path', () => {
    const result = jsonValidity('{"name": "A", "age": -1, "extra": true}', schema);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(3);
    expect(result.errors.some((e) => e.startsWith('name:'))).toBe(true);
    expect(result.errors.some((e) => e.startsWith('age:'))).toBe(true);
  });

  test('an unusable schema is INVALID_INPUT', () => {
    expect(() => jsonValidity('{}', { type: 'no-such-type' })).toThrow(/JSON schema cannot be used/);
  });
});
