import { expect, test } from 'vitest';
import { ClientError } from '../../api/client-error.js';
import {
  cancelBlocked,
  canCancel,
  canResume,
  datasetLabel,
  formatCi,
  formatDelta,
  formatMetric,
  formatMs,
  formatPValue,
  formatRate,
  formatValue,
  gateLabel,
  lineRange,
  modelLabel,
  progressOf,
  promptLabel,
  renderedText,
  runState,
  suiteProblems,
  unsupportedClaims,
} from './eval-format.js';

test('rates are percentages with at most one decimal; missing values are a dash', () => {
  expect(formatRate(0.75)).toBe('75%');
  expect(formatRate(2 / 3)).toBe('66.7%');
  expect(formatRate(1)).toBe('100%');
  expect(formatRate(null)).toBe('—');
  expect(formatRate(undefined)).toBe('—');
});

test('metric values keep precision that fits their size', () => {
  expect(formatMetric(0.43219)).toBe('0.432');
  expect(formatMetric(12.34)).toBe('12.3');
  expect(formatMetric(1234.5)).toBe('1,235');
  expect(formatMetric(3)).toBe('3');
  expect(formatMetric(null)).toBe('—');
  expect(formatMetric(Number.NaN)).toBe('—');
});

test('deltas, intervals and p-values are signed and bounded', () => {
  expect(formatDelta(0.12)).toBe('+0.120');
  expect(formatDelta(-0.05)).toBe('-0.050');
  expect(formatDelta(0)).toBe('0');
  expect(formatCi([-0.1, 0.02])).toBe('[-0.100, +0.020]');
  expect(formatPValue(0.0004)).toBe('<0.001');
  expect(formatPValue(0.04321)).toBe('0.043');
});

test('latencies read in ms under a second, in s above', () => {
  expect(formatMs(840.4)).toBe('840 ms');
  expect(formatMs(2345)).toBe('2.35 s');
  expect(formatMs(null)).toBe('—');
});

test('an interrupted run shows as interrupted and can be resumed, not cancelled', () => {
  const interrupted = { status: 'running' as const, interrupted: true };
  expect(runState(interrupted)).toBe('interrupted');
  expect(canResume(interrupted)).toBe(true);
  expect(canCancel(interrupted)).toBe(false);
  expect(canCancel({ status: 'running', interrupted: false })).toBe(true);
  expect(canResume({ status: 'running', interrupted: false })).toBe(false);
  expect(canResume({ status: 'cancelled', interrupted: false })).toBe(true);
  expect(canResume({ status: 'failed', interrupted: false })).toBe(true);
  expect(canResume({ status: 'succeeded', interrupted: false })).toBe(false);
  expect(runState({ status: 'succeeded', interrupted: false })).toBe('succeeded');
});

test('Cancel stops the job of a working run; without one it says why it cannot', () => {
  expect(cancelBlocked({ status: 'running', interrupted: false, jobId: 'j1' })).toBeNull();
  expect(cancelBlocked({ status: 'running', interrupted: false, jobId: null })).toMatch(/another process/i);
  // Runs Cancel is not offered for need no reason.
  expect(cancelBlocked({ status: 'running', interrupted: true, jobId: null })).toBeNull();
  expect(cancelBlocked({ status: 'cancelled', interrupted: false, jobId: null })).toBeNull();
});

test('progress, dataset, prompts and gate labels', () => {
  expect(progressOf({ doneItems: 3, totalItems: 4 })).toBe(0.75);
  expect(progressOf({ doneItems: 0, totalItems: 0 })).toBe(1);
  expect(datasetLabel({ dataset: { name: 'animals', version: 2 } })).toBe('animals@2');
  expect(promptLabel({ key: 'story', ref: null, version: null })).toBe('story');
  // As the core stores them: the key is the ref unless the suite gave an id; the version is name@version.
  expect(promptLabel({ key: 'story-qa@1.0.0', ref: 'story-qa@1.0.0', version: 'story-qa@1.0.0' })).toBe('story-qa@1.0.0');
  expect(promptLabel({ key: 'story-qa@production', ref: 'story-qa@production', version: 'story-qa@1.0.0' })).toBe('story-qa@production → 1.0.0');
  expect(promptLabel({ key: 'terse', ref: 'story-qa@1.0.0', version: 'story-qa@1.0.0' })).toBe('terse (story-qa@1.0.0)');
  expect(promptLabel({ key: 'terse', ref: 'story-qa@production', version: 'story-qa@1.2.0' })).toBe('terse (story-qa@production → 1.2.0)');
  expect(gateLabel(null)).toBe('—');
  expect(gateLabel({ passed: true, checks: [] })).toBe('pass');
  expect(gateLabel({ passed: false, checks: [] })).toBe('fail');
});

test('suite problems come from SUITE_INVALID details, in line order, unlocated ones last', () => {
  const error = new ClientError({
    code: 'SUITE_INVALID',
    message: 'The suite is not valid',
    details: {
      reason: 'SUITE_INVALID',
      problems: [
        { line: 9, column: 5, path: 'tests[0].assert[0].type', message: 'Unknown assertion type "containz"' },
        { line: null, column: null, path: '', message: 'No model "x"' },
        { line: 2, column: 1, path: 'promts', message: 'Unrecognized key' },
        'junk',
      ],
    },
  });
  expect(suiteProblems(error).map((p) => [p.line, p.path])).toEqual([
    [2, 'promts'],
    [9, 'tests[0].assert[0].type'],
    [null, ''],
  ]);
  expect(suiteProblems(new ClientError({ code: 'INTERNAL', message: 'boom' }))).toEqual([]);
});

test('the rendered prompt reads as text for completions, chats and RAG questions', () => {
  expect(renderedText({ prompt: 'Once upon a time' })).toBe('Once upon a time');
  expect(renderedText({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] })).toBe('system: Be brief.\n\nuser: Hi');
  expect(renderedText({ question: 'Why?', contexts: ['a'] })).toBe('Why?');
  expect(renderedText(null)).toBeNull();
  expect(renderedText({ other: 1 })).toBe('{\n  "other": 1\n}');
  expect(unsupportedClaims({ question: 'q', unsupportedClaims: ['The moon is cheese.'] })).toEqual(['The moon is cheese.']);
  expect(unsupportedClaims({ prompt: 'p' })).toEqual([]);
});

test('variables show strings as they are and anything else as JSON', () => {
  expect(formatValue('cat')).toBe('cat');
  expect(formatValue(3)).toBe('3');
  expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
});

test('a model id shows as the installed model name; anything else as it is', () => {
  const models = [{ id: 'f5bd-1', name: 'stories260K' }];
  expect(modelLabel('f5bd-1', models)).toBe('stories260K');
  expect(modelLabel('stories', models)).toBe('stories');
});

test('a problem line maps to its range in the suite text', () => {
  const text = 'a: 1\nbb: 2\nccc: 3';
  expect(lineRange(text, 1)).toEqual({ start: 0, end: 4 });
  expect(lineRange(text, 2)).toEqual({ start: 5, end: 10 });
  expect(lineRange(text, 3)).toEqual({ start: 11, end: 17 });
  expect(lineRange(text, 4)).toBeNull();
  expect(lineRange(text, 0)).toBeNull();
});
