import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseVariable } from '../../electron/cli/commands/prompts.command.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

describe('enclave prompts', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());
  const cli = (args: string[], json = true) => runCli(['prompts', ...args, '--data-dir', dataDir, '--models-dir', temp.dir, ...(json ? ['--json'] : [])], { timeoutMs: 120_000 });

  test('--var specs', () => {
    expect(parseVariable('topic')).toEqual({ name: 'topic', type: 'string', required: true });
    expect(parseVariable('count:number?')).toEqual({ name: 'count', type: 'number', required: false });
    expect(parseVariable('count:number=3')).toEqual({ name: 'count', type: 'number', required: false, default: 3 });
    expect(() => parseVariable('bad name')).toThrow(/--var "bad name" must look like/);
  });

  test('create, version, diff, label, rollback, list and show', async () => {
    const userFile = path.join(temp.dir, 'user.txt');
    writeFileSync(userFile, 'Write about {{topic}}.\nKeep it short.');
    const created = await cli(['create', 'writer', '--user-file', userFile, '--system', 'You write.', '--var', 'topic:string', '-m', 'first']);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ name: 'writer', version: '1.0.0', message: 'first', variables: [{ name: 'topic', type: 'string' }] });

    const typo = await cli(['version', 'writer', '--user', 'Write about {{topc}}.', '-m', 'typo']);
    expect(typo.code).toBe(2);
    expect(typo.json<{ error: { message: string } }>().error.message).toContain('Unknown variable "topc" in the user template, line 1, column 13');

    const v2 = await cli(['version', 'writer', '--user', 'Write about {{topic}} for {{reader}}.\nKeep it short.', '--var', 'topic:string', '--var', 'reader:string?=children', '-m', 'audience']);
    expect(v2.json()).toMatchObject({ previous: '1.0.0', version: { version: '2.0.0' }, suggestion: { bump: 'major' } });

    const diff = await cli(['diff', 'writer', '1.0.0', '2.0.0'], false);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('1.0.0 → 2.0.0');
    expect(diff.stdout).toMatch(/Write about \{\{topic\}\}\. +\| Write about \{\{topic\}\} for \{\{reader\}\}\./);
    expect(diff.stdout).toContain('suggested bump: major (variable added: reader');

    expect((await cli(['label', 'writer', 'production', '1.0.0'])).json()).toMatchObject({ label: 'production', version: '1.0.0', previous: null });
    expect((await cli(['label', 'writer', 'production', '2.0.0'])).json()).toMatchObject({ version: '2.0.0', previous: '1.0.0' });
    const back = await cli(['rollback', 'writer', 'production'], false);
    expect([back.code, back.stdout.trim()]).toEqual([0, 'production rolled back to 1.0.0 (was 2.0.0)']);

    const list = await cli(['list'], false);
    expect(list.stdout).toMatch(/writer\s+2\.0\.0\s+2\s+production=1\.0\.0/);
    const show = await cli(['show', 'writer@production']);
    expect(show.json()).toMatchObject({ version: { version: '1.0.0', labels: ['production'] }, versions: [{ version: '2.0.0' }, { version: '1.0.0' }] });
    const missing = await cli(['show', 'nobody']);
    expect([missing.code, missing.json<{ error: { code: string } }>().error.code]).toEqual([3, 'PROMPT_NOT_FOUND']);
  }, 120_000);

  test('run a prompt by label with guard overrides from a file; streamed text and the final answer agree', async () => {
    const guardFile = path.join(temp.dir, 'guard.json');
    writeFileSync(guardFile, JSON.stringify({ input: { pii: { action: 'block' } } }));
    await cli(['create', 'tale', '--user', 'Once upon a time {{hero}}', '--kind', 'completion', '--var', 'hero:string', '--max-tokens', '8', '--temperature', '0', '-m', 'first']);
    const strict = await cli(['version', 'tale', '--guard', guardFile, '-m', 'refuse personal data']);
    expect(strict.json()).toMatchObject({ version: { version: '1.1.0', guard: { input: { pii: { action: 'block' } } } }, suggestion: { bump: 'minor' } });
    await cli(['label', 'tale', 'production', '1.0.0']);

    const model = path.resolve('../shared/models/stories260K.gguf');
    const run = await cli(['run', 'tale@production', '--vars', '{"hero":"a fox"}', '--model', model]);
    expect(run.code).toBe(0);
    const result = run.json<{ version: string; text: string; completionTokens: number; blocked: boolean }>();
    expect(result).toMatchObject({ version: '1.0.0', blocked: false });
    expect(result.completionTokens).toBeGreaterThan(0);
    const plain = await cli(['run', 'tale@production', '--vars', '{"hero":"a fox"}', '--model', model], false);
    expect(plain.stdout.trim()).toBe(result.text.trim());

    const refused = await cli(['run', 'tale@1.1.0', '--vars', '{"hero":"jane.doe@example.com"}', '--model', model]);
    expect(refused.json()).toMatchObject({ blocked: true, completionTokens: 0 });
    const badVars = await cli(['run', 'tale', '--vars', '{hero']);
    expect([badVars.code, badVars.json<{ error: { message: string } }>().error.message]).toEqual([2, '--vars must be a JSON object, e.g. \'{"topic":"cats"}\'']);
  }, 120_000);
});
