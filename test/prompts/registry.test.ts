import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { storiesModel } from '../eval/helpers/fixtures.js';
import { tempDir } from '../helpers/fixtures.js';

interface Version { id: number; name: string; version: string; user: string; variables: Array<{ name: string }>; labels: string[]; params: Record<string, unknown> }
interface LabelResult { label: string; version: string; previous: string | null; protected: boolean; gateRunId: string | null }

describe('prompt registry: versions, labels, rollback, protected labels', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  const analyst = as('bob');

  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('create, then versions with suggested bumps; fields left out are inherited', async () => {
    const v1 = await client.call<Version>('prompts.create', { name: 'summary', system: 'You summarise.', user: 'Summarise {{text}}.', params: { temperature: 0.1 } });
    expect(v1.version).toBe('1.0.0');
    expect((await client.failure('prompts.create', { name: 'summary', user: 'x' })).details).toMatchObject({ reason: 'PROMPT_EXISTS' });

    const v11 = await client.call<{ version: Version; previous: string; suggestion: { bump: string } }>('prompts.version', { prompt: 'summary', user: 'Briefly summarise {{text}}.', message: 'shorter' });
    expect([v11.previous, v11.version.version, v11.suggestion.bump]).toEqual(['1.0.0', '1.1.0', 'minor']);
    expect(v11.version.params).toEqual({ temperature: 0.1 });

    // A new placeholder must be declared: an undeclared one is taken for a typo.
    expect((await client.failure('prompts.version', { prompt: 'summary', user: 'Briefly summarise {{text}} for {{audience}}.', message: 'audience' })).message).toBe('Unknown variable "audience" in the user template, line 1, column 32; declared variables: text');
    const variables = [{ name: 'text' }, { name: 'audience' }];
    const preview = await client.call<{ current: string; next: string; suggestion: { bump: string } }>('prompts.suggestBump', { prompt: 'summary', user: 'Briefly summarise {{text}} for {{audience}}.', variables });
    expect(preview).toMatchObject({ current: '1.1.0', next: '2.0.0', suggestion: { bump: 'major' } });
    const v2 = await client.call<{ version: Version }>('prompts.version', { prompt: 'summary', user: 'Briefly summarise {{text}} for {{audience}}.', variables, message: 'audience' });
    expect(v2.version.version).toBe('2.0.0');
    expect(v2.version.variables.map((v) => v.name)).toEqual(['text', 'audience']);

    const patch = await client.call<{ version: Version }>('prompts.version', { prompt: 'summary', params: { temperature: 0.2 }, message: 'warmer', bump: 'patch' });
    expect(patch.version.version).toBe('2.0.1');
    const explicit = await client.call<{ version: Version }>('prompts.version', { prompt: 'summary', params: { temperature: 0.3 }, message: 'jump', version: '3.0.0' });
    expect(explicit.version.version).toBe('3.0.0');
    expect((await client.failure('prompts.version', { prompt: 'summary', params: { temperature: 0.4 }, message: 'back', version: '2.5.0' })).message).toContain('greater than the latest, 3.0.0');
    expect((await client.failure('prompts.version', { prompt: 'summary', params: { temperature: 0.3 }, message: 'same' })).message).toContain('Nothing changed');
    expect((await client.failure('prompts.version', { prompt: 'summary', user: 'Hi {{nmae}}', variables: [{ name: 'name' }], message: 'typo' })).message).toContain('Unknown variable "nmae" in the user template, line 1, column 4');
  });

  test('stored versions are immutable, even to SQL', () => {
    const db = new Database(path.join(temp.dir, 'data', 'enclave.db'));
    try {
      expect(() => db.prepare("UPDATE prompt_versions SET user_template = 'changed' WHERE version = '1.0.0'").run()).toThrow('prompt versions are immutable');
    } finally {
      db.close();
    }
  });

  test('resolution of name, name@version and name@label; rendering', async () => {
    await client.call('prompts.label', { prompt: 'summary', label: 'staging', version: '1.1.0' });
    expect((await client.call<{ version: Version; via: string }>('prompts.resolve', { ref: 'summary' })).version.version).toBe('3.0.0');
    expect((await client.call<{ version: Version; via: string }>('prompts.resolve', { ref: 'summary@2.0.0' })).via).toBe('version');
    const byLabel = await client.call<{ version: Version; via: string }>('prompts.resolve', { ref: 'summary@staging' });
    expect([byLabel.version.version, byLabel.via]).toEqual(['1.1.0', 'label']);
    expect((await client.failure('prompts.resolve', { ref: 'summary@prod' })).message).toBe('Prompt "summary" has no label "prod"; labels: staging');
    expect((await client.failure('prompts.resolve', { ref: 'summary@9.9.9' })).details).toMatchObject({ reason: 'PROMPT_NOT_FOUND' });

    const rendered = await client.call<{ messages: unknown; version: string }>('prompts.render', { ref: 'summary@staging', variables: { text: 'the report' } });
    expect(rendered.messages).toEqual([{ role: 'system', content: 'You summarise.' }, { role: 'user', content: 'Briefly summarise the report.' }]);
    expect((await client.failure('prompts.render', { ref: 'summary@2.0.0', variables: { text: 'x' } })).message).toContain('Missing variable "audience" for summary@2.0.0');
    await client.call('prompts.create', { name: 'tale', kind: 'completion', user: 'Once upon a time, {{hero}}' });
    expect((await client.call<{ prompt: string }>('prompts.render', { ref: 'tale', variables: { hero: 'a fox' } })).prompt).toBe('Once upon a time, a fox');
  });

  test('diff of two versions, side by side, with the suggested bump', async () => {
    const diff = await client.call<{ sections: Array<{ field: string; changed: boolean; rows: Array<{ kind: string }> }>; suggestion: { bump: string } }>('prompts.diff', { prompt: 'summary', from: '1.0.0', to: 'staging' });
    expect(diff.sections.filter((s) => s.changed).map((s) => s.field)).toEqual(['user']);
    expect(diff.sections.find((s) => s.field === 'user')?.rows).toEqual([{ kind: 'changed', left: { line: 1, text: 'Summarise {{text}}.' }, right: { line: 1, text: 'Briefly summarise {{text}}.' } }]);
    expect(diff.suggestion.bump).toBe('minor');
  });

  test('rollback walks back through the versions a label held', async () => {
    await client.call('prompts.label', { prompt: 'summary', label: 'staging', version: '2.0.0' });
    await client.call('prompts.label', { prompt: 'summary', label: 'staging', version: '3.0.0' });
    const back = await client.call<LabelResult>('prompts.rollback', { prompt: 'summary', label: 'staging' });
    expect([back.previous, back.version]).toEqual(['3.0.0', '2.0.0']);
    expect((await client.call<LabelResult>('prompts.rollback', { prompt: 'summary', label: 'staging' })).version).toBe('1.1.0');
    expect((await client.failure('prompts.rollback', { prompt: 'summary', label: 'staging' })).message).toContain('no earlier version');
    expect((await client.call<LabelResult>('prompts.rollback', { prompt: 'summary', label: 'staging', to: '2.0.1' })).version).toBe('2.0.1');
    const history = await client.call<Array<{ action: string; from: string | null; to: string }>>('prompts.history', { prompt: 'summary', label: 'staging' });
    expect(history.map((h) => `${h.action}:${h.from ?? '-'}>${h.to}`)).toEqual(['rollback:1.1.0>2.0.1', 'rollback:2.0.0>1.1.0', 'rollback:3.0.0>2.0.0', 'set:2.0.0>3.0.0', 'set:1.1.0>2.0.0', 'set:->1.1.0']);
  });

  test('a protected label needs the role and a passing gate run of the version', async () => {
    const refused = await client.failure('prompts.label', { prompt: 'tale', label: 'production', version: '1.0.0', protected: true });
    expect([refused.code, (refused.details as { reason: string }).reason]).toEqual(['GATE_REQUIRED', 'GATE_REQUIRED']);
    expect(refused.message).toContain('passing gate run');

    const suite = (passRate: number) => `
prompts: [tale@1.0.0]
providers:
  - id: ${storiesModel}
    config: { maxTokens: 8 }
tests:
  - vars: { hero: a fox }
    assert: [{ type: not-contains, value: "zzzz" }]
thresholds: { passRate: ${passRate} }
`;
    const failing = await client.job<{ gate: { passed: boolean } }>('eval.runs.start', { suite: suite(1).replace('not-contains', 'contains') });
    expect(failing.gate.passed).toBe(false);
    expect((await client.failure('prompts.label', { prompt: 'tale', label: 'production', version: '1.0.0', protected: true })).details).toMatchObject({ reason: 'GATE_REQUIRED' });
    const passing = await client.job<{ id: string; gate: { passed: boolean } }>('eval.runs.start', { suite: suite(1) });
    expect(passing.gate.passed).toBe(true);

    const denied = await client.failure('prompts.label', { prompt: 'tale', label: 'production', version: '1.0.0', protected: true }, analyst);
    expect([denied.code, (denied.details as { reason: string }).reason]).toEqual(['LABEL_PROTECTED', 'LABEL_PROTECTED']);
    const set = await client.call<LabelResult>('prompts.label', { prompt: 'tale', label: 'production', version: '1.0.0', protected: true });
    expect(set).toMatchObject({ version: '1.0.0', protected: true, gateRunId: passing.id });

    await client.call('prompts.version', { prompt: 'tale', user: 'Long ago, {{hero}}', message: 'new opening' });
    expect((await client.failure('prompts.label', { prompt: 'tale', label: 'production', version: '1.1.0' })).details).toMatchObject({ reason: 'GATE_REQUIRED' });
    expect((await client.failure('prompts.label', { prompt: 'tale', label: 'production', version: '1.1.0' }, analyst)).details).toMatchObject({ reason: 'LABEL_PROTECTED' });
    // Unprotected labels stay free for everyone.
    expect((await client.call<LabelResult>('prompts.label', { prompt: 'tale', label: 'dev', version: '1.1.0' }, analyst)).version).toBe('1.1.0');
  });
});
