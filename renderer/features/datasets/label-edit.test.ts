import { expect, test } from 'vitest';
import {
  applyToLabel,
  canonicalLabel,
  commandOfKey,
  effectiveLabel,
  isLabelingKeyEvent,
  isPairwise,
  labelChanges,
  labelSummary,
  sameLabel,
  stepCursor,
  withLabel,
} from './label-edit.js';

test('keys map to labeling commands; other keys are left alone', () => {
  expect(['1', '5', 'p', 'f', 'a', 'b', 't', 'x', 'u', 'j', 'k'].map(commandOfKey)).toEqual([
    { kind: 'score', value: 1 }, { kind: 'score', value: 5 }, { kind: 'pass', value: true }, { kind: 'pass', value: false },
    { kind: 'preference', value: 'A' }, { kind: 'preference', value: 'B' }, { kind: 'preference', value: 'tie' },
    { kind: 'clear' }, { kind: 'revert' }, { kind: 'move', by: 1 }, { kind: 'move', by: -1 },
  ]);
  expect(['0', '6', 'P', 'Enter', ' ', 'ArrowDown'].map(commandOfKey)).toEqual([null, null, null, null, null, null]);
});

test('typing in a text field or with a modifier is not labeling; a focused checkbox or button is', () => {
  const event = (key: string, target: unknown, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, target, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  expect(isLabelingKeyEvent(event('3', { tagName: 'BODY' }))).toBe(true);
  expect(isLabelingKeyEvent(event('3', { tagName: 'button' }))).toBe(true);
  expect(isLabelingKeyEvent(event('p', { tagName: 'INPUT', type: 'checkbox' }))).toBe(true);
  expect(isLabelingKeyEvent(event('p', { tagName: 'INPUT', type: 'text' }))).toBe(false);
  expect(isLabelingKeyEvent(event('p', { tagName: 'TEXTAREA' }))).toBe(false);
  expect(isLabelingKeyEvent(event('p', { tagName: 'DIV', isContentEditable: true }))).toBe(false);
  expect(isLabelingKeyEvent(event('f', { tagName: 'BODY' }, { ctrlKey: true }))).toBe(false);
  expect(isLabelingKeyEvent(event('q', { tagName: 'BODY' }))).toBe(false);
});

test('labels compare by content, in any field order; an empty label is none', () => {
  expect(canonicalLabel({ preference: 'A', score: 3 })).toEqual({ score: 3, preference: 'A' });
  expect(canonicalLabel({})).toBeNull();
  expect(sameLabel({ pass: true, score: 4 }, { score: 4, pass: true })).toBe(true);
  expect(sameLabel({}, null)).toBe(true);
  expect(sameLabel({ score: 4 }, { score: 4, pass: false })).toBe(false);
});

test('keys set a field; a click on the chosen value takes it away; clear empties the label', () => {
  expect(applyToLabel(null, { kind: 'score', value: 4 })).toEqual({ score: 4 });
  expect(applyToLabel({ score: 4 }, { kind: 'score', value: 4 })).toEqual({ score: 4 });
  expect(applyToLabel({ score: 4, pass: true }, { kind: 'pass', value: false })).toEqual({ score: 4, pass: false });
  expect(applyToLabel({ score: 4, pass: true }, { kind: 'score', value: 4 }, true)).toEqual({ pass: true });
  expect(applyToLabel({ score: 4 }, { kind: 'score', value: 4 }, true)).toBeNull();
  expect(applyToLabel({ score: 4 }, { kind: 'score', value: 2 }, true)).toEqual({ score: 2 });
  expect(applyToLabel({ score: 4, preference: 'B' }, { kind: 'clear' })).toBeNull();
});

test('unsaved labels: a label equal to the stored one is not a change; null clears a stored label', () => {
  const stored = { key: 'c1', human: { score: 5 } };
  let pending = withLabel({}, stored, { score: 3 });
  expect(pending).toEqual({ c1: { score: 3 } });
  expect(effectiveLabel(stored, pending)).toEqual({ score: 3 });
  pending = withLabel(pending, stored, { score: 5 });
  expect(pending).toEqual({});
  expect(effectiveLabel(stored, pending)).toEqual({ score: 5 });
  pending = withLabel(pending, stored, null);
  expect(effectiveLabel(stored, pending)).toBeNull();
  expect(labelChanges(withLabel(pending, { key: 'c2', human: null }, { pass: true }))).toEqual([{ caseKey: 'c1', human: null }, { caseKey: 'c2', human: { pass: true } }]);
});

test('a case asks for a preference when tagged pairwise, when it has one, or when every case should', () => {
  expect(isPairwise({ tags: ['math'], human: { score: 2 } }, undefined, false)).toBe(false);
  expect(isPairwise({ tags: ['Pairwise'], human: null }, undefined, false)).toBe(true);
  expect(isPairwise({ tags: [], human: { preference: 'tie' } }, undefined, false)).toBe(true);
  expect(isPairwise({ tags: [], human: null }, { preference: 'A' }, false)).toBe(true);
  expect(isPairwise({ tags: [], human: null }, null, true)).toBe(true);
});

test('labels read short in the table', () => {
  expect(labelSummary({ score: 4, pass: true, preference: 'A' })).toBe('4 · pass · A');
  expect(labelSummary({ pass: false })).toBe('fail');
  expect(labelSummary({ preference: 'tie' })).toBe('tie');
  expect(labelSummary(null)).toBe('—');
});

test('the cursor steps across pages and stops at both ends', () => {
  expect(stepCursor({ offset: 0, index: 3 }, 1, 50, 120)).toEqual({ offset: 0, index: 4 });
  expect(stepCursor({ offset: 0, index: 49 }, 1, 50, 120)).toEqual({ offset: 50, index: 0 });
  expect(stepCursor({ offset: 50, index: 0 }, -1, 50, 120)).toEqual({ offset: 0, index: 49 });
  expect(stepCursor({ offset: 100, index: 19 }, 1, 50, 120)).toBeNull();
  expect(stepCursor({ offset: 0, index: 0 }, -1, 50, 120)).toBeNull();
});
