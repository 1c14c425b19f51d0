import { describe, expect, test } from 'vitest';
import { formatSideBySide, lineOps, sideBySide } from '../../electron/core/prompts/line-diff.js';
import { bumpSemVer, compareSemVer, parseSemVer } from '../../electron/core/prompts/semver.js';
import { suggestBump, type VersionContent } from '../../electron/core/prompts/version-diff.js';

const base: VersionContent = {
  kind: 'chat',
  system: 'You are a helpful assistant.',
  user: 'Summarise {{text}} for {{audience}}.',
  variables: [{ name: 'text', type: 'string', required: true }, { name: 'audience', type: 'string', required: true }],
  params: { model: 'm1', temperature: 0.2 },
  outputSchema: null,
  guard: null,
};

describe('semantic versions', () => {
  test('parse, compare and bump', () => {
    expect(parseSemVer('1.12.3')).toEqual({ major: 1, minor: 12, patch: 3 });
    expect(parseSemVer('1.2')).toBeNull();
    expect(compareSemVer(parseSemVer('1.10.0')!, parseSemVer('1.9.9')!)).toBeGreaterThan(0);
    expect(bumpSemVer({ major: 1, minor: 2, patch: 3 }, 'major')).toEqual({ major: 2, minor: 0, patch: 0 });
    expect(bumpSemVer({ major: 1, minor: 2, patch: 3 }, 'minor')).toEqual({ major: 1, minor: 3, patch: 0 });
    expect(bumpSemVer({ major: 1, minor: 2, patch: 3 }, 'patch')).toEqual({ major: 1, minor: 2, patch: 4 });
  });
});

describe('bump suggestion from the kind of change', () => {
  test('a variable added or removed is major', () => {
    const added = suggestBump(base, { ...base, user: 'Summarise {{text}} for {{audience}} in {{language}}.', variables: [...base.variables, { name: 'language', type: 'string', required: true }] });
    expect(added.bump).toBe('major');
    expect(added.reasons).toContainEqual({ bump: 'major', reason: 'variable added: language' });
    const removed = suggestBump(base, { ...base, user: 'Summarise {{text}}.', variables: [base.variables[0]!] });
    expect(removed.bump).toBe('major');
    expect(removed.reasons).toContainEqual({ bump: 'major', reason: 'variable removed: audience' });
  });

  test('a retyped variable or a new output schema is major', () => {
    expect(suggestBump(base, { ...base, variables: [base.variables[0]!, { name: 'audience', type: 'list', required: true }] }).bump).toBe('major');
    expect(suggestBump(base, { ...base, outputSchema: { type: 'object' } }).bump).toBe('major');
  });

  test('wording is minor, spacing or punctuation is patch', () => {
    expect(suggestBump(base, { ...base, user: 'Briefly summarise {{text}} for {{audience}}.' })).toEqual({ bump: 'minor', reasons: [{ bump: 'minor', reason: 'user template wording changed' }] });
    expect(suggestBump(base, { ...base, system: 'You are a helpful  assistant!' })).toEqual({ bump: 'patch', reasons: [{ bump: 'patch', reason: 'system template spacing or punctuation changed' }] });
  });

  test('model change is minor, sampling tweaks are patch, nothing changed is null', () => {
    expect(suggestBump(base, { ...base, params: { ...base.params, model: 'm2' } }).bump).toBe('minor');
    expect(suggestBump(base, { ...base, params: { temperature: 0.3, model: 'm1' } }).bump).toBe('patch');
    expect(suggestBump(base, { ...base, params: { temperature: 0.2, model: 'm1' } })).toEqual({ bump: null, reasons: [] });
  });
});

describe('line diff (LCS)', () => {
  test('the edit script keeps the longest common subsequence', () => {
    const ops = lineOps(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e']);
    expect(ops.map((o) => o.kind)).toEqual(['same', 'removed', 'same', 'same', 'added']);
  });

  test('side by side pairs removals with additions as changed lines, with line numbers', () => {
    const rows = sideBySide('intro\nold line\nkeep\ngone', 'intro\nnew line\nkeep\nextra 1\nextra 2');
    expect(rows).toEqual([
      { kind: 'same', left: { line: 1, text: 'intro' }, right: { line: 1, text: 'intro' } },
      { kind: 'changed', left: { line: 2, text: 'old line' }, right: { line: 2, text: 'new line' } },
      { kind: 'same', left: { line: 3, text: 'keep' }, right: { line: 3, text: 'keep' } },
      { kind: 'changed', left: { line: 4, text: 'gone' }, right: { line: 4, text: 'extra 1' } },
      { kind: 'added', left: null, right: { line: 5, text: 'extra 2' } },
    ]);
    expect(formatSideBySide(rows, 10).split('\n')[1]).toBe('old line   | new line');
  });

  test('empty sides', () => {
    expect(sideBySide('', 'a')).toEqual([{ kind: 'added', left: null, right: { line: 1, text: 'a' } }]);
    expect(sideBySide('a', '')).toEqual([{ kind: 'removed', left: { line: 1, text: 'a' }, right: null }]);
  });
});
