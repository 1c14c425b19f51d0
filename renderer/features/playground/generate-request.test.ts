import { expect, test } from 'vitest';
import { buildGenerateInput, defaultForm, parseStopSequences } from './generate-request.js';

test('prompt mode sends the prompt and the typed numbers', () => {
  const input = buildGenerateInput({ ...defaultForm, modelId: 'm1', prompt: 'Once upon a time', maxTokens: '64', temperature: '0', seed: '' });
  expect(input).toEqual({ model: 'm1', prompt: 'Once upon a time', maxTokens: 64, temperature: 0, topP: 0.95, topK: 40 });
});

test('chat mode sends messages and leaves out an empty system message', () => {
  const withoutSystem = buildGenerateInput({ ...defaultForm, modelId: 'm1', mode: 'chat', system: '  ', user: 'Hi' });
  expect(withoutSystem.messages).toEqual([{ role: 'user', content: 'Hi' }]);
  expect(withoutSystem.prompt).toBeUndefined();
  const withSystem = buildGenerateInput({ ...defaultForm, modelId: 'm1', mode: 'chat', system: 'Be brief.', user: 'Hi', seed: '7' });
  expect(withSystem.messages).toEqual([
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ]);
  expect(withSystem.seed).toBe(7);
});

test('an empty prompt is still sent, for the core to refuse with its own message', () => {
  expect(buildGenerateInput({ ...defaultForm, modelId: 'm1', prompt: '' }).prompt).toBe('');
});

test('stop sequences are comma-separated, trimmed, with \\n and \\t escapes', () => {
  expect(parseStopSequences('\\n\\n, User: ,,\\tEnd')).toEqual(['\n\n', 'User:', '\tEnd']);
  expect(buildGenerateInput({ ...defaultForm, stop: '' }).stop).toBeUndefined();
});

test('a chat sends the earlier turns between the system message and the new user message', () => {
  const history = [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }] as const;
  const input = buildGenerateInput({ ...defaultForm, modelId: 'm1', mode: 'chat', system: 'Be brief.', user: 'And then?' }, [...history]);
  expect(input.messages).toEqual([{ role: 'system', content: 'Be brief.' }, ...history, { role: 'user', content: 'And then?' }]);
});
