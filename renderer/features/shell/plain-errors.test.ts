import { describe, expect, it } from 'vitest';
import { ClientError } from '../../api/client-error.js';
import { fieldName, plainError, plainIssue } from './plain-errors.js';

describe('plain validation messages', () => {
  it('names the field in words', () => {
    expect(fieldName('contextSize')).toBe('Context size');
    expect(fieldName('settings.answer.top_k')).toBe('Top k');
    expect(fieldName('messages.0.content')).toBe('Content');
    expect(fieldName('')).toBe('This value');
  });

  it("turns zod's wording into a sentence a person reads", () => {
    expect(plainIssue('name', 'Too small: expected string to have >=1 characters')).toBe('Name is required');
    expect(plainIssue('password', 'Too small: expected string to have >=8 characters')).toBe('Password needs at least 8 characters');
    expect(plainIssue('contextSize', 'Too small: expected number to be >=256')).toBe('Context size must be at least 256');
    expect(plainIssue('threads', 'Too big: expected number to be <=64')).toBe('Threads must be at most 64');
    expect(plainIssue('modelId', 'Invalid input: expected string, received undefined')).toBe('Model id is required');
    expect(plainIssue('mode', 'Invalid option: expected one of "fts"|"vector"|"hybrid"')).toBe('Mode must be one of fts, vector, hybrid');
    // A message the core wrote itself is kept, with its field.
    expect(plainIssue('prompt', 'the prompt is empty')).toBe('Prompt: the prompt is empty');
  });

  it('keeps the code and the non-validation message as they are', () => {
    const one = new ClientError({ code: 'INVALID_INPUT', message: 'Invalid parameters for x: name: Too small…', details: [{ path: 'name', message: 'Too small: expected string to have >=1 characters' }] });
    expect(plainError(one)).toEqual({ message: 'Name is required', lines: [] });
    const two = new ClientError({ code: 'INVALID_INPUT', message: 'x', details: [{ path: 'name', message: 'Too small: expected string to have >=1 characters' }, { path: 'topK', message: 'Too big: expected number to be <=50' }] });
    expect(plainError(two)).toEqual({ message: 'Some values need a fix:', lines: ['Name is required', 'Top k must be at most 50'] });
    const other = new ClientError({ code: 'MODEL_IN_USE', message: 'stories260K answers for handbook' });
    expect(plainError(other)).toEqual({ message: 'stories260K answers for handbook', lines: [] });
  });
});
